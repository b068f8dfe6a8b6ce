import sqlite3
from flask import Flask, request

app = Flask(__name__)


def find_by_email(email):
    db = sqlite3.connect("crm.db")
    return db.execute("SELECT id, name FROM contacts WHERE email = '%s'" % email).fetchone()


@app.get("/contacts/lookup")
def lookup():
    return {"contact": find_by_email(request.args["email"])}
