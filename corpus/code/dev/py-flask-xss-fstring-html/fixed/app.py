from html import escape
from flask import Flask, request

app = Flask(__name__)


@app.route("/search")
def search():
    q = request.args.get("q", "")
    return f"<p>No results for <b>{escape(q)}</b></p>"
