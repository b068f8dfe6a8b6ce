"""Scores code analyzers on njsscan's own true-positive and true-negative test files.

njsscan (github.com/ajinabraham/njsscan, a Semgrep-based scanner for Node.js) tests its
rules on two folders of JavaScript written by its authors, independently of vibeguard:

- `tests/assets/node_source/true_positives/semantic_grep/<category>/<rule file>.js`: every
  line that must be flagged carries a `ruleid: <rule id>` comment (on the line itself when it
  trails code, otherwise on the line before the code it labels; the same reading as
  semgrep_tests.py). Each labelled line is one positive case.
- `tests/assets/node_source/true_negatives/*.js`: files on which no njsscan rule may fire.
  Each file is one negative case.

It is benchmark input, never committed: bring the repository in with the `fetch` tool and
extract the two folders plus the rules outside the repository,

    git --git-dir=MIRROR archive HEAD tests/assets/node_source njsscan/rules | tar -x -C /tmp/njsscan

then point `--njsscan` at that directory. The template files (`tests/assets/templates`:
.ejs, .hbs, .pug, .vue, ...) are not used: vibeguard's code analyzer does not read them.

Labels and families:

- A positive line's family is the family (families.json) of the CWE that njsscan's rule
  (`njsscan/rules/semantic_grep/<category>/<rule file>.yaml`, `metadata.cwe`) gives the
  rule named by the label, except for the rules in RULE_FAMILY below, where the rule's own
  message names a weakness that its CWE tag does not (say a Math.random rule tagged
  CWE-327, a non-literal `require` tagged CWE-706) or that no family of ours covers.
  Lines whose rule maps to no family are left out of the figures; the script prints
  their rules.
- A negative file's family is the weakness its name says (`safe_sql_knex.js` tests the
  knex SQL-injection rule), written out in NEGATIVE_FAMILY; files whose weakness is in no
  family are left out.

A positive line counts as found when a finding whose CWE is accepted by the line's family
covers it (`--match sink`: the finding's own lines; `--match path`: also the lines of the
source-to-sink path it reports, as in semgrep_tests.py). A negative file counts as a false
positive when any finding in it has a CWE accepted by the file's family. Cases are split
60/40 into dev and aside by a hash of the test file's path (all lines of one file on the
same side); `--split dev|aside|all` chooses which part is scored.

    python3 bench/code/njsscan_tests.py --njsscan /tmp/njsscan --vibeguard target/debug/vibeguard --split dev
"""

import argparse
import hashlib
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from families import FAMILIES, family_of  # noqa: E402
from scoring import print_miss, print_rate_table, tally  # noqa: E402
from semgrep_tests import labelled_lines  # noqa: E402
from tools import Runner, add_tool_arguments, cwe_numbers, prepare_tools, run_main  # noqa: E402

POSITIVES = "tests/assets/node_source/true_positives/semantic_grep"
NEGATIVES = "tests/assets/node_source/true_negatives"
RULES = "njsscan/rules/semantic_grep"

