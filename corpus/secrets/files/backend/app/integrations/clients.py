import os
import logging

log = logging.getLogger(__name__)

import boto3
import stripe

s3 = boto3.client(
    "s3",
    aws_access_key_id="ASIA66NAM5WA5YYDX5S6",
    aws_secret_access_key="uf9D8DXa+RAnfBmKOO5KMOZPI+oVpbR2CDjlt1BC",
)
s3.list_buckets()
stripe.api_key = "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"
openai_key = os.environ["OPENAI_API_KEY"]
client = OpenAI(api_key="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")
claude = anthropic.Anthropic(api_key="sk-ant-api03-ZwkJrj_L-21Dikr4w7T2iuSzSuY9Ui2NICGDmbn7db9nTle7Rt--dF85e4oo8VYFlMfaKQzYUit8pxbkcM5yeDswqoiAvAA")
anthropic.Anthropic(api_key="sk-ant-...")  # set ANTHROPIC_API_KEY instead
engine = create_engine("postgresql+psycopg2://orders:YxGJ9Bgi4y=cOA&+w3sI7q-ij@db.internal:5432/orders")
engine = create_engine("postgresql+psycopg2://orders@db.internal:5432/orders")
DATABASE_URL = "postgres://user:password@localhost:5432/dbname"
cache = redis.from_url("redis://:9c9481201bba31f985ef40295fab98f0@cache.internal:6379/0")
login(token="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")
auth_jwt = os.environ["AUTH_JWT"]
PYPI_API_TOKEN = "pypi-AgEIcHlwaS5vcmcqCW5Q8Vid64foO7OvqUYNYrICuuZFaRAdrnrt8kSifjFNalcRFslf6OZoA-ePIzhtoNK8QcV88xVzvLgkGoy6_LmMrBwuEsC3tkOBvuO2LhkTU9xZrPKyw7z"
cohere_api_key = "y9IwG5J73nYjD1R4CCgPS0qeG9OCtFtoWg2fpphY"
DB_PASSWORD = "sGaClEKL?3RwoFLbfTFo?"
password_min_length = "12"
smtp_password = "Violet$orbit3679"
ENABLE_PASSWORD_RESET = "true"
