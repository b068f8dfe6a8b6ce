import re

HOSTNAME = re.compile(r"^(([a-z0-9]+)*\.)+[a-z]{2,}$")


def is_hostname(value: str) -> bool:
    return HOSTNAME.fullmatch(value) is not None
