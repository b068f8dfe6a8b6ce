import re
from flask import Flask, request

app = Flask(__name__)
EMAIL = re.compile(r"^([a-zA-Z0-9]+\.?)+@example\.com$")


@app.post("/invite")
def invite():
    email = request.form["email"]
    return {"valid": bool(EMAIL.match(email))}
