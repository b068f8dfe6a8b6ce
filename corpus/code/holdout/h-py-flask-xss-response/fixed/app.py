from flask import Flask, Response, request
from markupsafe import escape

app = Flask(__name__)


@app.get("/error")
def error_page():
    msg = request.args.get("msg", "unknown")
    return Response("<div class='err'>" + str(escape(msg)) + "</div>", mimetype="text/html")
