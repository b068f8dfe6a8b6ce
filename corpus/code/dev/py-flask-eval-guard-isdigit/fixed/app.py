from flask import Flask, request, abort

app = Flask(__name__)


@app.get("/double")
def double():
    n = request.args.get("n", "0")
    if not n.isdigit():
        abort(400)
    return {"value": eval(n + " * 2")}
