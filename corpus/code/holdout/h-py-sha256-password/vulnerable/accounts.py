import hashlib
import os


def hash_password(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()
