import hmac
import os
from flask import Flask, request, abort

app = Flask(__name__)
WEBHOOK_TOKEN = os.environ["WEBHOOK_TOKEN"]


@app.post("/hooks/deploy")
def deploy_hook():
    token = request.headers.get("X-Webhook-Token", "")
    if not hmac.compare_digest(token, WEBHOOK_TOKEN):
        abort(403)
    return {"queued": True}
