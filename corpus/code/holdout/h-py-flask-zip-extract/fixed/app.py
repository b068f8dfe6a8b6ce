import os
import zipfile
from flask import Flask, request

app = Flask(__name__)
DEST = "/srv/plugins"


@app.post("/plugins")
def install_plugin():
    with zipfile.ZipFile(request.files["plugin"]) as zf:
        for member in zf.namelist():
            target = os.path.realpath(os.path.join(DEST, member))
            if not target.startswith(os.path.realpath(DEST) + os.sep):
                continue
            zf.extract(member, DEST)
    return {"ok": True}
