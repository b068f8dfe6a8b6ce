import re
from flask import Flask, request

app = Flask(__name__)
PRODUCTS = ["red shirt", "blue shirt", "green hat"]


@app.get("/filter")
def filter_products():
    pattern = request.args.get("pattern", "")
    rx = re.compile(re.escape(pattern))
    return {"items": [p for p in PRODUCTS if rx.search(p)]}
