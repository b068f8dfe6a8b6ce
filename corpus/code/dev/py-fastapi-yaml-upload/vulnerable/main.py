import yaml
from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/config")
async def upload_config(file: UploadFile):
    data = await file.read()
    cfg = yaml.load(data, Loader=yaml.UnsafeLoader)
    return {"keys": sorted(cfg)}
