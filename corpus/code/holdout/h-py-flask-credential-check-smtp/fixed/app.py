import requests
from flask import Flask, request

app = Flask(__name__)
MAILGUN = "https://api.mailgun.net/v3"


@app.post("/settings/email/test")
def test_email_provider():
    form = request.form
    r = requests.get(MAILGUN + "/domains", auth=("api", form["api_key"]), timeout=10)
    return {"ok": r.ok}
