"""Scores code analyzers on the rule tests of Bearer's open rule repository.

Bearer (github.com/Bearer/bearer-rules, the rules of the Bearer CLI scanner) tests every
rule on small programs written by its authors, independently of vibeguard:
`tests/<lang>/<group>/<rule>/testdata/**` for the rule `rules/<lang>/<group>/<rule>.yml`.
A test file labels the statements the rule must report with a comment
`bearer:expected <rule id>[, <rule id>...]` (`//`, `#` or `/*` comment) on the line(s)
just above the statement, or trailing it; a test file with no such marker for its rule
(often named `ok_*` or `safe*`) expects no finding of that rule. Languages: javascript
(.js/.jsx/.ts/.tsx), python, java, php, ruby, go.

It is benchmark input, never committed. Extract the two folders outside the repository,

    git --git-dir=MIRROR archive HEAD tests rules | tar -x -C /tmp/bearer-rules

and point `--bearer` at that directory.

Labels and families:

- A rule's family is the family (families.json) of the first of its `metadata.cwe_id`
  CWEs that has one, except for the rules in RULE_FAMILY, where the rule's description
  names a weakness its CWE tag does not (a weak PRNG tagged CWE-327, a regex built from
  input tagged CWE-1287, pprof's debug endpoint tagged CWE-200) or one no family of ours
  covers. Rules without a family are left out; the script prints them.
- Dropped as data-privacy rules, out of vibeguard's scope (issue 9): every rule of the
  `third_parties` groups tagged CWE-201 (Bearer's "datatypes sent to Sentry, Datadog,
  OpenAI..."), and the rules whose finding is personal-data categories (Bearer's
  data-type classifier: email, name, address...) reaching an output: CWE-532
  `logger`/`logger_leak` (personal data, or any variable, in a log message), CWE-210
  `exception` (personal data in an exception message), CWE-312/313/315/359/598
  (personal data in cookies, sessions, JWT payloads, generated files, GET parameters)
  and CWE-200 `standard_output`. They are listed in PRIVACY_CWES/PRIVACY_RULES. The
  dependency tests (package.json / maven-dependencies.json test data) are not code and
  are skipped.

Cases:

- Positive: each line a marker for the file's own rule points at. It counts as found
  when a finding whose CWE is accepted by the rule's family covers the line (`--match
  sink`: the finding's own lines; `--match path`: also the lines of its reported
  source-to-sink path, as in semgrep_tests.py).
- Negative: each test file with no marker for its rule. It counts as a false positive
  when any finding of the rule's family is reported anywhere in it.
- Findings of the family on other lines of positive files are counted separately
  ("extra lines"), not in the false-positive rate: Bearer's tests often leave
  vulnerable-looking lines unlabelled.

Cases are split 60/40 into dev and aside by a hash of the test file's path (all lines of
one file on the same side); `--split dev|aside|all` chooses which part is scored.

    python3 bench/code/bearer_tests.py --bearer /tmp/bearer-rules --vibeguard target/debug/vibeguard \\
        --split dev --languages python,go --match path --misses
"""

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from families import FAMILIES, family_of  # noqa: E402
from njsscan_tests import split_of  # noqa: E402
from scoring import print_miss, print_rate_table  # noqa: E402
from tools import Runner, ToolError, add_threat_model_argument, add_tool_arguments, cwe_numbers, prepare_tools, run_main  # noqa: E402

