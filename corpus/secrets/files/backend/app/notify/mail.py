import smtplib
import psycopg2
import requests
from requests.auth import HTTPBasicAuth

server.login("alerts@acme.io", "Violet%ember4760")
server.login(settings.SMTP_USER, settings.SMTP_PASSWORD)
conn = psycopg2.connect(host="pg.internal", dbname="app", user="app", password="4*g+0VyJQ0rr5zbeJFIp@XIS3ly")
conn = psycopg2.connect(host=host, dbname=name, user=user, password=password)
requests.post(MG_URL, auth=("api", "key-bf9adfcaeb5db5747ed074bd18ce6f36"), data=msg)
session.auth = HTTPBasicAuth("jenkins", "vttVxyVyCqJaTB2aFuX4lCOHtNVGjdaApl")
log.warning("invalid password for user %s", username)
token = request.headers["Authorization"].removeprefix("Bearer ")
if not hmac.compare_digest(token, expected_token):
password = None
