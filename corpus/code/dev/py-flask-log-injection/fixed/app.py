import logging
from flask import Flask, request

app = Flask(__name__)
logger = logging.getLogger(__name__)


@app.get("/download")
def download():
    user = request.args.get("user", "").replace("\r", "").replace("\n", "")
    logger.warning("download requested by " + user)
    return {"ok": True}
