#!/usr/bin/env python3
"""Score vibeguard and the peers on the materialized CredData split (same files, same run).

Usage:
  bench/secrets/creddata_score.py --data DIR [--tools vibeguard,gitleaks,betterleaks,kingfisher]
                                  [--part dev|aside|all] [--misses CATEGORY|all] [--fps]
                                  [--reuse] [--vibeguard PATH] [--gitleaks PATH] ...

DIR is the output of creddata_materialize.py (files/ and labels.jsonl). Each tool scans
DIR/files once; its findings are then scored on each part of the split.

Scoring (line granularity, CredData's own line ranges):
  - a labelled row is found when a finding's line range overlaps the row's LineStart..LineEnd;
  - recall = T rows found / T rows;
  - precision = flagged lines on T rows / flagged lines on labelled rows, where a flagged line
    is a distinct (file, first line) of a finding; it is on a labelled row when the finding
    overlaps that row, and on a T row when it overlaps a T row (F and X rows are "not a
    credential", as CredData scores them). Findings on unlabelled lines are not counted:
    CredData only labels lines some scanner once flagged, so they are unknown, not false.

The split: repositories sorted by SHA-256 of OWNER/NAME; every third (from the first) is
kept aside as the held-out check (16 repositories), the others (30) are for development.

Peer binaries come from --TOOL PATH or $TOOL (GITLEAKS, BETTERLEAKS, KINGFISHER,
CREDSWEEPER, VIBEGUARD); vibeguard defaults to target/release/vibeguard.
"""
import argparse
import collections
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALL_TOOLS = ["vibeguard", "gitleaks", "betterleaks", "kingfisher", "credsweeper"]


def split_of(repos):
    ordered = sorted(repos, key=lambda r: hashlib.sha256(r.encode("utf-8")).hexdigest())
    aside = set(ordered[::3])
    return {r: ("aside" if r in aside else "dev") for r in repos}


def rel(path, root):
    path = path.replace("\\", "/")
    for prefix in (root.rstrip("/") + "/", os.path.realpath(root).rstrip("/") + "/"):
        if path.startswith(prefix):
            return path[len(prefix):]
    return path[2:] if path.startswith("./") else path


def run(cmd, ok=(0, 1)):
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in ok:
        raise RuntimeError(f"{cmd[0]} exited {proc.returncode}: {proc.stderr.strip()[-800:]}")
    return proc


def findings_vibeguard(binary, root, out, reuse):
    if not reuse:
        run([binary, "scan", root, "--analyzers", "secrets", "--format", "json", "--output", out])
    doc = json.load(open(out, encoding="utf-8"))
    return [(rel(f["location"]["path"], root), int(f["location"]["line"]),
             int(f["location"].get("end_line") or f["location"]["line"]), f["rule_id"])
            for f in doc.get("findings", []) if str(f.get("rule_id", "")).startswith("secrets/")]


def findings_gitleaks(binary, root, out, reuse):
    if not reuse:
        run([binary, "dir", root, "--no-banner", "--exit-code", "0", "--report-format", "json",
             "--report-path", out])
    return [(rel(f["File"], root), int(f["StartLine"]), int(f["EndLine"]), f.get("RuleID", ""))
            for f in json.load(open(out, encoding="utf-8"))]


def findings_betterleaks(binary, root, out, reuse):
    if not reuse:
        run([binary, "fs", root, "--no-banner", "--exit-code", "0", "-o", out])
    doc = json.load(open(out, encoding="utf-8"))
    items = doc.get("findings", []) if isinstance(doc, dict) else doc
    hits = []
    for f in items:
        loc = f.get("location") or {}
        if "path" in loc:
            hits.append((rel(loc["path"], root), int(loc.get("start_line", 0)),
                         int(loc.get("end_line") or loc.get("start_line", 0)), f.get("rule_id", "")))
        elif "File" in f:
            hits.append((rel(f["File"], root), int(f["StartLine"]), int(f["EndLine"]), f.get("RuleID", "")))
    return hits


def findings_kingfisher(binary, root, out, reuse):
    if not reuse:
        run([binary, "scan", root, "--no-validate", "--git-history", "none", "--format", "json",
             "--output", out], ok=(0, 1, 200, 205))
    doc = json.load(open(out, encoding="utf-8"))
    hits = []
    for f in doc.get("findings", []):
        g = f.get("finding", f)
        line = int(g.get("line") or (g.get("location") or {}).get("start_line", 0))
        hits.append((rel(g["path"], root), line, line, (f.get("rule") or {}).get("id", "")))
    return hits


def findings_credsweeper(binary, root, out, reuse):
    if not reuse:
        run([binary, "--path", root, "--save-json", out, "--jobs", "2"], ok=(0, 1))
    hits = []
    for c in json.load(open(out, encoding="utf-8")):
        for ld in c.get("line_data_list", []):
            hits.append((rel(ld["path"], root), int(ld["line_num"]), int(ld["line_num"]), c.get("rule", "")))
    return hits


RUNNERS = {"vibeguard": findings_vibeguard, "gitleaks": findings_gitleaks,
           "betterleaks": findings_betterleaks, "kingfisher": findings_kingfisher,
           "credsweeper": findings_credsweeper}


def default_binary(tool):
    env = os.environ.get(tool.upper())
    if env:
        return env
    if tool == "vibeguard":
        cand = ROOT / "target" / "release" / "vibeguard"
        return str(cand) if cand.exists() else None
    return shutil.which(tool)


