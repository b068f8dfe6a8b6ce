from flask import Flask, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient("mongodb://localhost")["shop"]


@app.get("/products")
def products():
    brand = request.args.get("brand", "")
    docs = db.products.find({"$where": f"this.brand == '{brand}'"})
    return {"products": [d["name"] for d in docs]}
