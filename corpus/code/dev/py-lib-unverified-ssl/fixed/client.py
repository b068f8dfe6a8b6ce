import json
import ssl
import urllib.request


def fetch_json(url: str) -> dict:
    ctx = ssl.create_default_context()
    with urllib.request.urlopen(url, context=ctx, timeout=10) as resp:
        return json.load(resp)