# Language folder -> extensions of its test programs.
EXTENSIONS = {
    "javascript": (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx"), "python": (".py",),
    "java": (".java",), "php": (".php",), "ruby": (".rb",), "go": (".go",),
}
MARKER = re.compile(r"^\s*(?:#|//|/\*|\*)\s*bearer:expected\s+([\w.\-]+(?:\s*,\s*[\w.\-]+)*)")
TRAILING = re.compile(r"(?:#|//|/\*)\s*bearer:expected\s+([\w.\-]+(?:\s*,\s*[\w.\-]+)*)")

PRIVACY_CWES = {201, 210, 312, 313, 315, 359, 532, 598}
PRIVACY_RULES = {"standard_output"}  # CWE-200: personal data printed to stdout

# Rule (last path component) -> family, where the CWE tag does not say what the rule
# finds (None: no family of ours).
RULE_FAMILY = {
    # "Usage of weak Pseudo-Random Number Generator", tagged 327.
    "weak_random": "weak-random",
    # Regular expression built from user input, tagged 1287 (improper type validation).
    "regex_using_user_input": "regex",
    "dynamic_regex": "regex",
    # pprof's debug endpoint served, tagged 200.
    "pprof_endpoint": "debug",
    # SSH host-key verification off, tagged 327.
    "insecure_ignore_host_key": "tls",
    # gosec G204: a subprocess launched from a variable, tagged 94.
    "subproc": "command-injection",
    # Cookie flags (Secure/HttpOnly) set permissively, tagged 693.
    "permissive_cookie_config": "cookie",
    "insecure_cookie_settings": "cookie",
    "default_cookie_config": "cookie",
    "default_session_config": "cookie",
    # JWTs without a revocation check (tagged 693), postMessage origin checks (tagged
    # 346) and vulnerable versions of the marked / DOMPurify packages (a dependency
    # check, tagged 1333 / 79): no family of ours.
    "jwt_not_revoked": None,
    "message_handler_origin": None,
    "post_message_origin": None,
    "marked": None,
    "dom_purify": None,
    # HTTP parameter pollution (a request parameter in a URL query), tagged 88: not
    # argument injection into a command.
    "http_parameter_pollution": None,
    # HTTP response splitting (request data in a header or cookie value), tagged 79.
    "http_response_splitting": "header-injection",
    # Listening on 0.0.0.0 and allowing screenshots, tagged 200: no family of ours.
    "bind_to_all_interfaces": None,
    "prevent_screenshot": None,
}


def rule_of(yml):
    """(rule id, cwe numbers, description) of a Bearer rule file, read by text."""
    text = yml.read_text(errors="replace")
    meta = text[text.find("\nmetadata:"):] if "\nmetadata:" in text else text
    rid = re.search(r"^  id:\s*\"?([\w.\-]+)", meta, re.M)
    cw = re.search(r"cwe_id:\s*\n((?:\s+-\s+\"?\d+\"?\s*\n?)+)", text)
    cwes = [int(n) for n in re.findall(r"\d+", cw.group(1))] if cw else []
    return (rid.group(1) if rid else yml.stem), cwes


def rule_family(rel, cwes):
    """Family of a rule (`lang/group/.../name`), or None; 'privacy' when dropped."""
    name = rel.rsplit("/", 1)[-1]
    if set(cwes) & PRIVACY_CWES or name in PRIVACY_RULES:
        return "privacy"
    if name in RULE_FAMILY:
        return RULE_FAMILY[name]
    for c in cwes:
        if family_of(c):
            return family_of(c)
    return None


QUOTED = re.compile(r'''"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`''')


def statement_end(lines, start):
    """Last line (1-based) of the statement that begins on line index `start`.

    A marker labels a statement, and a tool may report any line of it (the call's
    first line, or the argument that makes it unsafe, several lines further down),
    so a statement spans from its first line until its brackets balance again.
    Brackets inside one-line string literals do not count; at most 40 lines.
    """
    depth = 0
    for k in range(start, min(len(lines), start + 40)):
        text = QUOTED.sub("", lines[k])
        depth += sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")
        if depth <= 0:
            return k + 1
    return start + 1


def expected_lines(path, rid):
    """Statements a `bearer:expected` marker naming `rid` points at: {first line: last line}."""
    lines = path.read_text(errors="replace").splitlines()
    out = {}
    for i, line in enumerate(lines):
        m = MARKER.match(line)
        if m:
            ids = {x.strip() for x in m.group(1).split(",")}
            if rid not in ids:
                continue
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or MARKER.match(lines[j])):
                j += 1
            if j < len(lines):
                out[j + 1] = statement_end(lines, j)
            continue
        m = TRAILING.search(line)
        if m and rid in {x.strip() for x in m.group(1).split(",")}:
            out[i + 1] = statement_end(lines, i)
    return out


