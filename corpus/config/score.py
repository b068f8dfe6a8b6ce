#!/usr/bin/env python3
"""Score vibeguard on the labelled configuration corpus.

Usage: score.py [--vibeguard PATH] [--part dev|holdout]

Copies the part's files to a temporary folder (so no ignore file of this repository
applies), runs `vibeguard scan --format json` on it, and prints:
- recall: labelled (file, line, rule) found by a finding of that rule on that line;
- hardened files with any finding (each one is a false positive; the goal is none);
- findings on insecure files that no label expects (listed for review).
"""

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vibeguard", default=os.path.join(HERE, "../../target/release/vibeguard"))
    ap.add_argument("--part", choices=["dev", "holdout"], default="dev")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    base = HERE if a.part == "dev" else os.path.join(HERE, "holdout")
    labels = [json.loads(l) for l in open(os.path.join(base, "labels.jsonl"))]
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "files")
        shutil.copytree(os.path.join(base, "files"), root)
        out = subprocess.run([a.vibeguard, "scan", root, "--format", "json"], capture_output=True, text=True)
        if out.returncode not in (0, 1):
            sys.exit(f"vibeguard failed: {out.stderr}")
        report = json.loads(out.stdout)
    found = collections.defaultdict(set)
    for f in report["findings"]:
        found[f["location"]["path"]].add((f["location"]["line"], f["rule_id"]))
    expected = [l for l in labels if not l.get("clean")]
    clean = [l["file"] for l in labels if l.get("clean")]
    hit = [l for l in expected if (l["line"], l["rule"]) in found.get(l["file"], set())]
    missed = [l for l in expected if l not in hit]
    dirty = {p: sorted(found[p]) for p in clean if found.get(p)}
    labelled = {(l["file"], l["line"], l["rule"]) for l in expected}
    insecure_files = {l["file"] for l in expected}
    extra = sorted(
        (p, line, rule)
        for p in insecure_files
        for (line, rule) in found.get(p, set())
        if (p, line, rule) not in labelled
    )
    by_rule = collections.Counter(l["rule"].split("/")[0] for l in expected)
    hit_by = collections.Counter(l["rule"].split("/")[0] for l in hit)
    n_files = len({l["file"] for l in labels})
    print(f"part: {a.part}  files: {n_files} ({len(clean)} hardened)  labels: {len(expected)}")
    print(f"recall: {len(hit)}/{len(expected)} = {100 * len(hit) / max(1, len(expected)):.1f}%")
    print(f"hardened files with findings: {len(dirty)}/{len(clean)}")
    print(f"unlabelled findings on insecure files: {len(extra)}")
    print("per family: " + ", ".join(f"{k} {hit_by[k]}/{v}" for k, v in sorted(by_rule.items())))
    for l in missed:
        print(f"  missed   {l['file']}:{l['line']} {l['rule']}")
    for p, fs in dirty.items():
        for line, rule in fs:
            print(f"  hardened {p}:{line} {rule}")
    if a.verbose:
        for p, line, rule in extra:
            print(f"  extra    {p}:{line} {rule}")
    print(f"warnings: {len(report.get('warnings', []))}")
    for w in report.get("warnings", []):
        print(f"  {w}")


if __name__ == "__main__":
    main()
