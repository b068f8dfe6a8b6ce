import yaml
from flask import Flask, request

app = Flask(__name__)


@app.post("/pipelines")
def upload_pipeline():
    spec = yaml.load(request.files["spec"].read(), Loader=yaml.Loader)
    return {"stages": list(spec.get("stages", []))}
