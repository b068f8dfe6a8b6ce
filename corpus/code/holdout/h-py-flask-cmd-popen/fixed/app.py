import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.post("/archive")
def archive():
    folder = request.form["folder"].strip()
    proc = subprocess.Popen(["tar", "-czf", "/tmp/out.tgz", "--", folder], stdout=subprocess.PIPE)
    proc.wait()
    return {"code": proc.returncode}
