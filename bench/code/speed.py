#!/usr/bin/env python3
"""Code-analysis speed: vibeguard against Semgrep and foxguard, same trees, same run.

    python3 bench/code/speed.py --python-tree DIR --js-tree DIR \
        [--vibeguard target/release/vibeguard] [--semgrep semgrep --semgrep-rules RULES]
        [--foxguard foxguard] [--rounds 3] [--tools vibeguard,semgrep,foxguard]

With `--tool-timeout S` a run longer than S seconds is stopped and reported as not
finished (the speed-up is then a lower bound). Each tool scans each tree with 2 worker threads (vibeguard `--threads 2`, Semgrep `-j 2`,
foxguard through RAYON_NUM_THREADS=2, which is set for every tool), under GNU time
(`/usr/bin/time -f '%e %U %S %M'`: wall seconds, user and system CPU seconds, peak RSS
in KiB). CPU time is printed next to wall time because on a shared machine wall time
follows the load; CPU time measures the work. Rounds are interleaved so
that load from other work on the machine hits every tool alike, and the fastest round
counts; Semgrep, minutes per tree, runs in the first `--semgrep-rounds` rounds only
(default 1). Lines are the lines of the tree's source files in that language (Python:
.py; JS/TS: .js .jsx .mjs .cjs .ts .tsx .mts .cts), so lines/second is comparable between
tools. Prints one table per tree with wall time, lines/s, peak RSS, the number of
findings (vibeguard: without secrets/*) and vibeguard's speed-up over each tool (their
time / vibeguard's).

vibeguard runs its default scan (secrets, code and configuration analyzers together);
Semgrep runs the rules of semgrep/semgrep-rules for that tree's language (python/ for the
Python tree; javascript/ and typescript/ for the JS/TS tree), taken the same way as
score.py takes them; foxguard runs with its built-in rules.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from tools import ToolError, assemble_semgrep_rules  # noqa: E402

EXTS = {
    "python": {".py"},
    "js": {".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"},
}
SEMGREP_DIRS = {"python": ["python"], "js": ["javascript", "typescript"]}


def count_lines(tree, exts):
    files = lines = 0
    for p in Path(tree).rglob("*"):
        if p.suffix in exts and p.is_file() and not p.is_symlink():
            files += 1
            with open(p, "rb") as f:
                lines += sum(1 for _ in f)
    return files, lines


class Stopped(Exception):
    """A tool ran past --tool-timeout and was stopped (its whole process group)."""


def timed(cmd, env=None, limit=None):
    """Runs cmd under GNU time; returns (wall s, CPU s (user + system), peak RSS MiB, proc).
    With `limit` (seconds), a run that takes longer is stopped and Stopped raised."""
    tf = tempfile.mkstemp(suffix=".time")[1]
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%e %U %S %M", "-o", tf] + cmd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        os.unlink(tf)
        raise Stopped()
    proc = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    wall, user, system, rss = Path(tf).read_text().strip().splitlines()[-1].split()
    os.unlink(tf)
    return float(wall), float(user) + float(system), int(rss) / 1024.0, proc


def command(tool, tree, lang, args, out):
    if tool == "vibeguard":
        return [args.vibeguard, "scan", tree, "--threads", "2", "--format", "json", "--output", out], {0, 1}
    if tool == "semgrep":
        return [args.semgrep, "scan", "--config", str(args.rules[lang]), "--json", "--output", out,
                "--metrics", "off", "--disable-version-check", "--no-git-ignore", "--quiet",
                "-j", "2", "--timeout", "30", tree], {0, 1, 2}
    if tool == "foxguard":
        return [args.foxguard, "--format", "json", tree], {0, 1}  # threads: RAYON_NUM_THREADS
    raise ToolError(f"unknown tool {tool}")


def count_findings(tool, out, stdout):
    try:
        if tool == "vibeguard":
            return len([f for f in json.loads(Path(out).read_text())["findings"]
                        if not f["rule_id"].startswith("secrets/")])
        if tool == "semgrep":
            return len(json.loads(Path(out).read_text())["results"])
        data = json.loads(stdout)
        return len(data if isinstance(data, list) else data.get("findings", data.get("results", [])))
    except (OSError, ValueError, KeyError) as e:
        raise ToolError(f"{tool}: unreadable output: {e}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--python-tree", help="a Python repository (at least one of the two trees)")
    p.add_argument("--js-tree", help="a JavaScript/TypeScript repository")
    p.add_argument("--tools", default="vibeguard,semgrep,foxguard")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--semgrep-rounds", type=int, default=1,
                   help="Semgrep takes minutes per tree: it runs in the first N rounds only")
    p.add_argument("--vibeguard", default=os.environ.get("VIBEGUARD", str(HERE.parent.parent / "target/release/vibeguard")))
    p.add_argument("--semgrep", default=os.environ.get("SEMGREP", "semgrep"))
    p.add_argument("--semgrep-rules", default=os.environ.get("SEMGREP_RULES"))
    p.add_argument("--foxguard", default=os.environ.get("FOXGUARD", "foxguard"))
    p.add_argument("--tool-timeout", type=float, default=None,
                   help="stop a tool's run after this many seconds and report it as not finished "
                        "(its speed-up over vibeguard is then a lower bound)")
    args = p.parse_args()
    tools = [t for t in args.tools.split(",") if t]

    work = Path(tempfile.mkdtemp(prefix="vg-code-speed-"))
    try:
        if "semgrep" in tools:
            if not args.semgrep_rules:
                raise ToolError("semgrep needs --semgrep-rules (a semgrep/semgrep-rules checkout)")
            args.rules = {}
            for lang, dirs in SEMGREP_DIRS.items():
                n = assemble_semgrep_rules(args.semgrep_rules, work / f"rules-{lang}", dirs)
                args.rules[lang] = work / f"rules-{lang}"
                print(f"semgrep rules for {lang}: {n} files")
        trees = {k: v for k, v in (("python", args.python_tree), ("js", args.js_tree)) if v}
        if not trees:
            raise ToolError("give --python-tree, --js-tree or both")
        for lang, tree in trees.items():
            files, lines = count_lines(tree, EXTS[lang])
            print(f"\n{lang} tree {tree}: {files} files, {lines} lines")
            # warm the page cache
            subprocess.run(["cat"] + [str(p) for p in Path(tree).rglob("*") if p.is_file()][:50000],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            best = {}
            stopped = set()
            for r in range(args.rounds):
                for tool in tools:
                    if tool == "semgrep" and r >= args.semgrep_rounds:
                        continue
                    out = str(work / f"{tool}-{lang}.json")
                    cmd, ok = command(tool, tree, lang, args, out)
                    try:
                        wall, cpu, rss, proc = timed(cmd, env=dict(os.environ, RAYON_NUM_THREADS="2"),
                                                     limit=args.tool_timeout)
                    except Stopped:
                        print(f"  round {r + 1} {tool}: stopped after {args.tool_timeout} s (did not finish)")
                        print("    " + " ".join(map(str, cmd)))
                        stopped.add(tool)
                        continue
                    if proc.returncode not in ok:
                        raise ToolError(f"{tool} exit {proc.returncode}: {proc.stderr[-500:]}")
                    n = count_findings(tool, out, proc.stdout)
                    print(f"  round {r + 1} {tool}: {wall:.2f} s wall, {cpu:.2f} s CPU, {rss:.0f} MiB, {n} findings")
                    if tool not in best or wall < best[tool][0]:
                        best[tool] = (wall, cpu, rss, n)
                    if r == 0:
                        print("    " + " ".join(map(str, cmd)))
            vg = best.get("vibeguard")
            print(f"\n| tool ({lang}, {lines} lines) | wall s | CPU s | lines/s | peak RSS MiB | findings "
                  "| vibeguard speed-up, wall | vibeguard speed-up, CPU |")
            print("|---|---:|---:|---:|---:|---:|---:|---:|")
            for tool, (wall, cpu, rss, n) in best.items():
                sw = f"{wall / vg[0]:.1f}x" if vg else "n/a"
                sc = f"{cpu / max(vg[1], 0.001):.1f}x" if vg else "n/a"
                print(f"| {tool} | {wall:.2f} | {cpu:.2f} | {lines / max(wall, 0.001):,.0f} | {rss:.0f} | {n} "
                      f"| {sw} | {sc} |")
            for tool in sorted(stopped - set(best)):
                t = args.tool_timeout
                sw = f"> {t / vg[0]:.1f}x" if vg else "n/a"
                print(f"| {tool} | > {t} (stopped) | n/a | < {lines / t:,.0f} | n/a | n/a | {sw} | n/a |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except ToolError as e:
        sys.exit(f"speed.py: {e}")
