import json
import marshal
from flask import Flask, request

app = Flask(__name__)


@app.post("/state")
def load_state():
    state = json.loads(request.get_data())
    return {"keys": list(state)}
