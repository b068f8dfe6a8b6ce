import re
from fastapi import FastAPI

app = FastAPI()
LOGS = ["GET /a 200", "POST /b 500"]


@app.get("/logs/grep")
def grep(pattern: str):
    return [l for l in LOGS if re.search(re.escape(pattern), l)]
