import sqlite3
from flask import Flask, request

app = Flask(__name__)
LEGACY_SEARCH = False


@app.get("/books")
def books():
    title = request.args.get("title", "")
    db = sqlite3.connect("library.db")
    if LEGACY_SEARCH:
        rows = db.execute("SELECT * FROM books WHERE title = '%s'" % title).fetchall()
    else:
        rows = db.execute("SELECT * FROM books WHERE title = ?", (title,)).fetchall()
    return {"books": rows}
