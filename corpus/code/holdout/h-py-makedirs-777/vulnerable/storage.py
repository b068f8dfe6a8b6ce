import os


def ensure_cache(path: str) -> None:
    os.makedirs(path, mode=0o777, exist_ok=True)
