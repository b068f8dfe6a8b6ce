from flask import Flask, request
from jinja2 import Environment

app = Flask(__name__)
env = Environment(autoescape=True)


@app.post("/render")
def render():
    tpl = env.from_string(request.form["tpl"])
    return tpl.render(user="ada")
