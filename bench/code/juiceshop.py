"""Scores code analyzers on OWASP Juice Shop's coding challenges.

OWASP Juice Shop (github.com/juice-shop/juice-shop, an intentionally vulnerable
TypeScript/Express/Angular shop) marks, in its own source, the code of each coding
challenge with comments written by its authors, independently of vibeguard:

    // vuln-code-snippet start <challenge> [<challenge> ...]
    ... code ...  // vuln-code-snippet vuln-line <challenge> [...]
    ... code ...  // vuln-code-snippet neutral-line <challenge> [...]
    // vuln-code-snippet end <challenge> [...]

and ships, per challenge, candidate fixes `data/static/codefixes/<challenge>_<n>.ts`, one of
them named `<challenge>_<n>_correct.ts` (`<challenge>.info.yml` explains each). It is
benchmark input, never committed: bring the repository in with the `fetch` tool and
extract it outside the repository,

    git --git-dir=MIRROR archive HEAD | tar -x -C /tmp/juice-shop

then point `--juice-shop` at that directory.

Two kinds of case, both per challenge:

- **app**: the challenge's `vuln-line` lines in the application's own `.ts`/`.js` files
  (the whole tree is scanned, `test/` and the code fixes left out, so that cross-file
  flows resolve). One positive case per challenge: found when a finding whose CWE is
  accepted by the challenge's family covers one of its vuln-lines (`--match sink`: the
  finding's own lines; `--match path`, the default: also the lines of the source-to-sink
  path it reports, as in semgrep_tests.py). A finding elsewhere in the snippet does not
  count.
- **fix**: each code-fix file, scanned on its own. The `_correct` variant is a negative
  case (a false positive when any finding of the family lies anywhere in the file); every
  other variant is a positive case (found when a finding of the family lies anywhere in
  the file). The files are excerpts, without their imports and often without their
  closing braces; an excerpt that opens with a class member (`filterTable () {`) is put
  back into a class body and open braces are closed, so that it parses as the code it was
  cut from (nothing inside the code changes). directoryListing and accessLogDisclosure
  are scored on the app code only: their correct fix still lists other directories, so
  no finding of the family can tell it from a wrong fix.

A challenge's family is written out in CHALLENGE_FAMILY from what the challenge and its
`info.yml` say the weakness is (its name alone can mislead: `weakPasswordChallenge`'s
vuln-line is an MD5 hash but the fixes are about the password policy). Challenges whose
weakness is in no family of ours (password policy, security questions, prompt injection,
mass assignment, forced browsing of client routes, missing authorisation on a route,
Solidity contracts) are left out; the script prints them. Cases are split 60/40 into dev
and aside by a hash of the challenge key (a challenge's app and fix cases on the same
side); `--split dev|aside|all` chooses which part is scored.

    python3 bench/code/juiceshop.py --juice-shop /tmp/juice-shop --vibeguard target/debug/vibeguard --split dev
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
from tools import TOOL_LANGUAGES, Runner, add_tool_arguments, prepare_tools, run_main  # noqa: E402

CODEFIXES = "data/static/codefixes"

# challenge key -> family (None: the weakness is in no family of ours; left out).
CHALLENGE_FAMILY = {
    # Sequelize raw queries built from request fields (login, product search).
    "loginAdminChallenge": "sql-injection",
    "loginBenderChallenge": "sql-injection",
    "loginJimChallenge": "sql-injection",
    "unionSqlInjectionChallenge": "sql-injection",
    "dbSchemaChallenge": "sql-injection",
    # A request value used as a MongoDB-style query selector (operator injection).
    "noSqlReviewsChallenge": "nosql-injection",
    # Angular's sanitizer bypassed for request/API data.
    "restfulXssChallenge": "xss",
    "localXssChallenge": "xss",
    "xssBonusChallenge": "xss",
    # Redirect allowlist checked by substring.
    "redirectChallenge": "open-redirect",
    # The review's author taken from the request instead of the authenticated user: a
    # user-controlled key (CWE-639).
    "forgedReviewChallenge": "access-control",
    # Directory listings and file serving of /ftp and the access logs: exposure of files
    # (CWE-548/538, under CWE-200).
    "directoryListingChallenge": "error-details",
    "accessLogDisclosureChallenge": "error-details",
    # Stale allowlist entries, not an unchecked redirect: the correct fix still checks by
    # substring, so an open-redirect finding cannot tell its variants apart.
    "redirectCryptoCurrencyChallenge": None,
    # Route left without authorisation (CWE-306/862 on a route table); the families leave
    # missing authentication out (families.py).
    "exposedMetricsChallenge": None,
    "changeProductChallenge": None,
    # Forced browsing / obscurity of client-side routes (CWE-425).
    "adminSectionChallenge": None,
    "scoreBoardChallenge": None,
    "web3SandboxChallenge": None,
    "tokenSaleChallenge": None,
    # Password policy (CWE-521), security questions (CWE-640), rate limit keyed on a
    # spoofable header (CWE-348), mass assignment (CWE-915), prompt injection.
    "weakPasswordChallenge": None,
    "resetPasswordBenderChallenge": None,
    "resetPasswordBjoernChallenge": None,
    "resetPasswordBjoernOwaspChallenge": None,
    "resetPasswordJimChallenge": None,
    "resetPasswordUvoginChallenge": None,
    "resetPasswordMortyChallenge": None,
    "registerAdminChallenge": None,
    "chatbotPromptInjectionChallenge": None,
    "chatbotGreedyInjectionChallenge": None,
    # Solidity contracts: no analyzer here reads them.
    "nftMintChallenge": None,
    "nftUnlockChallenge": None,
    "web3WalletChallenge": None,
}

# Challenges scored on the app code only: their correct fix still lists other directories
# (the ftp one keeps /.well-known and /encryptionkeys), so no finding of the family can
# tell a correct fix from a wrong one in a file.
APP_ONLY = {"directoryListingChallenge", "accessLogDisclosureChallenge"}

# A fix excerpt that opens with a class member (`ngAfterViewInit () {`, `filterTable () {`)
# rather than a statement or declaration.
MEMBER_RX = re.compile(r"^\s*(?:async\s+)?[A-Za-z_$][\w$]*\s*\([^)]*\)\s*(?::[^{]+)?\{\s*$")

MARK_RX = re.compile(r"vuln-code-snippet\s+(vuln-line|start)\s+([\w ]+)")
FIX_RX = re.compile(r"^(\w+?)_(\d+)(_correct)?\.(ts|js)$")
SOURCE_EXTS = {".ts", ".js"}
SKIP_DIRS = {"test", "node_modules", ".git", "dist", "build"}


def split_of(key):
    h = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    return "dev" if h % 10 < 6 else "aside"


def family_cwes(fam):
    cwes, also = FAMILIES[fam]
    return cwes | also


def source_files(root):
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if not p.is_file() or p.suffix not in SOURCE_EXTS or p.name.endswith(".d.ts"):
            continue
        if set(rel.parts[:-1]) & SKIP_DIRS or rel.as_posix().startswith(CODEFIXES):
            continue
        yield p, rel.as_posix()


def vuln_lines(root):
    """challenge -> {rel path: {line, ...}} from the `vuln-line` marks of the app code,
    and the set of every challenge that has a snippet."""
    lines, seen = {}, set()
    for p, rel in source_files(root):
        text = p.read_text(errors="replace")
        if "vuln-code-snippet" not in text:
            continue
        for n, line in enumerate(text.splitlines(), 1):
            for kind, names in MARK_RX.findall(line):
                for c in names.split():
                    seen.add(c)
                    if kind == "vuln-line":
                        lines.setdefault(c, {}).setdefault(rel, set()).add(n)
    return lines, seen


def wanted(challenge, split, left_out):
    fam = CHALLENGE_FAMILY.get(challenge)
    if fam is None:
        left_out.add(challenge)
        return None
    if split != "all" and split_of(challenge) != split:
        return None
    return fam


def collect(root, split):
    """Copies the app code and the code fixes into two scratch trees.

    Returns (app tree, fix tree, cases, left out); a case is
    (tree name, challenge, family, kind, rel path, lines or None).
    """
    app = Path(tempfile.mkdtemp(prefix="vg-juice-app-"))
    fixes = Path(tempfile.mkdtemp(prefix="vg-juice-fix-"))
    cases, left_out = [], set()
    for p, rel in source_files(root):
        dest = app / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, dest)
    labels, seen = vuln_lines(root)
    for c in sorted(seen):
        fam = wanted(c, split, left_out)
        if fam is None:
            continue
        for rel, ls in sorted(labels.get(c, {}).items()):
            cases.append(("app", c, fam, "tp", rel, ls))
    for p in sorted((root / CODEFIXES).iterdir()):
        m = FIX_RX.match(p.name)
        if not m:
            if re.match(r"^\w+Challenge_\d", p.name):  # a fix in another language
                left_out.add(p.name.split("_")[0])
            continue
        fam = wanted(m.group(1), split, left_out)
        if fam is None or m.group(1) in APP_ONLY:
            continue
        (fixes / p.name).write_text(as_module(p.read_text(errors="replace")))
        cases.append(("fix", m.group(1), fam, "tn" if m.group(3) else "tp", p.name, None))
    return app, fixes, cases, left_out


def as_module(text):
    """The excerpt as a file a parser reads the way the shop shows it: class members are
    put back into a class body, and braces the excerpt leaves open are closed (a
    brace count, good enough for these excerpts). Nothing inside the code changes."""
    first = next((l for l in text.splitlines() if l.strip()), "")
    member = MEMBER_RX.match(first) is not None
    opened = text.count("{") - text.count("}")
    body = text.rstrip("\n") + "\n" + "}\n" * max(opened, 0)
    return f"class CodeFix {{\n{body}}}\n" if member else body


def is_hit(by_path, rel, lines, fam, via_path):
    ok = family_cwes(fam)
    for f in by_path.get(rel, []):
        if f.cwes & ok and (lines is None or any(f.covers(l, via_path) for l in lines)):
            return True
    return False


def outcomes(results, cases, via_path):
    """(case, hit) per case; one app case per challenge (any of its labelled files)."""
    app = {}
    out = []
    for case in cases:
        tree, c, fam, kind, rel, lines = case
        hit = is_hit(results[tree], rel, lines, fam, via_path)
        if tree == "app":
            prev = app.get(c)
            app[c] = (case, hit or (prev is not None and prev[1]))
        else:
            out.append((case, hit))
    return list(app.values()) + out


def score(results, cases, via_path):
    rows = {}
    for (tree, _c, fam, kind, _rel, _lines), hit in outcomes(results, cases, via_path):
        tally(rows, f"{fam} ({tree})", kind == "tp", hit)
    return rows


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--juice-shop", required=True, help="an extracted juice-shop checkout")
    p.add_argument("--split", choices=["dev", "aside", "all"], default="dev")
    p.add_argument("--misses", action="store_true", help="list vibeguard's wrong dev cases")
    p.add_argument("--match", choices=["sink", "path"], default="path",
                   help="what a finding covers on a labelled line: its own lines, or also its path")
    add_tool_arguments(p)
    args = p.parse_args()
    tools = prepare_tools(args)
    runner = Runner(args)
    app, fixes, cases, left_out = collect(Path(args.juice_shop), args.split)
    print(f"left out (no family of ours): {', '.join(sorted(left_out))}")
    print(f"challenges scored: {', '.join(sorted({c[1] for c in cases}))}")
    via_path = args.match == "path"
    for tool in tools:
        if tool not in ("vibeguard", "semgrep", "semgrep-noaudit") and \
                "typescript" not in (TOOL_LANGUAGES.get(tool) or {"typescript"}):
            continue
        results = {"app": runner.run(tool, app), "fix": runner.run(tool, fixes)}
        print_rate_table(f"{tool}, Juice Shop challenges, {args.split}, match {args.match}",
                         score(results, cases, via_path),
                         found="recall (cases)", flagged="false positives (files)")
        if args.misses and tool == "vibeguard" and args.split == "dev":
            for (tree, c, fam, kind, rel, lines), hit in outcomes(results, cases, via_path):
                if (kind == "tp") != hit:
                    where = rel if lines is None else f"{rel}:{','.join(map(str, sorted(lines)))}"
                    print_miss(kind == "tp", fam, where, f"({tree} {c})")
    shutil.rmtree(app, ignore_errors=True)
    shutil.rmtree(fixes, ignore_errors=True)
    return 0


if __name__ == "__main__":
    run_main(main)
