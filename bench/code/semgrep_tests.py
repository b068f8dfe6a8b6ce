"""Scores code analyzers on the annotated test files of semgrep/semgrep-rules.

Every rule of that repository ships a test file whose lines are labelled by its
authors: a `ruleid: <id>` comment marks the next code line (or its own line, when the
comment trails code) as one the rule must flag, an `ok: <id>` comment one it must not.
That makes it a public, independently labelled set of vulnerable and safe snippets in
every language vibeguard reads. It is benchmark input, never committed: fetch
semgrep/semgrep-rules and unpack it.

Only rules whose metadata says `subcategory: vuln` (a vulnerability, not an "audit"
note about a risky API) and whose CWE falls in one of the families of families.json
are used; `todoruleid`/`todook` lines (cases the rule's own authors know it gets
wrong) are skipped. A labelled line counts as flagged when a finding whose CWE is in
the rule's family covers it. With `--match sink` (the default) a finding covers only its
own lines; with `--match path` it also covers the lines of the source-to-sink path it
reports. Many of these rules match a whole region that starts at the line reading the
input, and their authors put the label there; a taint finding reports the sink and
names the source line in its path. Both figures are printed in BENCHMARKS.md; the
same rule applies to every tool that reports a path (Semgrep's dataflow traces). Recall is over `ruleid` lines, the false-positive rate
over `ok` lines.

Rules are split 60/40 by a hash of the rule's path into dev and aside, so that one
rule's cases never sit on both sides.

    python3 bench/code/semgrep_tests.py --rules /tmp/semgrep-rules --vibeguard target/debug/vibeguard \\
        --languages javascript,typescript --split aside
"""

import argparse
import hashlib
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from families import accepted, family_of  # noqa: E402
from scoring import print_miss, print_rate_table, tally  # noqa: E402
from tools import Runner, ToolError, add_tool_arguments, cwe_numbers, prepare_tools, run_main  # noqa: E402

EXTENSIONS = {
    "python": (".py",), "javascript": (".js", ".jsx", ".mjs", ".cjs"), "typescript": (".ts", ".tsx"),
    "go": (".go",), "java": (".java",), "php": (".php",), "ruby": (".rb",),
}
LABEL = re.compile(r"(?:#|//|/\*|<!--)\s*(todoruleid|todook|ruleid|ok)\s*:\s*([\w.\-, ]+)")


def split_of(key):
    h = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    return "dev" if h % 10 < 6 else "aside"


def rule_meta(yaml_path):
    """(rule id, cwe numbers, subcategories) of each rule in a rule file, read by text."""
    text = yaml_path.read_text(errors="replace")
    out = []
    for block in re.split(r"\n\s*-\s+id:\s*", "\n" + text)[1:]:
        rid = block.split("\n", 1)[0].strip().strip("'\"")
        cwes = cwe_numbers(re.findall(r"CWE-\d+", block))
        sub = set(re.findall(r"subcategory:\s*\n((?:\s+-\s+\w+\n?)+)", block))
        subs = {s.strip("- \n") for chunk in sub for s in chunk.splitlines() if s.strip()}
        out.append((rid, cwes, subs))
    return out


def labelled_lines(path):
    """[(line number, kind, rule ids)] for a test file; kind is 'ruleid' or 'ok'."""
    lines = path.read_text(errors="replace").splitlines()
    out = []
    for i, line in enumerate(lines):
        m = LABEL.search(line)
        if not m or m.group(1).startswith("todo"):
            continue
        ids = {x.strip() for x in m.group(2).split(",") if x.strip()}
        code_before = line[: m.start()].strip()
        if code_before:
            target = i + 1
        else:
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or LABEL.search(lines[j])):
                j += 1
            if j >= len(lines):
                continue
            target = j + 1
        out.append((target, m.group(1), ids))
    return out


def collect(rules_root, languages, split):
    """Copies the selected test files into a scratch tree; returns (tree, cases)."""
    tree = Path(tempfile.mkdtemp(prefix="vg-semgrep-tests-"))
    cases = []  # (rel path, line, kind, family, cwe set, rule key)
    for lang in languages:
        for y in sorted((rules_root / lang).rglob("*.yaml")):
            if ".test." in y.name:
                continue
            key = y.relative_to(rules_root).as_posix()
            if split != "all" and split_of(key) != split:
                continue
            metas = {rid: (cwes, subs) for rid, cwes, subs in rule_meta(y)}
            tests = [y.with_suffix(e) for e in EXTENSIONS[lang] if y.with_suffix(e).exists()]
            for t in tests:
                rel = t.relative_to(rules_root).as_posix()
                took = False
                for line, kind, ids in labelled_lines(t):
                    for rid in ids:
                        if rid not in metas:
                            continue
                        cwes, subs = metas[rid]
                        fams = {family_of(c) for c in cwes} - {None}
                        if "vuln" not in subs or not fams:
                            continue
                        cases.append((rel, line, kind, sorted(fams)[0], cwes, key))
                        took = True
                if took:
                    dest = tree / rel
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(t, dest)
    return tree, cases


def is_hit(by_path, rel, line, cwes, via_path):
    ok = accepted(cwes)
    return any(f.covers(line, via_path) and f.cwes & ok for f in by_path.get(rel, []))


def score(by_path, cases, via_path=False):
    rows = {}
    for rel, line, kind, fam, cwes, _key in cases:
        hit = is_hit(by_path, rel, line, cwes, via_path)
        tally(rows, fam, kind == "ruleid", hit)
    return rows






def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rules", required=True, help="unpacked semgrep/semgrep-rules")
    p.add_argument("--languages", default="javascript,typescript,go,java,php,ruby,python")
    p.add_argument("--split", choices=["dev", "aside", "all"], default="dev")
    p.add_argument("--misses", action="store_true", help="list vibeguard's wrong dev lines")
    p.add_argument("--match", choices=["sink", "path"], default="sink",
                   help="what a finding covers: its own lines, or also its reported path")
    add_tool_arguments(p)
    args = p.parse_args()
    langs = [x.strip() for x in args.languages.split(",") if x.strip()]
    tools = prepare_tools(args)
    runner = Runner(args)
    for lang in langs:
        if lang not in EXTENSIONS:
            raise ToolError(f"unknown language {lang}")
        tree, cases = collect(Path(args.rules), [lang], args.split)
        for tool in tools:
            if tool != "vibeguard" and tool == "bandit" and lang != "python":
                continue
            by_path = runner.run(tool, tree)
            via_path = args.match == "path"
            print_rate_table(f"{tool}, {lang}, {args.split}, match {args.match}",
                             score(by_path, cases, via_path))
            if args.misses and tool == "vibeguard" and args.split == "dev":
                for rel, line, kind, fam, cwes, _k in cases:
                    hit = is_hit(by_path, rel, line, cwes, via_path)
                    if (kind == "ruleid") != hit:
                        print_miss(kind == "ruleid", fam, f"{rel}:{line}")
        shutil.rmtree(tree, ignore_errors=True)
    return 0


if __name__ == "__main__":
    run_main(main)
