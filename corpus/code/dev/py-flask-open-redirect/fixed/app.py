from urllib.parse import urlparse
from flask import Flask, request, redirect, session

app = Flask(__name__)


@app.post("/login")
def login():
    session["user"] = request.form["username"]
    next_url = request.args.get("next", "/")
    parsed = urlparse(next_url)
    if parsed.scheme or parsed.netloc or not next_url.startswith("/"):
        next_url = "/"
    return redirect(next_url)
