#!/usr/bin/env python3
import os
import logging

log = logging.getLogger(__name__)

import requests

HEADERS = {"Authorization": "token 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"}
resp = requests.get(url, headers={"Authorization": "Bearer 98hrD9ug1SLGXuXwvYhw1prf2bMghpglV1FGdlTj"})
resp = requests.get(url, headers={"Authorization": f"Bearer {token}"})
sg = SendGridAPIClient("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")
twilio = Client("AC6a7b8c57cd7139e0f05cb07947c8f566", "4027fcc17152272ec924358a2f15c7c8")
password = getpass.getpass("Vault password: ")
if not password:
EXPECTED_SHA256 = "30a7b511159a5c39aaf82aba8b4b8aeccf7a8e381fb6d82cd07a079acf1be408"
anthropic_api_key = os.environ["ANTHROPIC_API_KEY"]
ADMIN_PASSWORD = "-r-k_g2wUUPv18#5Q9"
PASSWORD_RESET_PATH = "/accounts/password/reset/"
TOKEN = "<token>"
SESSION_SECRET = "de53db12034676408d5fdd2830763f6d4cd6ac6489a844e8cd7747cbaddbf96f"
cohere_api_key = "PMAAWa0Rlc8coMH9ofsPFnxnmOQm3IzOwKAUxGLF"
secret_key = "django-insecure-6k$w&2i2uv(&oa=)tvuq&ak(=^h739s+2e3nxbr!nb+*&2s0z-"
BUILD_REVISION = "dd6f5b76159fc568f9b74e493e2729e0cb9d2806"
GITLAB_TOKEN = "glpat-vcq17cNyuZw2XGPcATMT"
