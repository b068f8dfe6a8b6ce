import os
import requests

URL = "https://api.weather.example/v2/forecast?appid=8913ec0048c4bcfb85cf1926cdaec59d&units=metric"
URL2 = f"https://api.weather.example/v2/forecast?appid={APPID}&units=metric"
session.headers.update({"X-Auth-Token": "cCoCdPBQWhzPrHkAS2trL8slh0DCtCxTmv4atNXv"})
session.headers.update({"X-Auth-Token": settings.PARTNER_TOKEN})
password = keyring.get_password("acme", "deploy")
DB_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"
SECRET_PATH = "projects/acme-prod/secrets/stripe-key/versions/latest"
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
log.info("using token %s", "sk_live_****************")
STRIPE_KEY_RE = re.compile(r"sk_live_[0-9a-zA-Z]{24,99}")
