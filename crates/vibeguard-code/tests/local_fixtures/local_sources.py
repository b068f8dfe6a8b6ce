# Run under the `local` threat model (tests/fixtures.rs): each local source reaching a
# sink is reported; under the default `remote` model this file has no findings.
import configparser
import getpass
import os
import subprocess
from os import environ
from pathlib import Path

import requests


def environment():
    cmd = os.environ["BUILD_CMD"]
    subprocess.call(cmd, shell=True)  # expect: python/shell-injection
    requests.get(os.getenv("API_URL"))  # expect: python/ssrf
    requests.get(environ.get("MIRROR"))  # expect: python/ssrf


def console_and_arguments():
    # Command-line input reaches the sinks that take request input only (SSRF).
    requests.get(input("url? "))  # expect: python/ssrf


def configuration():
    cfg = configparser.ConfigParser()
    cfg.read("deploy.ini")
    subprocess.call(cfg.get("hooks", "post_deploy"), shell=True)  # expect: python/shell-injection
    retries = cfg.getint("net", "retries")
    os.system(retries)  # ok: a number


def console():
    token_url = getpass.getpass("token service: ")
    requests.get(token_url)  # expect: python/ssrf


def files_and_rows(cur):
    script = open("job.txt").read()
    subprocess.call(script, shell=True)  # expect: python/shell-injection
    with open("hosts.txt") as f:
        for host in f:
            requests.get(host)  # expect: python/ssrf
    out = open("log.txt", "w")
    subprocess.call(["tail", "-f"], stdout=out)  # ok: a file opened to write
    target = Path("target.txt").read_text()
    requests.get(target)  # expect: python/ssrf
    row = cur.fetchone()
    subprocess.call(row[0], shell=True)  # expect: python/shell-injection


def numbers_and_flags():
    # A number or a flag read from the environment is no text to inject.
    workers = int(os.environ.get("WORKERS", "4"))
    subprocess.call(["worker", "--count", str(workers)])  # ok
    verbose = os.environ.get("VERBOSE") == "1"
    subprocess.call(["tool", "-v" if verbose else "-q"])  # ok


def file_input():
    import fileinput

    for line in fileinput.input():
        os.system(line)  # expect: python/shell-injection
    for line in fileinput.input(files=("jobs.txt",)):
        subprocess.call(["run-job", line])  # ok: no shell


def whole_environment():
    for name, value in os.environ.items():
        os.system(value)  # expect: python/shell-injection
    for name in os.environ:
        subprocess.call(["printenv", name])  # ok: no shell
    env = os.environ.copy()
    os.system(env["DEPLOY_HOOK"])  # expect: python/shell-injection