def score(rows, hits, part_of_file):
    """rows: labelled rows of one part; hits: (file, start, end, rule) findings."""
    by_file = collections.defaultdict(list)
    for i, r in enumerate(rows):
        by_file[r["file"]].append(i)
    found = set()
    flagged = {}  # (file, first line) -> [on labelled row, on T row]
    for f, s, e, _ in hits:
        if f not in by_file:
            continue
        key = (f, s)
        state = flagged.setdefault(key, [False, False])
        for i in by_file[f]:
            r = rows[i]
            if s <= r["end_line"] and e >= r["line"]:
                state[0] = True
                if r["gt"] == "T":
                    state[1] = True
                    found.add(i)
    t_rows = sum(1 for r in rows if r["gt"] == "T")
    labelled = sum(1 for v in flagged.values() if v[0])
    true_lines = sum(1 for v in flagged.values() if v[1])
    recall = len(found) / t_rows if t_rows else 0.0
    precision = true_lines / labelled if labelled else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"t_rows": t_rows, "found": len(found), "recall": recall, "flagged": labelled,
            "true_lines": true_lines, "precision": precision, "f1": f1, "found_idx": found,
            "flagged_map": flagged}


def line_text(data, file, line):
    try:
        with open(os.path.join(data, "files", file), encoding="utf-8", errors="replace") as fh:
            for n, text in enumerate(fh, 1):
                if n == line:
                    return text.rstrip("\n")[:220]
    except OSError:
        pass
    return ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--tools", default="vibeguard,gitleaks,betterleaks,kingfisher")
    ap.add_argument("--part", default="all", choices=["dev", "aside", "all", "both"])
    ap.add_argument("--misses", default=None, help="print missed T rows of this category (or all)")
    ap.add_argument("--fps", action="store_true", help="print flagged lines on F/X rows")
    ap.add_argument("--by-category", action="store_true")
    ap.add_argument("--reuse", action="store_true", help="score the reports of the last run again")
    ap.add_argument("--reports", default=None, help="where tool reports go (default DATA/reports)")
    for t in ALL_TOOLS:
        ap.add_argument(f"--{t}", default=None)
    args = ap.parse_args()

    data = os.path.abspath(args.data)
    files_root = os.path.join(data, "files")
    reports = args.reports or os.path.join(data, "reports")
    os.makedirs(reports, exist_ok=True)
    rows = [json.loads(l) for l in open(os.path.join(data, "labels.jsonl"), encoding="utf-8")]
    split = split_of({r["repo"] for r in rows})
    parts = {"dev": ["dev"], "aside": ["aside"], "all": ["dev", "aside", "all"], "both": ["dev", "aside"]}[args.part]

    results = {}
    for tool in args.tools.split(","):
        binary = getattr(args, tool) or default_binary(tool)
        if not binary:
            print(f"skipping {tool}: binary not found", file=sys.stderr)
            continue
        out = os.path.join(reports, f"{tool}.json")
        try:
            hits = RUNNERS[tool](binary, files_root, out, args.reuse)
        except (RuntimeError, OSError, ValueError) as e:
            print(f"skipping {tool}: {e}", file=sys.stderr)
            continue
        results[tool] = hits

    for part in parts:
        prow = [r for r in rows if part == "all" or split[r["repo"]] == part]
        repos = {r["repo"] for r in prow}
        print(f"\n### {part}: {len(repos)} repositories, {sum(r['gt'] == 'T' for r in prow)} T rows, "
              f"{sum(r['gt'] != 'T' for r in prow)} F/X rows\n")
        print("| tool | T rows found | recall | flagged labelled lines | on T rows | precision | F1 |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        scored = {}
        for tool, hits in results.items():
            s = score(prow, hits, None)
            scored[tool] = s
            print(f"| {tool} | {s['found']}/{s['t_rows']} | {s['recall']:.3f} | {s['flagged']} | "
                  f"{s['true_lines']} | {s['precision']:.3f} | {s['f1']:.3f} |")
        if args.by_category and scored:
            cats = collections.Counter()
            for r in prow:
                if r["gt"] == "T":
                    for c in r["category"].split(":"):
                        cats[c] += 1
            tools = list(scored)
            print("\n| category | T | " + " | ".join(tools) + " |")
            print("|---|---:|" + "---:|" * len(tools))
            for c, n in cats.most_common():
                cells = []
                for t in tools:
                    got = sum(1 for i in scored[t]["found_idx"] if c in prow[i]["category"].split(":"))
                    cells.append(str(got))
                print(f"| {c} | {n} | " + " | ".join(cells) + " |")
        if "vibeguard" in scored and args.misses:
            s = scored["vibeguard"]
            print(f"\nvibeguard misses ({args.misses}):")
            for i, r in enumerate(prow):
                if r["gt"] == "T" and i not in s["found_idx"] and (
                        args.misses == "all" or args.misses in r["category"].split(":")):
                    print(f"  {r['file']}:{r['line']} [{r['category']}] {line_text(data, r['file'], r['line'])}")
        if "vibeguard" in scored and args.fps:
            s = scored["vibeguard"]
            rules = {(f, st): rule for f, st, _, rule in results["vibeguard"]}
            print("\nvibeguard flagged lines on F/X rows:")
            for (f, st), (lab, tru) in sorted(s["flagged_map"].items()):
                if lab and not tru:
                    print(f"  {f}:{st} {rules.get((f, st))} {line_text(data, f, st)}")


if __name__ == "__main__":
    main()
