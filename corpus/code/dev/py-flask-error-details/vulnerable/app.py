import logging
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/import")
def import_csv():
    try:
        rows = parse(request.files["file"].read())
    except Exception as e:
        return jsonify(error=str(e)), 500
    return jsonify(rows=rows)


def parse(data):
    return data.decode().splitlines()
