from flask import Flask

app = Flask(__name__)
app.config["DEBUG"] = True
app.config["JSON_SORT_KEYS"] = False


@app.get("/")
def index():
    return {"hello": "world"}
