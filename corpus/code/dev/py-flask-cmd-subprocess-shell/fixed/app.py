import subprocess
from flask import Flask, request, send_file
from werkzeug.utils import secure_filename

app = Flask(__name__)


@app.route("/thumbnail", methods=["POST"])
def thumbnail():
    name = secure_filename(request.json["filename"])
    subprocess.run(["convert", f"uploads/{name}", "-resize", "200x200", f"thumbs/{name}"], check=True)
    return send_file(f"thumbs/{name}")
