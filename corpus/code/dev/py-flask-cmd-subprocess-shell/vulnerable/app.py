import subprocess
from flask import Flask, request, send_file

app = Flask(__name__)


@app.route("/thumbnail", methods=["POST"])
def thumbnail():
    name = request.json["filename"]
    subprocess.run(f"convert uploads/{name} -resize 200x200 thumbs/{name}", shell=True, check=True)
    return send_file(f"thumbs/{name}")
