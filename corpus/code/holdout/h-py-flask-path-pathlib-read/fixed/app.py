from pathlib import Path
from flask import Flask, request, abort

app = Flask(__name__)
ROOT = Path("/srv/templates").resolve()


@app.get("/template")
def template():
    p = ROOT.joinpath(request.args["name"]).resolve()
    if not p.is_relative_to(ROOT):
        abort(403)
    return {"src": p.read_text()}
