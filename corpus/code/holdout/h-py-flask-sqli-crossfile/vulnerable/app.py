from flask import Flask, request
from repo import count_by_status

app = Flask(__name__)


@app.get("/tickets/count")
def ticket_count():
    status = request.args.get("status", "open")
    return {"count": count_by_status(status)}
