import yaml
from flask import Flask, request

app = Flask(__name__)


@app.post("/pipelines")
def upload_pipeline():
    spec = yaml.safe_load(request.files["spec"].read())
    return {"stages": list(spec.get("stages", []))}
