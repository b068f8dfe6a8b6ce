import psycopg2
from flask import Flask, request

app = Flask(__name__)
conn = psycopg2.connect("dbname=inventory")


@app.post("/stock/bulk")
def bulk():
    skus = request.json["skus"]
    cur = conn.cursor()
    cur.execute("SELECT sku, qty FROM stock WHERE sku = ANY(%s)", (list(skus),))
    return {"stock": cur.fetchall()}
