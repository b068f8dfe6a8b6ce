import ldap
from ldap.filter import escape_filter_chars
from flask import Flask, request

app = Flask(__name__)
conn = ldap.initialize("ldap://ldap.internal")


@app.get("/groups")
def groups():
    member = request.args["member"]
    res = conn.search_s("ou=groups,dc=corp", ldap.SCOPE_SUBTREE, "(member=uid=" + member + ",ou=people,dc=corp)")
    return {"groups": [dn for dn, _ in res]}
