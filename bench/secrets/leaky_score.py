#!/usr/bin/env python3
"""Score vibeguard and the peers on Plazmaz/leaky-repo, a public benchmark nobody here wrote.

Usage:
  bench/secrets/leaky_score.py --git-dir DIR --out SCRATCH [--tools ...] [--TOOL PATH] [--details]

DIR is a bare git directory of Plazmaz/leaky-repo (the `fetch` tool's copy); its HEAD is
extracted into SCRATCH/tree without `.leaky-meta/` (the benchmark's own scripts and labels).

Labels: `.leaky-meta/secrets.csv` gives, per file, the number of lines holding a "risk"
(a usable secret) and of lines holding "informative" data (user names, hosts); lines with
both count once as risk. There are no line numbers, so scoring counts lines per file the
way the repository's own benchmark.py does: a tool's distinct flagged lines n in a file
with r risk and i informative lines give min(n, r) risk lines found and max(0, n - r - i)
false positives; every flagged line in an unlisted file (README.md, LICENSE, binaries) is
a false positive. Recall = risk lines found / risk lines; precision = (flagged lines - false
positives) / flagged lines.
"""
import argparse
import collections
import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import creddata_score as cs  # noqa: E402  (same runners, same command lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--git-dir", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--tools", default="vibeguard,gitleaks,betterleaks,kingfisher,credsweeper")
    ap.add_argument("--details", action="store_true")
    for t in cs.ALL_TOOLS:
        ap.add_argument(f"--{t}", default=None)
    args = ap.parse_args()

    out = os.path.abspath(args.out)
    tree = os.path.join(out, "tree")
    shutil.rmtree(tree, ignore_errors=True)
    os.makedirs(tree)
    archive = subprocess.run(["git", "--git-dir", args.git_dir, "archive", "HEAD"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", tree], input=archive.stdout, check=True)
    meta = Path(tree, ".leaky-meta", "secrets.csv").read_text(encoding="utf-8")
    shutil.rmtree(os.path.join(tree, ".leaky-meta"))
    expected = {}
    for row in csv.reader(io.StringIO("\n".join(l for l in meta.splitlines() if l.strip() and not l.startswith("#")))):
        expected[row[0].lstrip("/")] = (int(row[1]), int(row[2]))
    risk_total = sum(r for r, _ in expected.values())

    print(f"leaky-repo: {len(expected)} labelled files, {risk_total} risk lines, "
          f"{sum(i for _, i in expected.values())} informative lines\n")
    print("| tool | risk lines found | recall | flagged lines | false positives | precision | F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    reports = os.path.join(out, "reports")
    os.makedirs(reports, exist_ok=True)
    for tool in args.tools.split(","):
        binary = getattr(args, tool) or cs.default_binary(tool)
        if not binary:
            print(f"skipping {tool}: binary not found", file=sys.stderr)
            continue
        try:
            hits = cs.RUNNERS[tool](binary, tree, os.path.join(reports, f"{tool}.json"), False)
        except (RuntimeError, OSError, ValueError) as e:
            print(f"skipping {tool}: {e}", file=sys.stderr)
            continue
        lines = collections.defaultdict(set)
        for f, s, _, _ in hits:
            lines[f].add(s)
        found = fps = flagged = 0
        detail = []
        for f, ls in sorted(lines.items()):
            r, i = expected.get(f, (0, 0))
            n = len(ls)
            flagged += n
            found += min(n, r)
            fps += max(0, n - r - i)
            detail.append(f"{f}: {n} flagged, {r} risk, {i} informative")
        for f, (r, i) in sorted(expected.items()):
            if f not in lines and r:
                detail.append(f"{f}: nothing flagged, {r} risk")
        recall = found / risk_total if risk_total else 0.0
        precision = (flagged - fps) / flagged if flagged else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"| {tool} | {found}/{risk_total} | {recall:.3f} | {flagged} | {fps} | {precision:.3f} | {f1:.3f} |")
        if args.details:
            print("\n".join("    " + d for d in detail))


if __name__ == "__main__":
    main()
