import os
import jwt
from flask import Flask, request, abort

app = Flask(__name__)
SECRET = os.environ["JWT_SECRET"]


@app.get("/api/account")
def account():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    claims = jwt.decode(token, options={"verify_signature": False})
    if "sub" not in claims:
        abort(401)
    return {"user": claims["sub"]}
