import urllib.request
from flask import Flask, request

app = Flask(__name__)
AVATAR_SERVICE = "https://avatars.example.com/render"


@app.get("/avatar")
def avatar():
    src = request.args.get("src")
    with urllib.request.urlopen(AVATAR_SERVICE, timeout=5) as resp:
        return resp.read(), 200, {"Content-Type": "image/png"}
