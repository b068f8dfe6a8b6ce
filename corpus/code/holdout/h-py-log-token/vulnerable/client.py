import logging
import requests

log = logging.getLogger(__name__)


def call(api_key: str, path: str):
    log.debug("calling %s with key %s", path, api_key)
    return requests.get("https://api.example.com" + path, headers={"X-Api-Key": api_key}, timeout=10)
