import os
from fastapi import FastAPI

app = FastAPI()


@app.get("/logs/{name}")
def read_log(name: str):
    with open(os.path.join("/var/log/app", name)) as f:
        return {"lines": f.read().splitlines()[-100:]}
