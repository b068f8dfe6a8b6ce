import json
import jsonpickle
from flask import Flask, request

app = Flask(__name__)


@app.post("/widgets/import")
def import_widget():
    widget = json.loads(request.get_data(as_text=True))
    return {"type": type(widget).__name__}
