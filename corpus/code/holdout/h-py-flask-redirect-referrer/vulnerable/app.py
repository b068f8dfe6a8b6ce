from urllib.parse import urlparse
from flask import Flask, request, redirect

app = Flask(__name__)


@app.get("/lang/<code>")
def set_lang(code):
    back = request.args.get("back") or "/"
    resp = redirect(back)
    resp.set_cookie("lang", code[:5], secure=True, httponly=True, samesite="Lax")
    return resp
