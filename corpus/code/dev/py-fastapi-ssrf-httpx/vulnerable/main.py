import httpx
from urllib.parse import urlparse
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()
ALLOWED = {"hooks.slack.com", "discord.com"}


class Webhook(BaseModel):
    url: str
    message: str


@app.post("/notify")
async def notify(hook: Webhook):
    async with httpx.AsyncClient() as client:
        r = await client.post(hook.url, json={"text": hook.message})
    return {"status": r.status_code}
