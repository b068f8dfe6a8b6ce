import logging
from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger("auth")


@app.post("/login")
def login():
    data = request.get_json()
    log.info("login attempt: %s", data)
    return {"ok": authenticate(data["email"], data["password"])}


def authenticate(email, password):
    return False
