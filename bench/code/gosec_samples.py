"""Scores code analyzers on gosec's own sample programs (Go).

gosec (github.com/securego/gosec, the Go security linter) tests every rule on small Go
programs kept as string literals in `testutils/g<NNN>_samples.go`: each entry of a
`var SampleCodeG<NNN>[suffix] = []CodeSample{...}` list is
`{[]string{<file>, <file>...}, <issues>, <config>}` (or the keyed form `Code:`, `Errors:`,
`Config:`), where `<issues>` is the number of GNNN issues gosec's authors expect on that
program; several strings are several files of one package. The authors wrote both code
and count, independently of vibeguard. It is benchmark input, never committed: bring the
repository in with the `fetch` tool and extract `testutils/` outside the repository,

    git --git-dir=MIRROR archive HEAD testutils | tar -x -C /tmp/gosec

then point `--gosec` at that directory. The script reads the Go literals with a small
tokenizer (raw and interpreted strings, comments, braces; no regular expression over the
code) and writes each sample as its own Go module folder (`go.mod` plus
`sample_<i>.go`) under `--work` (default: a fresh temporary folder), which the tools scan
as one tree.

How the labels are derived
--------------------------
A sample with a count above 0 is vulnerable, with 0 safe. It is found when a tool reports,
in one of its files, a finding whose CWE is in the rule's family (families.json: `cwes`
or `also`); a safe sample is a false positive when any such finding is in it. The rule is
the `G<NNN>` of the variable name (`SampleCodeG401b` is G401). Samples that carry a
configuration other than `gosec.NewConfig()` are left out (the configuration changes what
gosec's rule checks, e.g. a stricter file mode). The kept rules and their families:

    G101 hardcoded credentials                    hardcoded-key (vibeguard's secrets
                                                  analyzer, CWE-798, and the code rules'
                                                  hardcoded-key findings)
    G107, G704 SSRF                               ssrf
    G120 unbounded ParseMultipartForm             resource (issue 9: uploads without size
                                                  limits where visible)
    G124 cookie without Secure/HttpOnly/SameSite  cookie
    G201, G202, G701 SQL built from strings       sql-injection
    G203, G705 unescaped data in HTML             xss
    G204, G702 command execution                  command-injection
    G304, G305, G703 file path, zip slip          path-traversal
    G301, G302, G306, G307 file modes             permissions; a vulnerable sample is kept
                                                  only when an octal mode literal in it
                                                  grants write to others (issue 9 asks for
                                                  world-writable modes; gosec also flags
                                                  0644 or 0744 against its 0600/0750
                                                  defaults)
    G401, G405, G406, G501-G503, G505-G507        weak-crypto (MD5/SHA1/MD4/RIPEMD160
                                                  hashes, DES/RC4 ciphers, their imports)
    G403 RSA key shorter than 2048 bits           weak-crypto (CWE-326)
    G402 TLS settings                             tls
    G404 math/rand                                weak-random
    G407 hardcoded IV or nonce                    hardcoded-key (CWE-329)
    G706 log injection                            log-injection
    G708 text/template built from input           template-injection
    G709 unsafe deserialization                   deserialization
    G710 open redirect                            open-redirect

Left out, because issue 9 names no such weakness or no family fits: G102 (bind to all
interfaces), G103 (unsafe), G104 (unchecked errors), G106 (ssh.InsecureIgnoreHostKey: SSH,
not TLS), G108 (pprof endpoint), G109 and G115 (integer overflow), G110 (decompression
bomb), G111 (http.Dir("/")), G112 and G114 (server timeouts), G113 (request smuggling),
G116 (Trojan Source), G117 (secrets in marshalled structs), G118 (context leaks), G119
(redirect header policy), G121 (CrossOriginProtection bypass), G122 (TOCTOU in walk
callbacks), G123 (TLS session resumption and VerifyPeerCertificate), G303 (predictable
temp file), G408 (ssh PublicKeyCallback state), G504 (net/http/cgi import), G601/G602
(aliasing, slice bounds), G707 (SMTP injection).

gosec's design differs from vibeguard's in places and the labels are kept as they are:
G201/G202 flag any query string that is not constant (a bare function parameter too),
G304/G107 any variable path or URL, G401/G501 every MD5/SHA1 use or import, G404 every
math/rand call; vibeguard reports taint from real input and weak algorithms where they
protect something, so some of those labels count against it by design.

Samples are split 60/40 into dev and aside by a hash of `G<NNN>[suffix]/<index>`;
`--split dev|aside|all` chooses which part is scored, `--misses` lists the dev samples
vibeguard gets wrong.

    python3 bench/code/gosec_samples.py --gosec /tmp/gosec --vibeguard target/debug/vibeguard \\
        --split dev --misses
"""

