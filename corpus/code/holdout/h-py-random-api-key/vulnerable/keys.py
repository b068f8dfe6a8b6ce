import random
import secrets


def new_api_key() -> str:
    return "sk_" + "%032x" % random.getrandbits(128)
