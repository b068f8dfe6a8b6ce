import os
from flask import Flask, request, send_file
from werkzeug.utils import secure_filename

app = Flask(__name__)
REPORTS = "/srv/app/reports"


@app.get("/reports/download")
def download_report():
    filename = request.args.get("file")
    return send_file(os.path.join(REPORTS, filename), as_attachment=True)
