#!/usr/bin/env python3
"""Code-analysis speed: vibeguard, Semgrep and foxguard on the same source tree, in one
run, with two threads each; wall time and peak memory from GNU time, lines per second
over the tree's files of the language, and each peer's time as a multiple of vibeguard's.

usage: perf.py TREE LANG [--runs N]
  LANG: python or js (JavaScript and TypeScript files)
env:   VIBEGUARD, SEMGREP, FOXGUARD (binaries); SEMGREP_RULES_PY, SEMGREP_RULES_JS (rule
       directories, e.g. the python/ and javascript/+typescript/ folders of
       semgrep/semgrep-rules)

vibeguard runs only its code analyzer when the binary has `--analyzers` (otherwise the
whole default scan, which only makes its figure larger).
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

EXT = {"python": (".py",), "js": (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts")}


def count_lines(tree, lang):
    files = lines = 0
    for p in Path(tree).rglob("*"):
        if p.suffix in EXT[lang] and p.is_file() and "node_modules" not in p.parts:
            files += 1
            with open(p, "rb") as f:
                lines += f.read().count(b"\n")
    return files, lines


def timed(cmd, env=None):
    """Wall seconds and peak RSS (MiB) of a command, via GNU time."""
    with tempfile.NamedTemporaryFile("r") as t:
        full = ["/usr/bin/time", "-f", "%e %M", "-o", t.name] + cmd
        p = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        wall, rss = t.read().split()[-2:]
    return float(wall), int(rss) / 1024, p.returncode, p.stderr.decode(errors="replace")[-400:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tree")
    ap.add_argument("lang", choices=sorted(EXT))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    tree = str(Path(args.tree).resolve())
    files, lines = count_lines(tree, args.lang)
    vg = os.environ.get("VIBEGUARD", "vibeguard")
    help_text = subprocess.run([vg, "scan", "--help"], capture_output=True, text=True).stdout
    only_code = ["--analyzers", "code"] if "--analyzers" in help_text else []
    rules = os.environ["SEMGREP_RULES_PY" if args.lang == "python" else "SEMGREP_RULES_JS"]
    out = tempfile.mkdtemp()
    tools = {
        "vibeguard": [vg, "scan", tree, "--threads", "2", "--format", "json", "--output", f"{out}/vg.json", *only_code],
        "semgrep": [os.environ.get("SEMGREP", "semgrep"), "scan", "--config", rules, "-j", "2", "--json",
                    "--output", f"{out}/sg.json", "--metrics", "off", "--disable-version-check", "--quiet", tree],
        "foxguard": [os.environ.get("FOXGUARD", "foxguard"), tree, "-f", "json", "--output", f"{out}/fg.json", "-q"],
    }
    env = dict(os.environ, RAYON_NUM_THREADS="2")
    # Warm the page cache once.
    subprocess.run(["cat"] + [str(p) for p in Path(tree).rglob("*") if p.is_file()][:20000],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = {}
    for name, cmd in tools.items():
        runs = []
        for _ in range(args.runs):
            wall, rss, code, err = timed(cmd, env)
            if code not in (0, 1):
                print(f"# {name} exited {code}: {err}", file=sys.stderr)
            runs.append((wall, rss))
        runs.sort()
        results[name] = runs[len(runs) // 2]
        print(f"# {name}: {' '.join(f'{w:.2f}s' for w, _ in runs)}", file=sys.stderr)
    base = results["vibeguard"][0]
    print(f"tree: {tree} ({files} {args.lang} files, {lines} lines); median of {args.runs} runs, 2 threads")
    print(f"{'tool':<10} {'wall s':>8} {'peak MiB':>9} {'lines/s':>10} {'x vibeguard':>12}")
    for name, (wall, rss) in results.items():
        print(f"{name:<10} {wall:>8.2f} {rss:>9.0f} {lines / wall:>10.0f} {wall / base:>12.1f}")
    print("command lines:")
    for name, cmd in tools.items():
        print(f"  {name}: {' '.join(cmd)}")


if __name__ == "__main__":
    main()
