import tarfile
import tempfile
from flask import Flask, request

app = Flask(__name__)


@app.post("/themes")
def upload_theme():
    dest = tempfile.mkdtemp(prefix="theme-")
    with tarfile.open(fileobj=request.files["theme"].stream, mode="r:gz") as tar:
        tar.extractall(dest)
    return {"installed": dest}