import argparse
import hashlib
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from families import FAMILIES  # noqa: E402
from scoring import print_miss, print_rate_table, tally  # noqa: E402
from tools import TOOL_LANGUAGES, Runner, ToolError, add_tool_arguments, prepare_tools, run_main  # noqa: E402

RULE_FAMILY = {
    "G101": "hardcoded-key", "G107": "ssrf", "G704": "ssrf", "G120": "resource", "G124": "cookie",
    "G201": "sql-injection", "G202": "sql-injection", "G701": "sql-injection",
    "G203": "xss", "G705": "xss", "G204": "command-injection", "G702": "command-injection",
    "G304": "path-traversal", "G305": "path-traversal", "G703": "path-traversal",
    "G301": "permissions", "G302": "permissions", "G306": "permissions", "G307": "permissions",
    "G401": "weak-crypto", "G405": "weak-crypto", "G406": "weak-crypto", "G403": "weak-crypto",
    "G501": "weak-crypto", "G502": "weak-crypto", "G503": "weak-crypto", "G505": "weak-crypto",
    "G506": "weak-crypto", "G507": "weak-crypto",
    "G402": "tls", "G404": "weak-random", "G407": "hardcoded-key", "G706": "log-injection",
    "G708": "template-injection", "G709": "deserialization", "G710": "open-redirect",
}
PERMISSION_RULES = {"G301", "G302", "G306", "G307"}
VAR_NAME = re.compile(r"^SampleCode(G\d{3})(\w*)$")
OCTAL_MODE = re.compile(r"^0[oO]?([0-7]{3,4})$")


# --- a small Go tokenizer: enough to walk composite literals of string literals ---------

def tokenize(text):
    """(kind, value) tokens: 'str' (decoded string literal), 'word' (identifier or number),
    'punct' (one character); comments and white space dropped."""
    i, n = 0, len(text)
    out = []
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif c == "`":
            j = text.find("`", i + 1)
            if j < 0:
                raise ToolError("unterminated raw string")
            out.append(("str", text[i + 1:j].replace("\r", "")))
            i = j + 1
        elif c in "\"'":
            j = i + 1
            buf = []
            while j < n and text[j] != c:
                if text[j] == "\\" and j + 1 < n:
                    buf.append(text[j:j + 2])
                    j += 2
                else:
                    buf.append(text[j])
                    j += 1
            raw = "".join(buf)
            value = raw.encode("latin-1", "backslashreplace").decode("unicode_escape", "replace") \
                if "\\" in raw else raw
            out.append(("str" if c == '"' else "rune", value))
            i = j + 1
        elif c.isalnum() or c == "_":
            j = i
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            out.append(("word", text[i:j]))
            i = j
        else:
            out.append(("punct", c))
            i += 1
    return out


def matching(tokens, i):
    """Index of the bracket closing the one at `i`."""
    opener = tokens[i][1]
    closer = {"{": "}", "(": ")", "[": "]"}[opener]
    depth = 0
    for j in range(i, len(tokens)):
        k, v = tokens[j]
        if k != "punct":
            continue
        if v in "{([":
            depth += 1
        elif v in "})]":
            depth -= 1
            if depth == 0:
                if v != closer:
                    raise ToolError(f"mismatched {opener}{v}")
                return j
    raise ToolError(f"unclosed {opener}")


def top_level_items(tokens, lo, hi):
    """Slices (start, end) of the comma-separated items between lo and hi (exclusive)."""
    items, start, j = [], lo, lo
    while j < hi:
        k, v = tokens[j]
        if k == "punct" and v in "{([":
            j = matching(tokens, j) + 1
            continue
        if k == "punct" and v == ",":
            if j > start:
                items.append((start, j))
            start = j + 1
        j += 1
    if hi > start:
        items.append((start, hi))
    return items


def words(tokens, lo, hi):
    return "".join(v for _k, v in tokens[lo:hi])


def parse_sample(tokens, lo, hi):
    """(files, count, default_config) of one `{...}` CodeSample literal between lo and hi."""
    fields = {}
    positional = []
    for a, b in top_level_items(tokens, lo, hi):
        if b - a >= 2 and tokens[a][0] == "word" and tokens[a + 1] == ("punct", ":"):
            fields[tokens[a][1]] = (a + 2, b)
        else:
            positional.append((a, b))
    code = fields.get("Code") or (positional[0] if positional else None)
    errors = fields.get("Errors") or (positional[1] if len(positional) > 1 else None)
    config = fields.get("Config") or (positional[2] if len(positional) > 2 else None)
    if code is None or errors is None:
        raise ToolError("sample without code or count")
    a, b = code
    brace = next(j for j in range(a, b) if tokens[j] == ("punct", "{"))
    files = [v for k, v in tokens[brace + 1:matching(tokens, brace)] if k == "str"]
    count = int(words(tokens, *errors), 0)
    default = config is None or words(tokens, *config) == "gosec.NewConfig()"
    return files, count, default


