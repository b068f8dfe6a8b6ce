from flask import Flask, request

app = Flask(__name__)
TRUSTED = {"https://app.example.com"}


@app.after_request
def add_cors(resp):
    origin = request.headers.get("Origin", "")
    if origin in TRUSTED:
        resp.headers["Access-Control-Allow-Origin"] = origin
    resp.headers["Access-Control-Allow-Credentials"] = "true"
    return resp
