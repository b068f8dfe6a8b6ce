import hashlib
import sqlite3
from flask import Flask, request
from werkzeug.security import generate_password_hash

app = Flask(__name__)


@app.post("/register")
def register():
    username = request.form["username"]
    password = request.form["password"]
    hashed = hashlib.md5(password.encode()).hexdigest()
    db = sqlite3.connect("users.db")
    db.execute("INSERT INTO users (username, password_hash) VALUES (?, ?)", (username, hashed))
    db.commit()
    return {"created": username}, 201
