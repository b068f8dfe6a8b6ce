import sqlite3
from fastapi import FastAPI

app = FastAPI()


@app.get("/items")
def read_items(category: str):
    conn = sqlite3.connect("items.db")
    cur = conn.cursor()
    cur.execute("SELECT id, name, price FROM items WHERE category = '%s'" % category)
    return {"items": cur.fetchall()}
