import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.get("/audit")
def audit():
    filters = {"actor": request.args.get("actor", ""), "table": "audit_log"}
    db = sqlite3.connect("audit.db")
    rows = db.execute("SELECT * FROM " + filters["table"] + " WHERE actor = ?", (filters["actor"],)).fetchall()
    return {"rows": rows}
