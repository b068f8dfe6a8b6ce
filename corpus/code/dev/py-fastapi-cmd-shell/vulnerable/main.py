import subprocess
from fastapi import FastAPI

app = FastAPI()


@app.get("/dns")
def dns_lookup(domain: str):
    out = subprocess.check_output(f"dig +short {domain}", shell=True, text=True)
    return {"records": out.split()}
