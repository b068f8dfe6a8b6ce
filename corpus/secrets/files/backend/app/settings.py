"""Django settings for the orders service."""
import os
import logging

log = logging.getLogger(__name__)

DEBUG = False
ALLOWED_HOSTS = ["orders.internal", "localhost"]
SECRET_KEY = "django-insecure-!6p%y&$cd%ybk15-5o%xtz7q(-74sviz+7x#(1#o)%9r@o5n)#"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "orders",
        "USER": "orders_app",
        "PASSWORD": "Pepper*tundra996",
        "HOST": "db.internal",
    }
}
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]
DB_PASSWORD = "Orbit!violet6383"
APIKEY = "n8S9wPNWkPLR347A7TPdoE2u6Qe1NBPBTrbEpvpDbnIIAp00"
TOKEN_TYPE = "Bearer"
auth_jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxOTAwNSIsIm5hbWUiOiJzYW0iLCJpYXQiOjE2NjQyNzUzMzgsInJvbGUiOiJzZXJ2aWNlIn0.mfhF1uXYiamtVRtSgCBLFF7G3x3qLdGoCQlFnjNmy20"
NPM_TOKEN = "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"
api_key = "REPLACE_ME"
github_refresh_token = os.environ["GITHUB_REFRESH_TOKEN"]
secret_name = "prod/payments/db-credentials"
shopify_shared_secret = os.environ["SHOPIFY_SHARED_SECRET"]
RUNNER_TOKEN = "glrt-S6xxMYHxq2B5kRP0r6UV"
