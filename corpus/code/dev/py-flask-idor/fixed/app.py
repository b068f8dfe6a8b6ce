from flask import Flask, abort
from flask_login import login_required, current_user
from models import Invoice

app = Flask(__name__)


@app.get("/invoices")
@login_required
def list_invoices():
    return {"invoices": [i.to_dict() for i in Invoice.query.filter_by(owner_id=current_user.id)]}


@app.get("/invoices/<int:invoice_id>")
@login_required
def get_invoice(invoice_id):
    invoice = Invoice.query.filter_by(id=invoice_id, owner_id=current_user.id).first_or_404()
    return invoice.to_dict()
