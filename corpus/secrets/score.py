#!/usr/bin/env python3
"""Score secret scanners on the labelled corpus (files/ + labels.jsonl).

For each tool: run it on a copy of files/ (copied to a temp dir outside any git repository,
so no .gitignore/.vibeguardignore or tool config in this repo changes what it sees), map
every finding to (file, line), then:

  found secret    a label "secret" with a finding on any line of its span (line..end_line)
  false positive  a distinct (file, line) with a finding that lies in no secret span; this
                  includes the labelled look-alikes and any plain context line
  recall          found secrets / all secrets
  precision       found secrets / (found secrets + false positives)

Usage:
  python3 corpus/secrets/score.py [--tools vibeguard,gitleaks,betterleaks] [--corpus DIR]
                                  [--vibeguard PATH] [--gitleaks PATH] [--betterleaks PATH]
                                  [--kingfisher PATH] [--ripsecrets PATH]
                                  [--details] [--json OUT]

Binaries default to $VIBEGUARD/$GITLEAKS/... then PATH; vibeguard defaults to
target/release/vibeguard, then target/debug/vibeguard of this repository. Tools whose binary
is missing are skipped with a note. Prints a markdown table and per-kind misses.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
ALL_TOOLS = ["vibeguard", "gitleaks", "betterleaks", "kingfisher", "ripsecrets"]


def load_labels(corpus: Path) -> list[dict]:
    with open(corpus / "labels.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def default_binary(tool: str) -> str | None:
    env = os.environ.get(tool.upper())
    if env:
        return env
    if tool == "vibeguard":
        for profile in ("release", "debug"):
            cand = REPO / "target" / profile / "vibeguard"
            if cand.exists():
                return str(cand)
    return shutil.which(tool)


def rel(path: str, root: str) -> str:
    path = path.replace("\\", "/")
    for prefix in (root.rstrip("/") + "/", os.path.realpath(root).rstrip("/") + "/"):
        if path.startswith(prefix):
            return path[len(prefix):]
    return path[2:] if path.startswith("./") else path


def findings_vibeguard(binary: str, root: str, out: str) -> list[tuple[str, int]]:
    proc = subprocess.run([binary, "scan", root, "--analyzers", "secrets", "--format", "json", "--output", out],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"vibeguard exited {proc.returncode}: {proc.stderr.strip()[:500]}")
    doc = json.load(open(out, encoding="utf-8"))
    hits = []

    def walk(node):
        # The JSON report holds finding objects with a location {path, line}; walk the document
        # so the scorer does not depend on the envelope around them.
        if isinstance(node, dict):
            loc = node.get("location")
            if isinstance(loc, dict) and "path" in loc and "line" in loc and "rule_id" in node:
                hits.append((rel(loc["path"], root), int(loc["line"])))
                return
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)
    return hits


def findings_gitleaks(binary: str, root: str, out: str) -> list[tuple[str, int]]:
    subprocess.run([binary, "dir", root, "--no-banner", "--exit-code", "0", "--report-format", "json",
                    "--report-path", out], capture_output=True, text=True, check=True)
    return [(rel(f["File"], root), int(f["StartLine"])) for f in json.load(open(out, encoding="utf-8"))]


def findings_betterleaks(binary: str, root: str, out: str) -> list[tuple[str, int]]:
    subprocess.run([binary, "fs", root, "--no-banner", "--exit-code", "0", "-o", out],
                   capture_output=True, text=True, check=True)
    doc = json.load(open(out, encoding="utf-8"))
    items = doc.get("findings", []) if isinstance(doc, dict) else doc
    hits = []
    for f in items:
        loc = f.get("location") or {}
        if "path" in loc:
            hits.append((rel(loc["path"], root), int(loc.get("start_line", 0))))
        elif "File" in f:
            hits.append((rel(f["File"], root), int(f["StartLine"])))
    return hits


def findings_kingfisher(binary: str, root: str, out: str) -> list[tuple[str, int]]:
    subprocess.run([binary, "scan", root, "--no-validate", "--git-history", "none", "--format", "json",
                    "--output", out], capture_output=True, text=True)
    doc = json.load(open(out, encoding="utf-8"))
    return [(rel(f["finding"]["path"], root), int(f["finding"]["line"])) for f in doc.get("findings", [])]


def findings_ripsecrets(binary: str, root: str, out: str) -> list[tuple[str, int]]:
    proc = subprocess.run([binary, root], capture_output=True, text=True)
    hits = []
    for line in proc.stdout.splitlines():
        parts = line.split(":", 2)
        if len(parts) >= 2 and parts[1].isdigit():
            hits.append((rel(parts[0], root), int(parts[1])))
    return hits


RUNNERS = {"vibeguard": findings_vibeguard, "gitleaks": findings_gitleaks,
           "betterleaks": findings_betterleaks, "kingfisher": findings_kingfisher,
           "ripsecrets": findings_ripsecrets}


def score(labels: list[dict], hits: list[tuple[str, int]]) -> dict:
    hit_lines = set(hits)
    by_file = defaultdict(set)
    for path, line in hit_lines:
        by_file[path].add(line)
    secrets = [l for l in labels if l["label"] == "secret"]
    covered = defaultdict(set)  # lines inside secret spans
    for s in secrets:
        covered[s["file"]].update(range(s["line"], s["end_line"] + 1))
    clean_kind = {(l["file"], ln): l["kind"] for l in labels if l["label"] == "not-secret"
                  for ln in range(l["line"], l["end_line"] + 1)}
    found, missed = [], []
    for s in secrets:
        lines = by_file.get(s["file"], set())
        (found if any(s["line"] <= ln <= s["end_line"] for ln in lines) else missed).append(s)
    false_pos = sorted((p, ln) for p, ln in hit_lines if ln not in covered.get(p, set()))
    tp, fp = len(found), len(false_pos)
    recall = tp / len(secrets) if secrets else 0.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "secrets": len(secrets), "found": tp, "false_positives": fp,
        "recall": recall, "precision": precision, "f1": f1,
        "missed": [{"file": m["file"], "line": m["line"], "kind": m["kind"]} for m in missed],
        "fp": [{"file": p, "line": ln, "kind": clean_kind.get((p, ln), "unlabelled")} for p, ln in false_pos],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tools", default="vibeguard,gitleaks,betterleaks")
    ap.add_argument("--corpus", default=str(HERE),
                    help="corpus dir holding files/ and labels.jsonl (default: the main corpus; "
                         "corpus/secrets/holdout is the held-out split)")
    for t in ALL_TOOLS:
        ap.add_argument(f"--{t}", help=f"path of the {t} binary")
    ap.add_argument("--details", action="store_true", help="list every miss and false positive")
    ap.add_argument("--json", help="write the full scores as JSON to this file")
    args = ap.parse_args()

    corpus = Path(args.corpus).resolve()
    labels = load_labels(corpus)
    n_secret = sum(1 for l in labels if l["label"] == "secret")
    print(f"corpus: {len({l['file'] for l in labels})} labelled files, {len(labels)} labels "
          f"({n_secret} secret, {len(labels) - n_secret} not-secret)\n")
    results = {}
    with tempfile.TemporaryDirectory(prefix="vg-secrets-corpus-") as tmp:
        root = os.path.join(tmp, "files")
        shutil.copytree(corpus / "files", root)
        for tool in [t.strip() for t in args.tools.split(",") if t.strip()]:
            if tool not in RUNNERS:
                print(f"unknown tool {tool}", file=sys.stderr)
                return 2
            binary = getattr(args, tool) or default_binary(tool)
            if not binary or not os.path.exists(binary):
                print(f"note: {tool} not found, skipped (set --{tool} or ${tool.upper()})", file=sys.stderr)
                continue
            out = os.path.join(tmp, f"{tool}.json")
            try:
                hits = RUNNERS[tool](binary, root, out)
            except (RuntimeError, subprocess.CalledProcessError, OSError, ValueError) as e:
                print(f"note: {tool} failed: {e}", file=sys.stderr)
                continue
            results[tool] = score(labels, hits)

    print("| tool | secrets found | recall | false positives | precision | F1 |")
    print("|---|---:|---:|---:|---:|---:|")
    for tool, r in results.items():
        print(f"| {tool} | {r['found']}/{r['secrets']} | {r['recall']:.1%} | {r['false_positives']} "
              f"| {r['precision']:.1%} | {r['f1']:.1%} |")
    for tool, r in results.items():
        print(f"\n### {tool}: misses by kind\n")
        misses = Counter(m["kind"] for m in r["missed"])
        print(", ".join(f"{k} {n}" for k, n in misses.most_common()) or "none")
        print(f"\n### {tool}: false positives by kind\n")
        fps = Counter(m["kind"] for m in r["fp"])
        print(", ".join(f"{k} {n}" for k, n in fps.most_common()) or "none")
        if args.details:
            for m in r["missed"]:
                print(f"  miss {m['file']}:{m['line']} ({m['kind']})")
            for m in r["fp"]:
                print(f"  fp   {m['file']}:{m['line']} ({m['kind']})")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
