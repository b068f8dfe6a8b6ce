from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlalchemy.orm import Session

from .db import get_session

router = APIRouter()


@router.get("/users/{username}")
def get_user(username: str, db: Session = Depends(get_session)):
    row = db.execute(text(f"SELECT id, email FROM users WHERE username = '{username}'")).first()
    return {"id": row.id, "email": row.email} if row else {}
