"""Scores code analyzers on Brakeman's own test applications (Ruby on Rails).

Brakeman (presidentbeef/brakeman) ships small Rails applications under `test/apps/<app>/`
and, in `test/tests/<app>.rb`, the warnings its authors expect on them: each
`assert_warning :warning_type => "...", :line => N, :relative_path => "..."` (or
`:file => /regex/`) names a weakness Brakeman must report at that line, each
`assert_no_warning ...` code the authors checked must NOT be reported. Both are written
by Brakeman's maintainers, independently of vibeguard, so they are a public labelled set
of vulnerable and safe Rails code (controllers, models, ERB/HAML views, config). It is
benchmark input, never committed: fetch presidentbeef/brakeman and extract
`test/apps` and `test/tests` outside the repository:

    git --git-dir=MIRROR archive HEAD test/apps test/tests | tar -x -C /tmp/brakeman

How the labels are derived
--------------------------
Expectations are read from the test files of the scans that run on an unmodified
application (`BrakemanTester.run_scan`): active_record_only, rails2, rails3, rails31,
rails32, rails4, rails4_with_engines, rails5, rails52, rails6, rails7, rails8 and
rails_with_xss_plugin. The rescanner tests (cves, rails52_csrf, rails7_redirect,
rails_61_sql, rails_lts) edit the application before scanning and only_files_option
scans a subset of rails3.2, so they are not used. Both `:key => value` and `key: value`
spellings are read; the file is `relative_path` (a string) or the single file of the
application whose path matches the `file` regex (an ambiguous regex drops the case). An
expectation about a file the application no longer has (six `assert_no_warning` on
removed views) is dropped.

An expectation is kept when it has a numeric line, a file other than Gemfile,
Gemfile.lock, gems.rb or gems.locked, a message that is not about a library version
(no dotted version number, "CVE", "Upgrade to" or "Support for" in it: those warnings
depend on the Rails or gem version, not on the code), and a warning type below. The
family (bench/code/families.json) each kept type counts in:

    SQL Injection                          sql-injection
    Command Injection                      command-injection
    Cross-Site Scripting                   xss
    Redirect                               open-redirect
    File Access, Path Traversal,
    Dynamic Render Path                    path-traversal
    Remote Code Execution                  by message: "Unsafe reflection method ..."
                                           code-injection; "`YAML.load`/`Marshal.load`/
                                           `Oj.load`/`CSV.load` called with ...", "Use of
                                           `Marshal.load`", "unsafe cookie serialization"
                                           deserialization; "Passing query parameters to
                                           `render`" path-traversal
    Dangerous Eval, Dangerous Send         code-injection
    Template Injection                     template-injection
    Format Validation                      regex
    Denial of Service                      regex, only "Parameter value used in regex";
                                           symbol conversion is left out
    SSL Verification Bypass                tls
    Weak Hash, Weak Cryptography           weak-crypto
    Session Setting                        "Session secret should not be included"
                                           hardcoded-key; the cookie flags cookie
    Authentication                         "Hardcoded value for ..." hardcoded-key;
                                           "List specific actions when skipping"
                                           access-control
    Basic Auth                             hardcoded-key
    Unscoped Find                          access-control
    Information Disclosure                 error-details

Left out (no family of families.json fits, or not about code): Mass Assignment,
Attribute Restriction, Cross-Site Request Forgery, Default Routes, Reverse Tabnabbing,
Session Manipulation, Missing Encryption, Missing Authorization (ransack), Divide by
Zero, HTTP Verb Confusion, Shady Call, Mail Link, Nested Attributes, Unmaintained
Dependency, Directory Traversal and Timing Attack (both version checks).

A case is (app, file, line, family); duplicates collapse. A case both expected and
expected absent (two messages on one line) is kept only as expected. Vulnerable cases
give recall: a tool finds one when it reports, in that file, a finding whose CWE is in
the family and which covers the line (its own range, or with `--match path` a hop of
its reported source-to-sink path). Safe cases (`assert_no_warning` with a line) give the
false-positive rate the same way.

Cases are split 60/40 into dev and aside by a hash of `app/file`, so one file's cases
never sit on both sides.

    python3 bench/code/brakeman.py --brakeman /tmp/brakeman --vibeguard target/debug/vibeguard \\
        --split dev --match path --misses
"""

