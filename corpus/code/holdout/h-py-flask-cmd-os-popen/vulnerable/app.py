import os
import shlex
from flask import Flask, request

app = Flask(__name__)


@app.get("/disk")
def disk():
    path = request.args.get("path", "/")
    return {"usage": os.popen("du -sh " + path).read()}