def collect(root, languages, split):
    """Copies the selected test files into a scratch tree.

    Returns (tree, cases, left_out, dropped); a case is
    (rel path, lines (set, empty for a negative file), language, family, rule id).
    """
    tree = Path(tempfile.mkdtemp(prefix="vg-bearer-"))
    cases, left_out, dropped = [], set(), set()
    for lang in languages:
        exts = EXTENSIONS[lang]
        for yml in sorted((root / "rules" / lang).rglob("*.yml")):
            rel_rule = yml.relative_to(root / "rules").with_suffix("").as_posix()
            data = root / "tests" / rel_rule / "testdata"
            if not data.is_dir():
                continue
            rid, cwes = rule_of(yml)
            fam = rule_family(rel_rule, cwes)
            if fam == "privacy":
                dropped.add(rid)
                continue
            if fam is None:
                left_out.add(rid)
                continue
            for t in sorted(data.rglob("*")):
                if not t.is_file() or t.suffix not in exts:
                    continue
                rel = t.relative_to(root).as_posix()
                if split != "all" and split_of(rel) != split:
                    continue
                # Copied under `suite/` rather than `tests/` (Semgrep skips tests/ folders).
                dest_rel = "suite/" + t.relative_to(root / "tests").as_posix()
                dest = tree / dest_rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(t, dest)
                cases.append((dest_rel, expected_lines(t, rid), lang, fam, rid))
    return tree, cases, left_out, dropped


def family_cwes(fam):
    cwes, also = FAMILIES[fam]
    return cwes | also


def hit_lines(by_path, rel, fam, lines, via_path):
    """Labelled statements found (by first line), and the lines of other family findings.

    `lines` maps a labelled statement's first line to its last; a finding on any line of
    the statement finds it.
    """
    ok = family_cwes(fam)
    found, extra = set(), set()
    for f in by_path.get(rel, []):
        if not f.cwes & ok:
            continue
        mine = {
            ln for ln, end in lines.items()
            if any(f.covers(k, via_path) for k in range(ln, end + 1))
        }
        found |= mine
        if not mine:
            extra.add(f.line)
    return found, extra


def score(by_path, cases, via_path, key):
    rows, extra = {}, [0, 0]  # extra: findings on unlabelled lines, positive files
    for rel, lines, lang, fam, _rid in cases:
        r = rows.setdefault(key(lang, fam), [0, 0, 0, 0])
        found, other = hit_lines(by_path, rel, fam, lines, via_path)
        if lines:
            r[0] += len(found)
            r[1] += len(lines)
            extra[0] += bool(other)
            extra[1] += 1
        else:
            r[2] += bool(other)
            r[3] += 1
    return rows, extra


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bearer", required=True, help="directory holding Bearer's tests/ and rules/")
    p.add_argument("--languages", default=",".join(EXTENSIONS))
    p.add_argument("--split", choices=["dev", "aside", "all"], default="dev")
    p.add_argument("--misses", action="store_true", help="list vibeguard's wrong dev cases")
    p.add_argument("--match", choices=["sink", "path"], default="sink",
                   help="what a finding covers: its own lines, or also its reported path")
    add_tool_arguments(p)
    add_threat_model_argument(p)
    args = p.parse_args()
    langs = [x.strip() for x in args.languages.split(",") if x.strip()]
    for lang in langs:
        if lang not in EXTENSIONS:
            raise ToolError(f"unknown language {lang}; choose from {', '.join(EXTENSIONS)}")
    tools = prepare_tools(args)
    runner = Runner(args)
    tree, cases, left_out, dropped = collect(Path(args.bearer), langs, args.split)
    print(f"dropped (data privacy): {', '.join(sorted(dropped))}")
    print(f"left out (no family of ours): {', '.join(sorted(left_out))}")
    via_path = args.match == "path"
    for tool in tools:
        if tool == "bandit":
            continue
        by_path = runner.run(tool, tree)
        title = f"{tool}, Bearer rule tests, {args.split}, match {args.match}"
        rows, extra = score(by_path, cases, via_path, lambda lang, fam: lang)
        print_rate_table(title, rows, key="language",
                         found="recall (lines)", flagged="false positives (files)")
        rows, _ = score(by_path, cases, via_path, lambda lang, fam: fam)
        print_rate_table(title, rows, found="recall (lines)", flagged="false positives (files)")
        print(f"positive files with a finding of the family on an unlabelled line: "
              f"{extra[0]}/{extra[1]}")
        if args.misses and tool == "vibeguard" and args.split == "dev":
            for rel, lines, _lang, fam, rid in cases:
                found, other = hit_lines(by_path, rel, fam, lines, via_path)
                for ln in sorted(set(lines) - found):
                    print_miss(True, fam, f"{rel}:{ln}", f"({rid})")
                if not lines and other:
                    print_miss(False, fam, f"{rel}:{min(other)}", f"({rid})")
    shutil.rmtree(tree, ignore_errors=True)
    return 0


if __name__ == "__main__":
    run_main(main)
