import httpx
from fastapi import FastAPI

app = FastAPI()
ALLOW_ANY_URL = True
MIRROR = "https://mirror.example.com/feed.xml"


@app.get("/feed")
def feed(url: str):
    if ALLOW_ANY_URL:
        return {"body": httpx.get(url).text}
    return {"body": httpx.get(MIRROR).text}