# Rules whose family is not the one of their CWE tag (None: no family of ours).
RULE_FAMILY = {
    # "Math.random()/crypto.pseudoRandomBytes is not cryptographically secure", tagged 327.
    "node_insecure_random_generator": "weak-random",
    # jwt.verify/decode accepting `none`: an unverified signature (CWE-347), tagged 327.
    "node_jwt_none_algorithm": "jwt",
    # Hard-coded secret passed to passport / express-jwt, tagged 522.
    "hardcoded_passport_secret": "hardcoded-key",
    "jwt_express_hardcoded": "hardcoded-key",
    # Untrusted input in require() loads code, tagged 706.
    "eval_require": "code-injection",
    # Untrusted input in new RegExp(), tagged 400.
    "regex_injection_dos": "regex",
    # Handlebars/Mustache escaping turned off: cross-site scripting, tagged 116.
    "xss_disable_mustache_escape": "xss",
    # Handlebars compile of request input: template injection, tagged 94.
    "server_side_template_injection": "template-injection",
    # Response-header injection (CWE-113), tagged 644, which families.json puts in
    # host-allowlist; left out while no JavaScript rule of ours reports header
    # injection (the header-injection family, CWE-113, has Python and Java rules).
    "generic_header_injection": None,
    # Unencrypted gRPC channel (cleartext, CWE-319), tagged 502.
    "grpc_insecure_connection": None,
    # Sensitive data in a token payload, missing token revocation, cookie-session name,
    # domain and path: tagged 522, no family of ours.
    "jwt_exposed_credentials": None,
    "jwt_exposed_data": None,
    "jwt_not_revoked": None,
    "cookie_session_default": None,
    "cookie_session_no_domain": None,
    "cookie_session_no_path": None,
    # Electron BrowserWindow settings (tagged 346, 319, 272, 693): no family of ours.
    "electron_disable_websecurity": None,
    "electron_allow_http": None,
    "electron_blink_integration": None,
    "electron_nodejs_integration": None,
    "electron_context_isolation": None,
    "electron_experimental_features": None,
}

# The weakness each true-negative file is about (None: no family of ours).
NEGATIVE_FAMILY = {
    "express_bodyparser": "resource", "express_hbs_safe": "path-traversal",
    "good_controls": "security-headers", "hardcoded_evals": "code-injection",
    "hardcoded_os_command": "command-injection", "header_helmet_enabled": "security-headers",
    "header_xss_protection": "security-headers", "http_client_node": "ssrf",
    "safe_archive_extract": "path-traversal", "safe_buffer": None, "safe_comparison": "timing",
    "safe_cors_header": "cors", "safe_creds_node": "hardcoded-key", "safe_crypto": "weak-crypto",
    "safe_electron": None, "safe_error_handling": "error-details", "safe_expat": "xxe",
    "safe_grpc": None, "safe_header_cookie": "cookie", "safe_headers": None,
    "safe_host_header": None, "safe_html_node": "xss", "safe_jwt_algorithm": "jwt",
    "safe_jwt_credentials": None, "safe_jwt_data": None, "safe_jwt_express": "hardcoded-key",
    "safe_jwt_revoked": None, "safe_jwt_token": "hardcoded-key", "safe_loop": "resource",
    "safe_mustache_escape": "xss", "safe_nosql": "nosql-injection",
    "safe_nosql_find": "nosql-injection", "safe_passport": "hardcoded-key",
    "safe_path_join_resolve": "path-traversal", "safe_phantomjs": "ssrf",
    "safe_playwright": "ssrf", "safe_puppeteer": "ssrf", "safe_redirect": "open-redirect",
    "safe_regex": "regex", "safe_regex_check": "regex", "safe_require": "code-injection",
    "safe_sandbox": "code-injection", "safe_sax": "xxe", "safe_sequelize_strong_tls": None,
    "safe_sequelize_tls": None, "safe_sequelize_tls_validation": "tls",
    "safe_seralize_js": "xss", "safe_serialize": "deserialization",
    "safe_shelljs": "command-injection", "safe_sql": "sql-injection",
    "safe_sql_knex": "sql-injection", "safe_template_rendering": "template-injection",
    "safe_templates": "xss", "safe_tls_node": "tls", "safe_traversal": "path-traversal",
    "safe_vm": "code-injection", "safe_vm2": "code-injection", "safe_wkhtmltoimage": "ssrf",
    "safe_wkhtmltopdf": "ssrf", "safe_xml2json": "xxe", "safe_xml_expansion": "xxe",
    "safe_xml_parsing": "xxe", "safe_xpath": "xpath-injection", "safe_xss_dom": "xss",
    "safe_yaml_load": "deserialization",
}


def split_of(key):
    h = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    return "dev" if h % 10 < 6 else "aside"


