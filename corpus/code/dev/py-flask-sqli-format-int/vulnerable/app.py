import psycopg2
from flask import Flask, request, jsonify

app = Flask(__name__)
conn = psycopg2.connect(dbname="shop")


@app.get("/orders")
def list_orders():
    limit = request.args.get("limit", "20")
    cur = conn.cursor()
    query = "SELECT id, total FROM orders ORDER BY created_at DESC LIMIT {}".format(limit)
    cur.execute(query)
    return jsonify(cur.fetchall())
