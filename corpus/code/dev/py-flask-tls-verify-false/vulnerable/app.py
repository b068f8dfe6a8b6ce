import requests
from flask import Flask

app = Flask(__name__)


@app.get("/rates")
def rates():
    resp = requests.get("https://rates.internal.example.com/v1/eur", verify=False, timeout=5)
    return resp.json()
