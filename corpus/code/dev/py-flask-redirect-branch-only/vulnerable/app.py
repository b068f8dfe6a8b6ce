from flask import Flask, request, redirect

app = Flask(__name__)
INTERNAL = {"/home", "/billing", "/settings"}


@app.get("/jump")
def jump():
    target = request.args.get("to", "/home")
    return redirect(target)
