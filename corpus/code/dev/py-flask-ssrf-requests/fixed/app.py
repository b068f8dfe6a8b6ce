import requests
from urllib.parse import urlparse
from flask import Flask, request, abort

app = Flask(__name__)
ALLOWED_HOSTS = {"images.example.com", "cdn.example.com"}


@app.post("/preview")
def preview():
    url = request.json.get("url")
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        abort(400, "host not allowed")
    resp = requests.get(url, timeout=5)
    return {"status": resp.status_code, "length": len(resp.content)}
