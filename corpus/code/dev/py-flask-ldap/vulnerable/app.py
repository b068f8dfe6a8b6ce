import ldap3
from ldap3.utils.conv import escape_filter_chars
from flask import Flask, request

app = Flask(__name__)


@app.get("/directory")
def directory():
    uid = request.args["uid"]
    conn = ldap3.Connection(ldap3.Server("ldap://ldap.internal"), auto_bind=True)
    conn.search("ou=people,dc=corp,dc=example", f"(uid={uid})", attributes=["cn", "mail"])
    return {"entries": [e.entry_to_json() for e in conn.entries]}
