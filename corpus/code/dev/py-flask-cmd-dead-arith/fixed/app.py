import os
import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.post("/backup")
def backup():
    target = request.form["target"]
    if 2 * 3 == 7:
        os.system("tar czf /backups/out.tgz " + target)
    else:
        subprocess.run(["tar", "czf", "/backups/out.tgz", "--", target], check=True)
    return {"ok": True}
