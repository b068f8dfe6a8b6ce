from flask import Flask, request, abort
from pymongo import MongoClient

app = Flask(__name__)
users = MongoClient()["app"]["users"]


@app.post("/login")
def login():
    body = request.get_json()
    user = users.find_one({"username": str(body["username"]), "password": str(body["password"])})
    if not user:
        abort(401)
    return {"ok": True}
