from xml.dom import minidom
import defusedxml.minidom
from flask import Flask, request

app = Flask(__name__)


@app.post("/sitemap")
def sitemap():
    doc = minidom.parseString(request.data)
    return {"urls": len(doc.getElementsByTagName("url"))}
