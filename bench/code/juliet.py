"""Scores code analyzers on the NIST Juliet Test Suite for Java (1.3).

Data: Juliet Java 1.3 (NIST SARD), as packaged by find-sec-bugs/juliet-test-suite on GitHub.
It is benchmark input, never committed: unpack the CWE folders of our families and the
support classes outside the repository, e.g.

    git --git-dir=MIRROR archive HEAD src/testcasesupport src/testcases/CWE89_SQL_Injection ... \\
        | tar -x -C /tmp/juliet

and point `--juliet` at the unpacked `src` folder (the one holding `testcases/`).

Which cases: every test case under `testcases/CWEnnn_Name/` (sub-folders s01, s02 ...
included) whose CWE number belongs to a family of families.json (CWE-81, 15, 470, 319 ...
are outside every family and are not taken).

A test case is one file or several files sharing a prefix: `X_01.java`, or `X_54a.java`
... `X_54e.java` (data handed from class to class), or `X_81_base.java`, `X_81_bad.java`,
`X_81_goodG2B.java`. The case id is that shared prefix (`X_54`, `X_81`).

Labels come from Juliet's own naming, not from us:
- code inside a method whose name starts with `bad` (`bad`, `badSink`, `badSource`,
  `bad_source`) is the flawed variant; so is every method of an `X_81_bad.java` class
  (whose one method is called `action`);
- code inside a method whose name starts with `good` (`good1`, `goodG2B`, `goodB2GSink`,
  `goodG2B1_source` ...) is a fixed variant; so is every method of an `X_81_good*.java`
  class. `good()` itself only calls the good variants.
- other methods (`main`, `privateReturnsTrue`, constructors, `X_81_base.action`) carry
  no label; findings there count neither way.

Method ranges come from a small scanner (`methods_of`): comments, string and character
literals are blanked (newlines kept), a declaration is an identifier followed by a
parameter list and `{` (after an optional `throws` clause) whose name is not a Java
keyword and which is not preceded by `new`, and its body ends at the matching brace. A
finding belongs to the innermost labelled method whose body holds its first line.

Score per test case: **found** when some finding with a CWE of the case's family lies in
a bad method of one of the case's files; **false positive** when some such finding lies
in a good method. Figures are printed per family, per data source and for two groups of
sources. The source of a case is in its name (`getParameter_Servlet`, `connect_tcp`,
`Environment` ...):
- request and network: getParameter_Servlet, getQueryString_Servlet, getCookies_Servlet,
  connect_tcp, listen_tcp, URLConnection;
- local: Environment, Property, PropertiesFile, File, console_readLine, database;
- none: the flaw is a constant or an API choice (weak hash, hard-coded key, insecure
  cookie, printStackTrace ...), or a number the program makes (max_value, random).

vibeguard's threat model takes request data and network reads as input. Environment
variables, system properties, local files, the console and the application's own
database are set by whoever runs the program; vibeguard does not treat them as attacker
input, so local-source bad cases are expected misses and the request/network and none
groups are the meaningful recall figures (the local group is printed so the choice stays
visible). False positives count in every group. `--threat-model local` scans under
vibeguard's `local` threat model, which counts those sources as input (the local group
is then the figure to read).

The cases are split by a hash of the case id into a development part (60%) and a part kept
aside (40%), like owasp.py; `--split dev|aside|all` chooses which cases are scored and
`--misses` lists the dev cases vibeguard gets wrong.

    python3 bench/code/juliet.py --juliet /tmp/juliet/src --vibeguard target/debug/vibeguard --split dev
    python3 bench/code/juliet.py ... --split dev --threat-model local
"""

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from families import accepted, family_of  # noqa: E402
from owasp import split_of  # noqa: E402
from scoring import print_miss, print_rate_table  # noqa: E402
from tools import Runner, ToolError, add_threat_model_argument, add_tool_arguments, prepare_tools, run_main  # noqa: E402

FILE_RX = re.compile(r"^(CWE(\d+)_\w*?__\w+?_\d+)([a-z]|_bad|_base|_good\w*)?\.java$")
# Source kinds, longest first so that PropertiesFile is not read as Property or File.
SOURCES = ["getParameter_Servlet", "getQueryString_Servlet", "getCookies_Servlet", "connect_tcp",
           "listen_tcp", "URLConnection", "PropertiesFile", "Property", "Environment",
           "console_readLine", "database", "File", "max_value", "random"]
REMOTE = {"getParameter_Servlet", "getQueryString_Servlet", "getCookies_Servlet", "connect_tcp",
          "listen_tcp", "URLConnection"}
LOCAL = {"Environment", "Property", "PropertiesFile", "File", "console_readLine", "database"}

KEYWORDS = {"if", "for", "while", "switch", "catch", "synchronized", "return", "new", "else",
            "try", "do", "throw", "super", "this", "assert"}
DECL_RX = re.compile(r"(\w+)\s*\(([^()]*)\)\s*(?:throws\s+[\w.,\s]+?)?\s*\{")
PREV_WORD_RX = re.compile(r"(\w+)\s*$")


