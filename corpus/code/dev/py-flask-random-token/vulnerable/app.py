import random
import secrets
import string
from flask import Flask

app = Flask(__name__)


@app.post("/password-reset")
def password_reset():
    token = "".join(random.choice(string.ascii_letters + string.digits) for _ in range(32))
    return {"reset_token": token}
