from pathlib import Path
from flask import Flask, request, abort

app = Flask(__name__)
NOTES_DIR = Path("/var/lib/notes").resolve()


@app.route("/notes/<path:name>")
def read_note(name):
    path = (NOTES_DIR / name).resolve()
    if not path.is_relative_to(NOTES_DIR):
        abort(404)
    with open(path, encoding="utf-8") as fh:
        return {"name": name, "body": fh.read()}
