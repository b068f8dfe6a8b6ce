from flask import Flask, request

app = Flask(__name__)
HOOKS = {}


@app.post("/hooks")
def register_hook():
    src = request.get_data(as_text=True)
    HOOKS[len(HOOKS)] = src
    return {"hooks": list(HOOKS)}
