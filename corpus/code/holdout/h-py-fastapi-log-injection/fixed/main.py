import logging
from fastapi import FastAPI

app = FastAPI()
log = logging.getLogger("api")


@app.get("/track")
def track(event: str):
    log.info("event received: %r", event)
    return {"ok": True}
