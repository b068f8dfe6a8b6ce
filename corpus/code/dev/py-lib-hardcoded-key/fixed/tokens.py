import os
from cryptography.fernet import Fernet

FERNET_KEY = os.environ["FERNET_KEY"].encode()
fernet = Fernet(FERNET_KEY)


def seal(payload: bytes) -> bytes:
    return fernet.encrypt(payload)
