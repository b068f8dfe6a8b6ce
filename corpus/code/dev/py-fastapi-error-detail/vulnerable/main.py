import logging
from fastapi import FastAPI, HTTPException

app = FastAPI()
log = logging.getLogger(__name__)


@app.post("/reports/{report_id}/run")
def run_report(report_id: int):
    try:
        return {"rows": execute_report(report_id)}
    except Exception as exc:
        raise HTTPException(status_code=500, detail=f"report failed: {exc}")


def execute_report(report_id):
    raise RuntimeError("db connection to 10.0.3.4 refused")
