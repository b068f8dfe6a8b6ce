import os
from cryptography.fernet import Fernet

FERNET_KEY = b"q3Xh1q2Kc7Yg0v9wRZpL5mN8tB4sD6fJ2aE1uW0iK3o="
fernet = Fernet(FERNET_KEY)


def seal(payload: bytes) -> bytes:
    return fernet.encrypt(payload)