def read_samples(testutils):
    """[(case id, rule, files, count, default config)] from every g*_samples.go."""
    out = []
    for path in sorted(Path(testutils).glob("g[0-9][0-9][0-9]_samples.go")):
        tokens = tokenize(path.read_text())
        for i in range(len(tokens) - 6):
            m = tokens[i][0] == "word" and VAR_NAME.match(tokens[i][1])
            if not m or tokens[i + 1] != ("punct", "=") or words(tokens, i + 2, i + 5) != "[]CodeSample":
                continue
            brace = i + 5
            if tokens[brace] != ("punct", "{"):
                continue
            end = matching(tokens, brace)
            for n, (a, b) in enumerate(top_level_items(tokens, brace + 1, end)):
                if tokens[a] != ("punct", "{"):
                    raise ToolError(f"{path.name}: sample {n} of {tokens[i][1]} is not a literal")
                files, count, default = parse_sample(tokens, a + 1, matching(tokens, a))
                out.append((f"{m.group(1)}{m.group(2)}/{n}", m.group(1), files, count, default))
    if not out:
        raise ToolError(f"no g*_samples.go with samples under {testutils}")
    return out


def world_writable(files):
    """Whether an octal mode literal (0777, 0o666) in the sample's code grants write to others."""
    for text in files:
        for k, v in tokenize(text):
            m = k == "word" and OCTAL_MODE.match(v)
            if m and int(m.group(1), 8) & 0o002:
                return True
    return False


def split_of(case_id):
    h = int(hashlib.sha256(case_id.encode()).hexdigest()[:8], 16)
    return "dev" if h % 10 < 6 else "aside"


def load_cases(testutils, split):
    """[{id, rule, family, vulnerable, folder, files}] of the kept samples in `split`."""
    cases = []
    for case_id, rule, files, count, default in read_samples(testutils):
        fam = RULE_FAMILY.get(rule)
        if fam is None or not default or not files:
            continue
        if rule in PERMISSION_RULES and count > 0 and not world_writable(files):
            continue
        if split != "all" and split_of(case_id) != split:
            continue
        cases.append({"id": case_id, "rule": rule, "family": fam, "vulnerable": count > 0,
                      "folder": case_id.replace("/", "_"), "files": files})
    return cases


def write_tree(cases, work):
    root = Path(work)
    for c in cases:
        d = root / c["folder"]
        d.mkdir(parents=True, exist_ok=True)
        (d / "go.mod").write_text(f"module example.com/{c['folder'].lower()}\n\ngo 1.22\n")
        for i, text in enumerate(c["files"]):
            (d / f"sample_{i}.go").write_text(text.lstrip("\n"))
    return root


def hits(by_folder, case):
    cwes, also = FAMILIES[case["family"]]
    ok = cwes | also
    return [f for f in by_folder.get(case["folder"], []) if f.cwes & ok]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--gosec", required=True, help="folder holding the extracted testutils/")
    p.add_argument("--work", help="folder to write the sample modules to (default: a new temporary one)")
    p.add_argument("--split", choices=["dev", "aside", "all"], default="dev")
    p.add_argument("--by", choices=["family", "rule"], default="family", help="rows of the table")
    p.add_argument("--misses", action="store_true",
                   help="list the dev samples vibeguard gets wrong (never the aside part)")
    add_tool_arguments(p)
    args = p.parse_args()
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="vg-gosec-"))
    tools = prepare_tools(args)
    runner = Runner(args)
    testutils = Path(args.gosec) / "testutils"
    cases = load_cases(testutils if testutils.is_dir() else args.gosec, args.split)
    if work.exists() and any(work.iterdir()):
        shutil.rmtree(work)
    root = write_tree(cases, work)
    for tool in tools:
        langs = TOOL_LANGUAGES[tool]
        if langs is not None and "go" not in langs:
            continue
        by_folder = {}
        for path, fs in runner.run(tool, root).items():
            by_folder.setdefault(path.split("/", 1)[0], []).extend(fs)
        rows = {}
        for c in cases:
            hit = bool(hits(by_folder, c))
            tally(rows, c[args.by], c["vulnerable"], hit)
        print_rate_table(f"{tool} on gosec samples, {args.split}", rows, key=args.by)
        if args.misses and tool == "vibeguard":
            if args.split != "dev":
                print("--misses lists the dev part only", file=sys.stderr)
                continue
            print(f"\nvibeguard dev samples wrong under {root} (FN = vulnerable and missed, "
                  "FP = safe and flagged)")
            for c in cases:
                hs = hits(by_folder, c)
                if c["vulnerable"] and not hs:
                    print_miss(True, c["family"], c["folder"])
                elif not c["vulnerable"] and hs:
                    print_miss(False, c["family"], c["folder"], ", ".join(sorted({f.rule for f in hs})))
    return 0


if __name__ == "__main__":
    run_main(main)