import argparse
import hashlib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from families import FAMILIES  # noqa: E402
from scoring import print_miss, print_rate_table, tally  # noqa: E402
from tools import Runner, ToolError, add_tool_arguments, prepare_tools, run_main  # noqa: E402

# test file -> application folder under test/apps
TEST_APPS = {
    "active_record_only.rb": "active_record_only", "rails2.rb": "rails2", "rails3.rb": "rails3",
    "rails31.rb": "rails3.1", "rails32.rb": "rails3.2", "rails4.rb": "rails4",
    "rails4_with_engines.rb": "rails4_with_engines", "rails5.rb": "rails5", "rails52.rb": "rails5.2",
    "rails6.rb": "rails6", "rails7.rb": "rails7", "rails8.rb": "rails8",
    "rails_with_xss_plugin.rb": "rails_with_xss_plugin",
}

TYPE_FAMILY = {
    "SQL Injection": "sql-injection", "Command Injection": "command-injection",
    "Cross-Site Scripting": "xss", "Redirect": "open-redirect",
    "File Access": "path-traversal", "Path Traversal": "path-traversal",
    "Dynamic Render Path": "path-traversal", "Dangerous Eval": "code-injection",
    "Dangerous Send": "code-injection", "Template Injection": "template-injection",
    "Format Validation": "regex", "SSL Verification Bypass": "tls", "Weak Hash": "weak-crypto",
    "Weak Cryptography": "weak-crypto", "Basic Auth": "hardcoded-key",
    "Unscoped Find": "access-control", "Information Disclosure": "error-details",
}


def family_of_warning(wtype, message):
    """Family of a Brakeman warning type (and message, where one type spans several), or None."""
    m = (message or "").replace("\\", "")
    if wtype in TYPE_FAMILY:
        return TYPE_FAMILY[wtype]
    if wtype == "Remote Code Execution":
        if "Unsafe reflection" in m:
            return "code-injection"
        if re.search(r"(YAML|Marshal|Oj|CSV)\.|cookie serialization", m):
            return "deserialization"
        if "Passing query parameters" in m:
            return "path-traversal"
        return None
    if wtype == "Denial of Service":
        return "regex" if "used in reg" in m else None
    if wtype == "Session Setting":
        return "hardcoded-key" if "Session secret" in m else "cookie"
    if wtype == "Authentication":
        if "Hardcoded value" in m:
            return "hardcoded-key"
        if "List specific actions" in m:
            return "access-control"
    return None


VERSION_FILES = {"Gemfile", "Gemfile.lock", "gems.rb", "gems.locked"}
VERSION_MSG = re.compile(r"\d\\?\.\d|CVE|Upgrade to|Support for")
CALL = re.compile(r"^\s*(assert_warning|assert_no_warning)\b(.*)$")


def _key(name):
    return rf"(?::{name}\s*=>|(?<![:\w]){name}:)\s*"


def _field(body, name, value):
    m = re.search(_key(name) + value, body)
    return m.group(1) if m else None


