import json
import pickle
from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/session/import")
async def import_session(request: Request):
    raw = await request.body()
    data = json.loads(raw)
    return {"keys": list(data)}