def rule_families(root):
    """rule id -> family (or None) from njsscan's rule files and RULE_FAMILY."""
    out = {}
    for y in sorted((root / RULES).rglob("*.yaml")):
        text = y.read_text(errors="replace")
        for block in re.split(r"\n\s*-\s+id:\s*", "\n" + text)[1:]:
            rid = block.split("\n", 1)[0].strip().strip("'\"")
            fams = {family_of(c) for c in cwe_numbers(re.findall(r"cwe-\d+", block, re.I))} - {None}
            out[rid] = sorted(fams)[0] if fams else None
    out.update(RULE_FAMILY)
    return out


def family_cwes(fam):
    cwes, also = FAMILIES[fam]
    return cwes | also


def collect(root, split):
    """Copies the selected test files into a scratch tree.

    Returns (tree, cases, left_out); a case is (rel path, line or None, kind, family, rule).
    """
    fams = rule_families(root)
    tree = Path(tempfile.mkdtemp(prefix="vg-njsscan-"))
    cases, left_out = [], set()

    def take(path):
        # Copied under `suite/` rather than `tests/`: Semgrep's default ignore list skips
        # folders named tests, which would score it as finding nothing.
        rel = "suite/" + path.relative_to(root / "tests").as_posix()
        dest = tree / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
        return rel

    for t in sorted((root / POSITIVES).rglob("*.js")):
        rel = t.relative_to(root).as_posix()
        if split != "all" and split_of(rel) != split:
            continue
        took = []
        for line, kind, ids in labelled_lines(t):
            if kind != "ruleid":
                continue
            for rid in sorted(ids):
                fam = fams.get(rid)
                if fam is None:
                    left_out.add(rid)
                    continue
                took.append((line, "tp", fam, rid))
                break
        if took:
            rel = take(t)
            cases += [(rel, line, kind, fam, rid) for line, kind, fam, rid in took]
    for t in sorted((root / NEGATIVES).glob("*.js")):
        rel = t.relative_to(root).as_posix()
        if split != "all" and split_of(rel) != split:
            continue
        fam = NEGATIVE_FAMILY.get(t.stem)
        if fam is None:
            left_out.add(t.name)
            continue
        cases.append((take(t), None, "tn", fam, t.stem))
    return tree, cases, left_out


def is_hit(by_path, rel, line, fam, via_path):
    ok = family_cwes(fam)
    for f in by_path.get(rel, []):
        if f.cwes & ok and (line is None or f.covers(line, via_path)):
            return True
    return False


def score(by_path, cases, via_path):
    rows = {}
    for rel, line, kind, fam, _rid in cases:
        hit = is_hit(by_path, rel, line, fam, via_path)
        tally(rows, fam, kind == "tp", hit)
    return rows






def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--njsscan", required=True,
                   help="directory holding njsscan's tests/assets/node_source and njsscan/rules")
    p.add_argument("--split", choices=["dev", "aside", "all"], default="dev")
    p.add_argument("--misses", action="store_true", help="list vibeguard's wrong dev cases")
    p.add_argument("--match", choices=["sink", "path"], default="sink",
                   help="what a finding covers: its own lines, or also its reported path")
    add_tool_arguments(p)
    args = p.parse_args()
    tools = prepare_tools(args)
    runner = Runner(args)
    tree, cases, left_out = collect(Path(args.njsscan), args.split)
    print(f"left out (no family of ours): {', '.join(sorted(left_out))}")
    via_path = args.match == "path"
    for tool in tools:
        if tool == "bandit":
            continue
        by_path = runner.run(tool, tree)
        print_rate_table(f"{tool}, njsscan tests, {args.split}, match {args.match}",
                         score(by_path, cases, via_path),
                         found="recall (lines)", flagged="false positives (files)")
        if args.misses and tool == "vibeguard" and args.split == "dev":
            for rel, line, kind, fam, rid in cases:
                hit = is_hit(by_path, rel, line, fam, via_path)
                if (kind == "tp") != hit:
                    where = f"{rel}:{line}" if line else rel
                    print_miss(kind == "tp", fam, where, f"({rid})")
    shutil.rmtree(tree, ignore_errors=True)
    return 0


if __name__ == "__main__":
    run_main(main)
