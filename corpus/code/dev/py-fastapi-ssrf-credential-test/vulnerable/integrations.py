import httpx
from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()
GITLAB_API = "https://gitlab.com/api/v4"


class Credentials(BaseModel):
    base_url: str
    token: str


@router.post("/integrations/gitlab/verify")
async def verify_gitlab(creds: Credentials):
    async with httpx.AsyncClient(timeout=10) as client:
        resp = await client.get(f"{creds.base_url}/user", headers={"PRIVATE-TOKEN": creds.token})
    return {"valid": resp.status_code == 200}
