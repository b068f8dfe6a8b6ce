import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.post("/jobs")
def jobs():
    pair = ("uptime", request.form["extra"])
    out = subprocess.check_output(pair[0], shell=True)
    return {"out": out.decode()}
