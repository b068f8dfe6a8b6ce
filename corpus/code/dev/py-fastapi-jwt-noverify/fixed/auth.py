import os
import jwt
from fastapi import Header, HTTPException

SECRET = os.environ["JWT_SECRET"]


def current_user(authorization: str = Header(...)):
    token = authorization.split(" ", 1)[1]
    try:
        payload = jwt.decode(token, SECRET, algorithms=["HS256"])
    except jwt.PyJWTError:
        raise HTTPException(status_code=401)
    return payload["sub"]
