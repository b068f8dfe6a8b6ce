#!/usr/bin/env python3
"""Score vibeguard and its peers, in one run, on the samples datasets.py materialised.

For each tool: one scan of OUT/samples/<split>/, then per sample the set of CWE ids the
tool reported in that file. A vulnerable sample counts as found when the tool reported
its CWE (or a CWE of the same family, see FAMILIES); a safe sample counts as a false
positive when the tool reported its CWE (family) there. Samples whose label is unknown
(Pearce et al.'s completions that were only marked with CodeQL) give a flag rate only.

Each tool maps its own rules to CWEs (vibeguard's JSON `cwe`, Bandit's `issue_cwe`,
Semgrep's `metadata.cwe`, foxguard's `cwe`): rule ids and the scorer stay independent.

usage: score_datasets.py OUT_DIR SPLIT [--tools vibeguard,semgrep,bandit,foxguard] [--json FILE]
env:   VIBEGUARD (binary), SEMGREP, BANDIT, FOXGUARD (binaries), SEMGREP_RULES (rule dir)
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

# Parent/child CWEs that name the same weakness at different granularity; a dataset's
# label and a tool's rule often sit at different levels of the hierarchy.
FAMILIES = [
    {22, 23, 36, 73, 99},          # path traversal / resource injection
    {77, 78, 88},                  # OS command injection
    {79, 80, 83},                  # cross-site scripting
    {89, 564},                     # SQL injection
    {94, 95, 96, 1336},            # code and template injection
    {327, 328, 916, 759, 760},     # broken or weak crypto and password hashing
    {330, 331, 338},               # insufficient randomness
    {611, 827},                    # XML external entities
    {259, 321, 798},               # hard-coded credentials and keys
    {295, 297},                    # certificate validation
    {400, 730, 1333},              # resource exhaustion / ReDoS
    {200, 209, 215, 489, 497},     # information exposure / debug
    {284, 285, 639, 862, 863},     # missing authorization
    {276, 732},                    # permissions
    {377, 379},                    # temporary files
    {1204, 329},                   # static IV
]


def family(cwe):
    for f in FAMILIES:
        if cwe in f:
            return min(f)
    return cwe


def cwes_in(text):
    return {int(m) for m in re.findall(r"CWE-?0*(\d+)", str(text), re.I)}


def run(cmd, **kw):
    t = time.time()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    return p, time.time() - t


def tool_vibeguard(root, out):
    exe = os.environ.get("VIBEGUARD", "vibeguard")
    p, dt = run([exe, "scan", str(root), "--format", "json", "--output", out, "--threads", "2",
                 "--fail-on", "critical"])
    found = defaultdict(set)
    for f in json.load(open(out))["findings"]:
        found[f["location"]["path"]] |= cwes_in(" ".join(f["cwe"]))
    return found, dt


def tool_bandit(root, out):
    exe = os.environ.get("BANDIT", "bandit")
    p, dt = run([exe, "-r", str(root), "-f", "json", "-o", out, "-q"])
    found = defaultdict(set)
    for r in json.load(open(out))["results"]:
        rel = os.path.relpath(r["filename"], root)
        cwe = (r.get("issue_cwe") or {}).get("id")
        if cwe:
            found[rel].add(int(cwe))
    return found, dt


def tool_semgrep(root, out):
    exe = os.environ.get("SEMGREP", "semgrep")
    rules = os.environ["SEMGREP_RULES"]
    p, dt = run([exe, "scan", "--config", rules, "--json", "--output", out, "--metrics", "off",
                 "-j", "2", "--disable-version-check", "--quiet", str(root)])
    found = defaultdict(set)
    for r in json.load(open(out))["results"]:
        rel = os.path.relpath(r["path"], root) if os.path.isabs(r["path"]) else os.path.relpath(r["path"], root)
        found[rel] |= cwes_in(json.dumps(r["extra"].get("metadata", {}).get("cwe", "")))
    return found, dt


def tool_foxguard(root, out):
    exe = os.environ.get("FOXGUARD", "foxguard")
    env = dict(os.environ, RAYON_NUM_THREADS="2")
    p, dt = run([exe, str(root), "-f", "json", "--output", out, "-q"], env=env)
    found = defaultdict(set)
    for r in json.load(open(out))["findings"]:
        rel = os.path.relpath(r["file"], root)
        found[rel] |= cwes_in(r.get("cwe", ""))
    return found, dt


TOOLS = {"vibeguard": tool_vibeguard, "semgrep": tool_semgrep, "bandit": tool_bandit,
         "foxguard": tool_foxguard}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("split")
    ap.add_argument("--tools", default="vibeguard,semgrep,bandit,foxguard")
    ap.add_argument("--json")
    ap.add_argument("--misses", help="print the samples vibeguard missed / flagged wrongly")
    args = ap.parse_args()
    out = Path(args.out)
    root = (out / "samples" / args.split).resolve()
    labels = [json.loads(l) for l in open(out / "labels.jsonl")]
    labels = [l for l in labels if l["split"] == args.split and l["cwe"]]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.tools.split(","):
            found, dt = TOOLS[name](root, os.path.join(tmp, name + ".json"))
            results[name] = (found, dt)
            print(f"# {name}: {dt:.1f}s", file=sys.stderr)
    report = {}
    for name, (found, dt) in results.items():
        stats = defaultdict(lambda: defaultdict(int))
        misses = []
        for l in labels:
            rel = os.path.relpath(out / l["path"], root)
            want = family(l["cwe"])
            got = {family(c) for c in found.get(rel, set())}
            hit = want in got
            key = (l["dataset"], l["cwe"])
            if l["vulnerable"] is True:
                stats[key]["vuln"] += 1
                stats[key]["tp"] += hit
                if not hit:
                    misses.append(("miss", l["dataset"], l["cwe"], l["path"]))
            elif l["vulnerable"] is False:
                stats[key]["safe"] += 1
                stats[key]["fp"] += hit
                if hit:
                    misses.append(("fp", l["dataset"], l["cwe"], l["path"]))
            else:
                stats[key]["unlabelled"] += 1
                stats[key]["flagged"] += hit
        report[name] = {"seconds": round(dt, 2), "stats": {f"{d}|{c}": dict(v) for (d, c), v in stats.items()},
                        "misses": misses}
    print_table(report)
    if args.json:
        json.dump(report, open(args.json, "w"), indent=1)
    if args.misses:
        for kind, d, c, p in report[args.misses]["misses"]:
            print(kind, d, f"CWE-{c}", p)


def totals(stats, datasets=None):
    t = defaultdict(int)
    for k, v in stats.items():
        d, _ = k.split("|")
        if datasets and d not in datasets:
            continue
        for kk, vv in v.items():
            t[kk] += vv
    return t


def pct(a, b):
    return f"{100 * a / b:5.1f}%" if b else "    -"


def print_table(report):
    names = list(report)
    datasets = sorted({k.split("|")[0] for r in report.values() for k in r["stats"]})
    print("dataset".ljust(22) + "".join(f"{n:>26}" for n in names))
    print(" " * 22 + "".join(f"{'recall  (n)   FPR  (n)':>26}" for _ in names))
    for d in datasets + ["ALL"]:
        row = d.ljust(22)
        for n in names:
            t = totals(report[n]["stats"], None if d == "ALL" else {d})
            row += f"{pct(t['tp'], t['vuln'])} ({t['vuln']:3}) {pct(t['fp'], t['safe'])} ({t['safe']:3})".rjust(26)
        print(row)
    print("\nper CWE (all datasets): recall tp/vuln, fp/safe")
    cwes = sorted({int(k.split("|")[1]) for r in report.values() for k in r["stats"]})
    for c in cwes:
        row = f"CWE-{c}".ljust(22)
        for n in names:
            t = defaultdict(int)
            for k, v in report[n]["stats"].items():
                if int(k.split("|")[1]) == c:
                    for kk, vv in v.items():
                        t[kk] += vv
            row += f"{t['tp']:3}/{t['vuln']:<3} {t['fp']:3}/{t['safe']:<3}".rjust(26)
        print(row)


if __name__ == "__main__":
    main()
