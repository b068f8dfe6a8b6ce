import requests
from flask import Flask, request, abort

app = Flask(__name__)
REGIONS = {"eu": "eu.api.example.com", "us": "us.api.example.com"}


@app.get("/region-health")
def region_health():
    host = request.args["host"]
    r = requests.get(f"https://{host}/health", timeout=3)
    return {"status": r.status_code}
