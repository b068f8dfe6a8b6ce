from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()
PARTNERS = {"https://shop.example.com/", "https://docs.example.com/"}


@app.get("/out")
def outbound(url: str):
    return RedirectResponse(url)
