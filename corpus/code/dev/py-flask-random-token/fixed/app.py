import random
import secrets
import string
from flask import Flask

app = Flask(__name__)


@app.post("/password-reset")
def password_reset():
    token = secrets.token_urlsafe(32)
    return {"reset_token": token}