def assertions(text):
    """(kind, body) of each assert_warning / assert_no_warning call, its hash read across
    the lines that end with a comma."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = CALL.match(lines[i])
        if not m:
            i += 1
            continue
        buf = [m.group(2)]
        while re.sub(r"#.*$", "", buf[-1]).rstrip().endswith((",", "(")) and i + 1 < len(lines):
            i += 1
            buf.append(lines[i])
        i += 1
        yield m.group(1), "\n".join(buf)


def app_files(app_root):
    return sorted(p.relative_to(app_root).as_posix() for p in app_root.rglob("*") if p.is_file())


def load_cases(root):
    """{(app, file, line, family): vulnerable?}"""
    root = Path(root)
    tests, apps = root / "test" / "tests", root / "test" / "apps"
    if not tests.is_dir() or not apps.is_dir():
        raise ToolError(f"no test/tests and test/apps under {root}")
    cases = {}
    files_of = {}
    for test, app in TEST_APPS.items():
        files_of[app] = app_files(apps / app)
        for kind, body in assertions((tests / test).read_text()):
            wtype = _field(body, "warning_type", r"[\"']([^\"']*)[\"']")
            line = _field(body, "line", r"(\d+)")
            msg = _field(body, "message", r"(/(?:\\.|[^/\\])*/|\"[^\"]*\")") or ""
            if not wtype or not line or VERSION_MSG.search(msg):
                continue
            fam = family_of_warning(wtype, msg)
            if fam is None:
                continue
            rel = _field(body, "relative_path", r"[\"']([^\"']*)[\"']")
            if rel is None:
                frx = _field(body, "file", r"/((?:\\.|[^/\\])*)/")
                fstr = _field(body, "file", r"[\"']([^\"']*)[\"']")
                if frx is not None:
                    hits = [f for f in files_of[app] if re.search(frx, f)]
                elif fstr is not None:
                    hits = [f for f in files_of[app] if f == fstr or f.endswith("/" + fstr)]
                else:
                    hits = []
                if len(hits) != 1:
                    continue
                rel = hits[0]
            if Path(rel).name in VERSION_FILES or rel not in files_of[app]:
                continue
            key = (app, rel, int(line), fam)
            cases[key] = cases.get(key, False) or kind == "assert_warning"
    return cases


def split_of(app, rel):
    h = int(hashlib.sha256(f"{app}/{rel}".encode()).hexdigest()[:8], 16)
    return "dev" if h % 10 < 6 else "aside"


def is_hit(by_path, app, rel, line, fam, via_path):
    cwes, also = FAMILIES[fam]
    ok = cwes | also
    return any(f.cwes & ok and f.covers(line, via_path) for f in by_path.get(f"{app}/{rel}", []))




def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--brakeman", required=True, help="folder holding the extracted test/apps and test/tests")
    p.add_argument("--split", choices=["dev", "aside", "all"], default="dev")
    p.add_argument("--match", choices=["sink", "path"], default="sink",
                   help="path: a finding also covers the lines of its reported source-to-sink path")
    p.add_argument("--misses", action="store_true",
                   help="list the dev cases vibeguard gets wrong (never the aside part)")
    add_tool_arguments(p)
    args = p.parse_args()
    via_path = args.match == "path"
    tools = prepare_tools(args)
    runner = Runner(args)
    cases = {k: v for k, v in load_cases(args.brakeman).items()
             if args.split == "all" or split_of(k[0], k[1]) == args.split}
    apps_root = Path(args.brakeman) / "test" / "apps"
    for tool in tools:
        by_path = runner.run(tool, apps_root)
        rows = {}
        for (app, rel, line, fam), vuln in cases.items():
            hit = is_hit(by_path, app, rel, line, fam, via_path)
            tally(rows, fam, vuln, hit)
        print_rate_table(f"{tool} on Brakeman test apps, {args.split}, match {args.match}", rows)
        if args.misses and tool == "vibeguard":
            if args.split != "dev":
                print("--misses lists the dev part only", file=sys.stderr)
                continue
            print("\nvibeguard dev cases wrong (FN = expected and missed, FP = expected absent and flagged)")
            for (app, rel, line, fam), vuln in sorted(cases.items()):
                hit = is_hit(by_path, app, rel, line, fam, via_path)
                if vuln and not hit:
                    print_miss(True, fam, f"{app}/{rel}:{line}", width=16)
                elif not vuln and hit:
                    rules = sorted({f.rule for f in by_path.get(f"{app}/{rel}", []) if f.covers(line, via_path)})
                    print_miss(False, fam, f"{app}/{rel}:{line}", ", ".join(rules), width=16)
    return 0


if __name__ == "__main__":
    run_main(main)