def blank_literals(text):
    """The text with comments, string and char literals replaced by spaces (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
        else:
            out.append(c)
            i += 1
            continue
        out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
        i = j
    return "".join(out)


def methods_of(text):
    """[(name, first line, last line)] of the method bodies in a Java source text."""
    code = blank_literals(text)
    line_at = [0] * (len(code) + 1)
    ln = 1
    for i, ch in enumerate(code):
        line_at[i] = ln
        if ch == "\n":
            ln += 1
    line_at[len(code)] = ln
    out = []
    for m in DECL_RX.finditer(code):
        name = m.group(1)
        if name in KEYWORDS:
            continue
        prev = PREV_WORD_RX.search(code, 0, m.start())
        if prev and prev.group(1) in ("new", "return", "else", "throw"):
            continue
        depth, j = 0, m.end() - 1
        while j < len(code):
            if code[j] == "{":
                depth += 1
            elif code[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        out.append((name, line_at[m.start()], line_at[min(j, len(code))]))
    return out


def label_of(method, file_suffix):
    """'bad', 'good' or None for a method of a file with the given case suffix."""
    low = method.lower()
    if low.startswith("bad"):
        return "bad"
    if low.startswith("good"):
        return "good"
    if file_suffix == "_bad":
        return "bad"
    if file_suffix.startswith("_good"):
        return "good"
    return None


def source_of(case_id):
    rest = case_id.split("__", 1)[1]
    for s in SOURCES:
        if re.search(r"(^|_)" + s + r"(_|$)", rest):
            return s
    return "none"


def group_of(source):
    if source in REMOTE:
        return "request/network"
    if source in LOCAL:
        return "local"
    return "none"


def load_cases(root):
    """{case id: {"cwe", "family", "source", "files": [(rel path, suffix, methods)]}}"""
    root = Path(root)
    cases = {}
    for p in sorted((root / "testcases").rglob("*.java")):
        m = FILE_RX.match(p.name)
        if not m:
            continue
        cwe = int(m.group(2))
        fam = family_of(cwe)
        if not fam:
            continue
        case_id = m.group(1)
        c = cases.setdefault(case_id, {"cwe": cwe, "family": fam, "source": source_of(case_id), "files": []})
        methods = methods_of(p.read_text(errors="replace"))
        c["files"].append((p.relative_to(root).as_posix(), m.group(3) or "", methods))
    return cases


def judge(case, by_path):
    """(found in bad, flagged in good, has good methods, bad-hit rules, good-hit rules)."""
    ok = accepted({case["cwe"]})
    bad = good = has_good = False
    bad_rules, good_rules = set(), set()
    for rel, suffix, methods in case["files"]:
        labelled = [(a, b, label_of(n, suffix)) for n, a, b in methods]
        has_good |= any(lab == "good" for _a, _b, lab in labelled)
        for f in by_path.get(rel, []):
            if not f.cwes & ok:
                continue
            inside = [(b - a, lab) for a, b, lab in labelled if lab and a <= f.line <= b]
            if not inside:
                continue
            lab = min(inside)[1]
            if lab == "bad":
                bad = True
                bad_rules.add(f.rule)
            else:
                good = True
                good_rules.add(f.rule)
    return bad, good, has_good, bad_rules, good_rules






def score(runner, tool, root, cases, split, misses):
    by_path = runner.run(tool, root)
    fams, srcs, groups, fam_remote = {}, {}, {}, {}
    wrong = []
    for cid in sorted(cases):
        if split != "all" and split_of(cid) != split:
            continue
        c = cases[cid]
        bad, good, has_good, bad_rules, good_rules = judge(c, by_path)
        row = (int(bad), 1, int(good), int(has_good))
        grp = group_of(c["source"])
        for table_rows, key in ((fams, c["family"]), (srcs, c["source"]), (groups, grp)):
            r = table_rows.setdefault(key, [0, 0, 0, 0])
            for i, v in enumerate(row):
                r[i] += v
        if grp != "local":
            r = fam_remote.setdefault(c["family"], [0, 0, 0, 0])
            for i, v in enumerate(row):
                r[i] += v
        if not bad:
            wrong.append(("FN", grp, cid, c))
        if good:
            wrong.append(("FP", grp, cid, c, good_rules))
    print(f"\n{tool} on Juliet Java 1.3 ({split} part, {sum(r[1] for r in fams.values())} cases)")
    print_rate_table("by family (all sources)", fams, found="found")
    print_rate_table("by family (request/network and no-source cases)", fam_remote, found="found")
    print_rate_table("by source", srcs, key="source", found="found")
    print_rate_table("by source group", groups, key="source group", found="found")
    if misses:
        print(f"\n{tool} dev cases wrong (FN = bad variant not found, FP = a good variant flagged)")
        for w in wrong:
            kind, grp, cid, c = w[:4]
            first = c["files"][0][0]
            note = ", ".join(sorted(w[4])) if kind == "FP" else None
            print_miss(kind == "FN", c["family"], f"{grp:15} {first}", note, width=16)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--juliet", required=True, help="unpacked Juliet Java `src` folder (holds testcases/)")
    p.add_argument("--split", choices=["dev", "aside", "all"], default="dev")
    p.add_argument("--misses", action="store_true",
                   help="list the dev cases vibeguard gets wrong (never the aside part)")
    add_tool_arguments(p)
    add_threat_model_argument(p)
    args = p.parse_args()
    if args.misses and args.split != "dev":
        print("error: --misses lists the dev part only", file=sys.stderr)
        return 2
    tools = prepare_tools(args)
    runner = Runner(args)
    cases = load_cases(args.juliet)
    if not cases:
        raise ToolError(f"no Juliet test cases under {args.juliet}/testcases")
    for tool in tools:
        score(runner, tool, args.juliet, cases, args.split, args.misses and tool == "vibeguard")
    return 0


if __name__ == "__main__":
    run_main(main)
