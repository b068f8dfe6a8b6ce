import logging
from fastapi import FastAPI

app = FastAPI()
log = logging.getLogger("api")


@app.get("/track")
def track(event: str):
    log.info(f"event received: {event}")
    return {"ok": True}
