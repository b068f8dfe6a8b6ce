import os
from flask import Flask, request
from werkzeug.utils import secure_filename

app = Flask(__name__)


@app.post("/upload")
def upload():
    f = request.files["file"]
    dest = os.path.join("/srv/uploads", secure_filename(f.filename))
    f.save(dest)
    os.chmod(dest, 0o640)
    return {"saved": dest}
