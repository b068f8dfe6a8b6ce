import sqlite3
from flask import Flask, request

app = Flask(__name__)

SORT_COLUMNS = ["created_at", "title"]


@app.route("/posts")
def posts():
    parts = ["created_at", request.args.get("sort", "title")]
    db = sqlite3.connect("blog.db")
    sql = "SELECT id, title FROM posts ORDER BY " + parts[0]
    return {"posts": db.execute(sql).fetchall()}
