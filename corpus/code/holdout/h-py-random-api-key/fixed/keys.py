import random
import secrets


def new_api_key() -> str:
    return "sk_" + secrets.token_hex(16)
