#!/usr/bin/env python3
"""Scores vibeguard (and peers, in the same run) on the labelled code set corpus/code/.

    python3 bench/code/score.py [--tools vibeguard,semgrep,semgrep-noaudit,bandit,foxguard]
                                [--split dev|holdout|all] [--strict-lines] [--misses]

The set is copied to a temporary folder first (this repository's .vibeguardignore skips
corpus/, and no peer should see the manifest). Each tool scans that folder once; findings
are matched to the manifest's files by CWE family (bench/code/families.py). Prints, per
split: recall on the vulnerable files and false-positive rate on the fixed files, overall,
by weakness family, by language and by kind of hard negative. `--json FILE` writes every
sample's result. See bench/code/README.md.
"""

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from scoring import cell, evaluate, family_key, misses, rate, table  # noqa: E402
from tools import Runner, ToolError, add_tool_arguments, prepare_tools  # noqa: E402

CORPUS = HERE.parent.parent / "corpus" / "code"


def load_samples(corpus, splits):
    samples = []
    with open(corpus / "manifest.jsonl") as f:
        for line in f:
            m = json.loads(line)
            if m["split"] not in splits:
                continue
            base = {k: m[k] for k in ("id", "split", "language", "framework", "cwe", "negative")}
            samples.append(dict(base, file=m["vulnerable_file"], vulnerable=True, lines=m["lines"]))
            samples.append(dict(base, file=m["fixed_file"], vulnerable=False, lines=[]))
    if not samples:
        raise ToolError(f"no samples in {corpus}/manifest.jsonl for split(s) {splits}")
    return samples


def pairs_right(samples, tool):
    """Pairs whose vulnerable file is flagged and whose fixed file is not."""
    by_id = {}
    for s in samples:
        if s["hits"][tool] is not None:
            by_id.setdefault(s["id"], {})[s["vulnerable"]] = s["hits"][tool]
    both = [v for v in by_id.values() if len(v) == 2]
    return sum(1 for v in both if v[True] and not v[False]), len(both)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_tool_arguments(p)
    p.add_argument("--corpus", default=str(CORPUS))
    p.add_argument("--split", default="all", choices=["dev", "holdout", "all"])
    p.add_argument("--strict-lines", action="store_true",
                   help="a vulnerable file counts only when the finding is on a labelled line")
    p.add_argument("--misses", action="store_true", help="list vibeguard's misses and false positives")
    p.add_argument("--json", help="write per-sample results to this file")
    args = p.parse_args()

    corpus = Path(args.corpus)
    splits = ["dev", "holdout"] if args.split == "all" else [args.split]
    tools = prepare_tools(args)
    samples = load_samples(corpus, splits)

    work = Path(tempfile.mkdtemp(prefix="vg-code-corpus-"))
    try:
        for s in splits:
            shutil.copytree(corpus / s, work / s)
        runner = Runner(args)
        results = {t: runner.run(t, work) for t in tools}
    finally:
        shutil.rmtree(work, ignore_errors=True)

    evaluate(samples, results, tools, args.strict_lines)
    mode = "strict lines" if args.strict_lines else "file level"
    for split in splits:
        ss = [s for s in samples if s["split"] == split]
        pairs = len(ss) // 2
        print(f"\n## corpus/code {split}: {pairs} pairs ({mode})\n")
        print("| tool | recall (vulnerable flagged) | false positives (fixed flagged) | pairs right (vulnerable flagged, fixed not) |")
        print("|---|---:|---:|---:|")
        for t in tools:
            print(f"| {t} | {cell(*rate(ss, t, True))} | {cell(*rate(ss, t, False))} | {cell(*pairs_right(ss, t))} |")
        print()
        print(table("family", ss, tools, family_key))
        print()
        print(table("language", ss, tools, lambda s: s["language"]))
        print()
        fixed = [s for s in ss if not s["vulnerable"]]
        print(table("hard negative (fixed side)", fixed, tools, lambda s: s["negative"], show_recall=False))
        if args.misses:
            for t in tools:
                ms = misses(ss, t)
                print(f"\n{t}: {len(ms)} misses / false positives on {split}")
                print("\n".join(ms))
    if len(splits) > 1:
        print(f"\n## corpus/code, both splits: {len(samples) // 2} pairs ({mode})\n")
        print(table("family", samples, tools, family_key))
        print()
        print(table("hard negative (fixed side)", [s for s in samples if not s["vulnerable"]], tools,
                    lambda s: s["negative"], show_recall=False))
    if args.json:
        with open(args.json, "w") as f:
            for s in samples:
                f.write(json.dumps({k: v for k, v in s.items()}) + "\n")


if __name__ == "__main__":
    try:
        main()
    except ToolError as e:
        sys.exit(f"score.py: {e}")
