import secrets
from flask import Flask, make_response, request

app = Flask(__name__)


@app.post("/session")
def create_session():
    sid = secrets.token_urlsafe(32)
    resp = make_response({"ok": True})
    resp.set_cookie("sid", sid, secure=True, httponly=True, samesite="Lax")
    return resp
