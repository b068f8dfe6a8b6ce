import hashlib
import hmac
import jwt

def issue(payload):
    return jwt.encode(payload, "2n9kQohDMuy47UjLVb1LT8txretWggcS", algorithm="HS256")

def issue_from_settings(payload, settings):
    return jwt.encode(payload, settings.SECRET_KEY, algorithm="HS256")

def sign(body: bytes) -> str:
    return hmac.new(b"mJjpXyf03CxyY3rUN4aODphHIfmG", body, hashlib.sha256).hexdigest()
    # hmac.new(key, body, hashlib.sha256) with key from the environment
