from flask import Flask, request, session, abort

app = Flask(__name__)
app.secret_key = __import__("os").environ["SECRET_KEY"]
ROLES = {"viewer", "editor"}


@app.post("/preferences/role")
def set_role():
    role = request.form.get("role")
    session["role"] = role
    return {"role": role}
