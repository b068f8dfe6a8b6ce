import requests
from flask import Flask, request, jsonify

app = Flask(__name__)

PROVIDER_URLS = {"jira": "https://api.atlassian.com", "linear": "https://api.linear.app"}


@app.post("/integrations/test")
def test_integration():
    body = request.get_json()
    base_url = body["base_url"].rstrip("/")
    token = body["api_token"]
    resp = requests.get(f"{base_url}/me", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    return jsonify(ok=resp.ok, status=resp.status_code)
