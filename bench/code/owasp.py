"""Scores code analyzers on the OWASP Benchmark (Java 1.2 and Python 0.1).

The OWASP Benchmark projects are independently labelled test suites: every test case is
one file (`BenchmarkTest01234.java` / `.py`) with one weakness category and a verdict in
`expectedresults-*.csv` saying whether the weakness is real or not (about half are not:
dead branches, constant values, safe collection elements, sanitised input). They are
benchmark input, never committed: fetch OWASP-Benchmark/BenchmarkJava and
OWASP-Benchmark/BenchmarkPython, unpack them, and point this script at the unpacked roots.

A test case counts as flagged when a tool reports, anywhere in its file, a finding whose
CWE belongs to the case's family (families.py: the same matching as the other scorers).
Per category and overall it prints the true-positive rate on real cases, the
false-positive rate on the others, and their difference (the Benchmark's own score).

The cases are split by a hash of the test name into a development part (60%) and a part
kept aside (40%); `--split dev|aside|all` chooses which cases are scored.

    python3 bench/code/owasp.py --java /tmp/owasp/java --python /tmp/owasp/py \\
        --vibeguard target/debug/vibeguard --split aside
"""

import argparse
import csv
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from families import accepted  # noqa: E402
from scoring import print_miss  # noqa: E402
from tools import TOOL_LANGUAGES, Runner, ToolError, add_tool_arguments, prepare_tools, run_main  # noqa: E402

# The CWE each Benchmark category stands for (the CSV's own column agrees; kept here so
# that a category with a missing column still scores).
CATEGORY_CWE = {
    "cmdi": 78, "codeinj": 94, "crypto": 327, "deserialization": 502, "hash": 328,
    "ldapi": 90, "pathtraver": 22, "redirect": 601, "securecookie": 614, "sqli": 89,
    "trustbound": 501, "weakrand": 330, "xpathi": 643, "xss": 79, "xxe": 611,
}

SUITES = {
    # name: (source root below the unpacked repository, test folder below that root,
    #        expected-results file name prefix, language)
    "java": ("src/main/java", "org/owasp/benchmark/testcode", "expectedresults-", "java"),
    "python": (".", "testcode", "expectedresults-", "python"),
}


def split_of(name):
    """dev or aside, stable across runs and machines."""
    h = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)
    return "dev" if h % 10 < 6 else "aside"


def load_cases(repo, prefix):
    files = sorted(Path(repo).glob(prefix + "*.csv"))
    if not files:
        raise ToolError(f"no {prefix}*.csv in {repo}")
    cases = []
    with files[0].open() as fh:
        for row in csv.reader(fh):
            if not row or row[0].startswith("#"):
                continue
            name, category, real = row[0].strip(), row[1].strip(), row[2].strip() == "true"
            cwe = int(row[3]) if len(row) > 3 and row[3].strip().isdigit() else CATEGORY_CWE[category]
            cases.append((name, category, real, cwe))
    return cases


def score_suite(runner, tool, repo, suite, split):
    src, tests, prefix, language = SUITES[suite]
    langs = TOOL_LANGUAGES[tool]
    if langs is not None and language not in langs:
        return None
    root = (Path(repo) / src).resolve()
    by_path = runner.run(tool, root)
    ext = ".java" if suite == "java" else ".py"
    rows = {}
    for name, category, real, cwe in load_cases(repo, prefix):
        if split != "all" and split_of(name) != split:
            continue
        rel = f"{tests}/{name}{ext}"
        ok = accepted({cwe})
        flagged = any(f.cwes & ok for f in by_path.get(rel, []))
        r = rows.setdefault(category, [0, 0, 0, 0])  # tp, real, fp, not real
        if real:
            r[0] += flagged
            r[1] += 1
        else:
            r[2] += flagged
            r[3] += 1
    return rows


def pct(a, b):
    return f"{100 * a / b:5.1f}%" if b else "   —  "


def print_table(tool, suite, rows):
    print(f"\n{tool} on OWASP Benchmark {suite}")
    print(f"{'category':16} {'TPR':>16} {'FPR':>16} {'score':>7}")
    tot = [0, 0, 0, 0]
    for cat in sorted(rows):
        tp, n, fp, m = rows[cat]
        tot = [a + b for a, b in zip(tot, rows[cat])]
        score = (tp / n if n else 0) - (fp / m if m else 0)
        print(f"{cat:16} {tp:4}/{n:<4} {pct(tp, n)} {fp:4}/{m:<4} {pct(fp, m)} {100 * score:6.1f}")
    tp, n, fp, m = tot
    score = (tp / n if n else 0) - (fp / m if m else 0)
    print(f"{'all':16} {tp:4}/{n:<4} {pct(tp, n)} {fp:4}/{m:<4} {pct(fp, m)} {100 * score:6.1f}")
    return tot


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--java", help="unpacked OWASP-Benchmark/BenchmarkJava")
    p.add_argument("--python", help="unpacked OWASP-Benchmark/BenchmarkPython")
    p.add_argument("--split", choices=["dev", "aside", "all"], default="dev")
    p.add_argument("--misses", action="store_true",
                   help="list the dev cases vibeguard gets wrong (never the aside part)")
    add_tool_arguments(p)
    args = p.parse_args()
    tools = prepare_tools(args)
    runner = Runner(args)
    for suite in ("java", "python"):
        repo = getattr(args, suite)
        if not repo:
            continue
        for tool in tools:
            rows = score_suite(runner, tool, repo, suite, args.split)
            if rows is not None:
                print_table(tool, suite, rows)
        if args.misses:
            list_misses(runner, repo, suite)
    return 0


def list_misses(runner, repo, suite):
    src, tests, prefix, _language = SUITES[suite]
    by_path = runner.run("vibeguard", (Path(repo) / src).resolve())
    ext = ".java" if suite == "java" else ".py"
    print(f"\nvibeguard dev cases wrong on {suite} (FN = real and missed, FP = not real and flagged)")
    for name, category, real, cwe in load_cases(repo, prefix):
        if split_of(name) != "dev":
            continue
        rel = f"{tests}/{name}{ext}"
        hits = [f for f in by_path.get(rel, []) if f.cwes & accepted({cwe})]
        if real and not hits:
            print_miss(True, category, rel, width=15)
        elif not real and hits:
            print_miss(False, category, rel, ", ".join(sorted({f.rule for f in hits})), width=15)


if __name__ == "__main__":
    run_main(main)
