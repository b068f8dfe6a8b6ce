#!/usr/bin/env python3
"""Lists the functions a `vibeguard hook` call runs, for laying them out together.

A hook process touches code spread over the whole 8 MB text segment, and every 64 KiB
window it touches is a page fault at start-up (about 75 of them). scripts/install.sh
asks the linker to place the functions listed here next to each other
(`--symbol-ordering-file`), which halves those faults (BENCHMARKS.md, "Hook latency").

The list is made by running the hook under valgrind's callgrind on a sample of gate
payloads (the latency benchmark's Bash calls, a 2,000-line Write, and every 8th case of
each corpus split) and collecting every function that executed. Names are stored
demangled without their hashes (as `nm -C` prints them), so the list survives rebuilds
and compiler updates; install.sh maps them back to the symbols of the binary it built.
Symbols the list names but a build lacks are skipped, and missing ones only cost speed.

Usage (needs valgrind and binutils; re-run after large changes to the hook path):
  scripts/install.sh --build-only
  python3 bench/gate/symbol_order.py --vibeguard target/x86_64-unknown-linux-gnu/dist/vibeguard
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "corpus", "gate"))
sys.path.insert(0, HERE)

from latency import TYPICAL_BASH, payload, write_2000_lines  # noqa: E402
from score import guard_env, load_cases, relocate, setup_project  # noqa: E402

OUT = os.path.join(REPO, "scripts", "hook-symbols.txt")


def symbol_names(binary):
    """mangled name -> name as `nm -C` prints it (no hash), from one symbol table walk."""
    raw = subprocess.run(["nm", "-p", binary], capture_output=True, text=True, check=True).stdout
    dem = subprocess.run(["nm", "-p", "-C", binary], capture_output=True, text=True, check=True).stdout
    names = {}
    for a, b in zip(raw.splitlines(), dem.splitlines()):
        pa, pb = a.split(" ", 2), b.split(" ", 2)
        if len(pa) == 3 and len(pb) == 3 and pa[1].lower() in ("t", "w"):
            names[pa[2]] = pb[2]
    return names


def executed(binary, data, cwd, env, tmp):
    """Mangled names of every function callgrind saw run for one hook call."""
    out = os.path.join(tmp, "callgrind.out")
    subprocess.run(
        ["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out}", binary, "hook", "claude"],
        input=data, cwd=cwd, env=env, capture_output=True, check=False,
    )
    seen = set()
    with open(out) as f:
        for line in f:
            # "fn=(12) name" names a function the first time its id appears.
            if line.startswith(("fn=(", "cfn=(")) and ") " in line:
                seen.add(line.split(") ", 1)[1].strip())
    os.remove(out)
    return seen


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vibeguard", required=True)
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--every", type=int, default=8, help="take every Nth corpus case")
    args = ap.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("symbol_order.py: valgrind is needed")
    binary = os.path.abspath(args.vibeguard)

    with open(os.path.join(REPO, "corpus", "gate", "project.json")) as f:
        fixture = json.load(f)
    tmp = tempfile.mkdtemp(prefix="vg-order-")
    project = os.path.join(tmp, "vg-gate-project")
    setup_project(project, fixture["files"])
    env = guard_env(project, fixture["home_dir"], {})

    payloads = [payload(project, "Bash", {"command": c}, n) for n, c in enumerate(TYPICAL_BASH)]
    payloads.append(write_2000_lines(project))
    for split in ("cases", "holdout", "blind"):
        cases = load_cases(os.path.join(REPO, "corpus", "gate", f"{split}.jsonl"))
        payloads += [relocate(c["payload"], fixture["project_dir"], project) for c in cases[:: args.every]]

    names = symbol_names(binary)
    ran = set()
    for p in payloads:
        ran |= executed(binary, json.dumps(p).encode(), project, env, tmp)
    listed = sorted({names[m] for m in ran if m in names})
    with open(args.out, "w") as f:
        f.write("# Functions a `vibeguard hook` call runs (bench/gate/symbol_order.py); one per line,\n")
        f.write("# demangled without hashes. scripts/install.sh lays them out together.\n")
        for n in listed:
            f.write(n + "\n")
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(payloads)} payloads, {len(ran)} functions ran, {len(listed)} listed in {os.path.relpath(args.out, REPO)}")


if __name__ == "__main__":
    main()
