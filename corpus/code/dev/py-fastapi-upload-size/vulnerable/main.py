from pathlib import Path
from uuid import uuid4
from fastapi import FastAPI, HTTPException, UploadFile

app = FastAPI()
MAX_BYTES = 5 * 1024 * 1024


@app.post("/avatars")
async def upload_avatar(file: UploadFile):
    data = await file.read()
    dest = Path("avatars") / f"{uuid4()}.png"
    dest.write_bytes(data)
    return {"path": str(dest)}
