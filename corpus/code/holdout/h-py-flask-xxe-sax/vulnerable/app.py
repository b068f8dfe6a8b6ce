import xml.sax
import defusedxml.sax
from flask import Flask, request

app = Flask(__name__)


class Counter(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.n = 0

    def startElement(self, name, attrs):
        self.n += 1


@app.post("/count")
def count():
    h = Counter()
    xml.sax.parseString(request.data, h)
    return {"elements": h.n}
