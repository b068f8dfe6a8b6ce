#!/usr/bin/env python3
"""Runs the commands two peer guards test as blocked or allowed through `vibeguard check`.

The peers' test suites are data nobody on this project wrote: destructive_command_guard
(dcg, Rust) and claude-code-safety-net (cc-safety-net, TypeScript). This script reads
their test files from checkouts you pass it (they are never copied into this
repository), extracts every shell command they assert to be blocked or allowed, runs
each through `vibeguard check --json` in a scratch git project, and reports where
vibeguard agrees. Every disagreement is put in a class (see CLASSES below) that says
whose judgement differs and why; `--list` prints them all.

What is extracted:
  dcg   tests/corpus/**/*.toml      [[case]] command + expected / expected_decision
        tests/fixtures/destructive_commands.yaml, safe_commands.yaml
        tests/e2e/fixtures/commands/dangerous.txt, safe.txt
        src/packs/**/*.rs           assert_blocks*, assert_allows, assert_safe_pattern_matches,
                                    test_batch_blocks / test_batch_allows (pack unit tests)
        tests/*.rs                  assert_blocked* / assert_allowed* / assert_denies* ... with
                                    a literal command
  ccsn  tests/**/*.ts               assertBlocked / assertAllowed with a literal command
                                    (calls inside withEnv(...) with a SAFETY_NET_* mode or with
                                    an explicit cwd are kept and marked, since the peer's
                                    answer depends on that context)

Usage:
  python3 bench/gate/peer_tests.py --dcg DCG_CHECKOUT --ccsn CCSN_CHECKOUT \\
      [--vibeguard target/debug/vibeguard] [--jobs 2] [--json OUT] [--list] [--workdir DIR]
"""

import argparse
import concurrent.futures
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib


# ---------------------------------------------------------------------------
# extraction


def rust_string(text, i):
    """Parses a Rust string literal starting at text[i]; returns (value, end) or None."""
    m = re.match(r'r(#*)"', text[i:])
    if m:
        hashes = m.group(1)
        start = i + m.end()
        end = text.find('"' + hashes, start)
        if end < 0:
            return None
        return text[start:end], end + 1 + len(hashes)
    if i >= len(text) or text[i] != '"':
        return None
    out = []
    j = i + 1
    while j < len(text):
        c = text[j]
        if c == "\\":
            n = text[j + 1]
            if n == "\n":
                j += 2
                while j < len(text) and text[j] in " \t\n":
                    j += 1
                continue
            out.append({"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}.get(n, "\\" + n))
            j += 2
            continue
        if c == '"':
            return "".join(out), j + 1
        out.append(c)
        j += 1
    return None


def js_string(text, i):
    """Parses a JS/TS string literal ('..', "..", or `..` without ${}) at text[i]."""
    if i >= len(text) or text[i] not in "'\"`":
        return None
    q = text[i]
    out = []
    j = i + 1
    while j < len(text):
        c = text[j]
        if c == "\\":
            n = text[j + 1]
            out.append({"n": "\n", "t": "\t", "\\": "\\", "'": "'", '"': '"', "`": "`", "$": "$"}.get(n, "\\" + n))
            j += 2
            continue
        if q == "`" and text.startswith("${", j):
            return None
        if c == q:
            return "".join(out), j + 1
        out.append(c)
        j += 1
    return None


def case(source, expect, command, where, context=""):
    return {"source": source, "expect": expect, "command": command, "where": where, "context": context}


def dcg_cases(root):
    out = []
    for path in sorted(glob.glob(os.path.join(root, "tests/corpus/**/*.toml"), recursive=True)):
        with open(path, "rb") as f:
            doc = tomllib.load(f)
        for c in doc.get("case", []):
            exp = c.get("expected") or c.get("expected_decision")
            cmd = c.get("command")
            if exp in ("deny", "allow") and isinstance(cmd, str):
                out.append(case("dcg", "block" if exp == "deny" else "allow", cmd, os.path.relpath(path, root)))
    for name, exp in (("destructive_commands.yaml", "block"), ("safe_commands.yaml", "allow")):
        path = os.path.join(root, "tests/fixtures", name)
        if not os.path.exists(path):
            continue
        for line in open(path, encoding="utf-8"):
            m = re.match(r'\s*-\s*(?:command:\s*)?("(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\')\s*$', line)
            if not m:
                continue
            lit = m.group(1)
            cmd = json.loads(lit) if lit.startswith('"') else lit[1:-1].replace("''", "'")
            out.append(case("dcg", exp, cmd, "tests/fixtures/" + name))
    for name, exp in (("dangerous.txt", "block"), ("safe.txt", "allow")):
        path = os.path.join(root, "tests/e2e/fixtures/commands", name)
        if not os.path.exists(path):
            continue
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if line.strip() and not line.lstrip().startswith("#"):
                out.append(case("dcg", exp, line, "tests/e2e/fixtures/commands/" + name))
    calls = {
        "assert_blocks": "block",
        "assert_blocks_with_pattern": "block",
        "assert_blocks_with_severity": "block",
        "assert_allows": "allow",
        "assert_safe_pattern_matches": "allow",
    }
    for path in sorted(glob.glob(os.path.join(root, "src/packs/**/*.rs"), recursive=True)):
        text = open(path, encoding="utf-8").read()
        rel = os.path.relpath(path, root)
        for m in re.finditer(r"\b(assert_blocks_with_pattern|assert_blocks_with_severity|assert_blocks|assert_allows|assert_safe_pattern_matches)\s*\(\s*&?[\w.]+\s*,\s*", text):
            lit = rust_string(text, m.end())
            if lit and "fn " not in text[max(0, m.start() - 8) : m.start()]:
                out.append(case("dcg", calls[m.group(1)], lit[0], rel))
        for m in re.finditer(r"\btest_batch_(blocks|allows)\s*\(\s*&?[\w.]+\s*,\s*&\s*\[", text):
            j = m.end()
            while True:
                while j < len(text) and text[j] in " \t\n,":
                    j += 1
                lit = rust_string(text, j)
                if not lit:
                    break
                out.append(case("dcg", "block" if m.group(1) == "blocks" else "allow", lit[0], rel))
                j = lit[1]
    for path in sorted(glob.glob(os.path.join(root, "tests/*.rs"))):
        text = open(path, encoding="utf-8").read()
        rel = os.path.relpath(path, root)
        for m in re.finditer(r"\bassert_(blocked|blocks|denied|denies|deny|allowed|allows|allow)\w*\s*\(\s*", text):
            if "fn " in text[max(0, m.start() - 8) : m.start()]:
                continue
            lit = rust_string(text, m.end())
            if lit:
                kind = "allow" if m.group(1).startswith("allow") else "block"
                out.append(case("dcg", kind, lit[0], rel))
    return out


def ccsn_cases(root):
    out = []
    for path in sorted(glob.glob(os.path.join(root, "tests/**/*.ts"), recursive=True)):
        text = open(path, encoding="utf-8").read()
        rel = os.path.relpath(path, root)
        for m in re.finditer(r"\bassert(Blocked|Allowed)\s*\(\s*", text):
            lit = js_string(text, m.end())
            if not lit:
                continue
            rest = text[lit[1] : lit[1] + 400]
            # the reason (blocked) and an optional cwd
            args_after = 0
            depth = 0
            for ch in rest:
                if ch in "([{":
                    depth += 1
                elif ch in ")]}":
                    if depth == 0:
                        break
                    depth -= 1
                elif ch == "," and depth == 0:
                    args_after += 1
            has_cwd = args_after >= (2 if m.group(1) == "Blocked" else 1)
            start = text.rfind("test(", 0, m.start())
            block = text[start : m.start()] if start >= 0 else ""
            mode = re.findall(r"SAFETY_NET_(\w+)", block)
            context = []
            if mode:
                context.append("mode:" + ",".join(sorted(set(mode))))
            if has_cwd:
                context.append("cwd")
            expect = "block" if m.group(1) == "Blocked" else "allow"
            out.append(case("ccsn", expect, lit[0], rel, " ".join(context)))
    return out


def dedup(cases):
    seen = {}
    for c in cases:
        k = (c["source"], c["command"], c["context"])
        if k in seen:
            if seen[k]["expect"] != c["expect"]:
                seen[k]["expect"] = "conflict"
            continue
        seen[k] = dict(c)
    return [c for c in seen.values() if c["expect"] != "conflict"]


# ---------------------------------------------------------------------------
# running


def make_project(parent):
    """A home directory with a git project in it, as on a developer's machine.

    Not under /tmp: the peers' tests treat /tmp as scratch space, and a project there
    would turn `rm -rf /tmp/*` into a deletion of the project itself. Returns
    (home, project)."""
    os.makedirs(parent, exist_ok=True)
    d = tempfile.mkdtemp(prefix="home-", dir=parent)
    proj = os.path.join(d, "project")
    os.makedirs(os.path.join(proj, "src"))
    with open(os.path.join(proj, "README.md"), "w") as f:
        f.write("# project\n")
    with open(os.path.join(proj, "src", "main.rs"), "w") as f:
        f.write("fn main() {}\n")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-C", proj]
    subprocess.run(git + ["init", "-q", "-b", "feature/x"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "init"], check=True)
    return d, proj


def run_one(vg, home, proj, command):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home}
    try:
        p = subprocess.run([vg, "check", "--json", "--cwd", proj, "--", command], env=env, cwd=proj,
                           capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return {"decision": "error", "rules": [], "reason": "timeout"}
    try:
        v = json.loads(p.stdout)
    except json.JSONDecodeError:
        return {"decision": "error", "rules": [], "reason": p.stderr.decode(errors="replace")[:200]}
    return {"decision": v["decision"], "rules": sorted({f["rule_id"] for f in v["findings"]}), "reason": v.get("reason", "")[:300]}


# ---------------------------------------------------------------------------
# disagreement classes (ours: what we judged the case to be, after reading it)

# (class id, the peer's verdict it explains, regex on the command, whose judgement,
# explanation). The first match wins. "policy" means both readings are defensible and
# vibeguard's is deliberate; "theirs" means the peer's test is wrong or is not about a
# shell command; "ours" means vibeguard is wrong (fixed, or left as a known gap).
CLASSES = [
    # --- the peer blocks, vibeguard lets it run ---
    ("not-a-shell-command", "block", r"^(DROP|DELETE|TRUNCATE|GRANT|drop|delete|truncate)\b|^dangerous-command$|^[a-z]+\.[A-Za-z]+\.",
     "theirs", "SQL or code text given as if it were the command line; a shell would not run it. vibeguard judges SQL where a client runs it (psql -c, mysql -e)"),
    ("nothing-deleted", "block", r"rm -rf && |xargs -i rm -rf$|^echo ok \| (xargs|parallel)|xargs bash -c$|^GIT CHECKOUT|-e \"rm -rf /\"$|git clean -nf",
     "theirs", "nothing destructive runs: rm -rf without an operand, xargs -i with no {} in the command, 'ok' as a script, a dry run, upper-case GIT, shell text that is not valid JavaScript/Ruby/Perl"),
    ("peer-mode-or-cwd", "block", r"^",
     "context", "the peer's test sets a mode (paranoid interpreters, worktree) or a working directory that changes its answer; vibeguard runs every command in one plain project"),
    ("scratch-space", "block", r"(^|[\s'\"(])/tmp/|\$TMPDIR/",
     "policy", "deleting under /tmp is scratch space in vibeguard (the home directory and the project are protected even when they live there)"),
    ("inside-the-project", "block", r"\brm\b.*\s(\./)?(build|node_modules|dist|target|src)/?\b|ssh \S+ \"rm -rf \./build|rm -rf `pwd`/\w+$|rm -rf \d+ ?>",
     "policy", "deleting build output or a tracked folder inside the project is everyday work (git restores tracked files); vibeguard asks for the project root, .git and everything outside"),
    ("one-file-git-restore", "block", r"git (checkout|restore)\b.*\b(file|foo|file1\.txt|a\.txt)\b|git checkout -- -f$|git reset --merge|git branch (-f|--force)\b",
     "policy", "restoring one file, reset --merge (keeps local changes) and moving a branch pointer are everyday; vibeguard asks for whole-tree discards, reset --hard and branch -D"),
    ("one-service-or-container", "block", r"systemctl stop|service \S+ stop|nginx -s|haproxy -s|docker (stop|kill|rm|rmi)\b|socat stdio /var/run/haproxy",
     "policy", "stopping, reloading or removing one named service, container or image is recoverable; vibeguard asks for wholesale removal (volumes, prune -a, computed lists)"),
    ("one-package-removed", "block", r"\b(pip3?|poetry|velero) (uninstall|remove)\b|^velero uninstall|plugins uninstall",
     "policy", "uninstalling one package is recoverable by installing it again"),
    ("known-hosts-and-agent-keys", "block", r"ssh-keygen .*-R|ssh-add -[dD]",
     "policy", "forgetting a known_hosts entry or unloading keys from ssh-agent is recoverable"),
    ("secret-value-update", "block", r"secretsmanager (update-secret|put-secret-value)|api_keys roll",
     "policy", "changing or rotating a secret's value is routine; deleting secrets is asked about"),
    ("loopback-service-one-resource", "block", r"(localhost|127\.0\.0\.1)\S*'?\s+-X DELETE|(-X|--request) DELETE '?(https?://)?(localhost|127\.0\.0\.1)|http POST :\d+/",
     "policy", "one resource of a service on this machine (a local search index, API gateway or queue): the development loop, like the project's own API; deleting everything (/_all, /*) is asked about"),
    ("one-object-in-bucket", "block", r"^(gsutil|gcloud storage|aws s3) rm \S+$",
     "policy", "one object in a bucket is like one file; recursive and whole-bucket deletions are denied"),
    ("push-to-default-branch", "block", r"^git push (origin )?(HEAD:)?master$",
     "policy", "a normal (non-force) push is everyday; force pushes and deletions of the default branch are what vibeguard stops"),
    ("filtered-find-in-project", "block", r"find \. -name",
     "policy", "a find -delete or -exec rm limited by a name filter inside the project is everyday cleanup"),
    ("service-state-change", "block", r"cache --cleanup|force_reset|clean eventdata|/_close|_cluster/settings|policy unset|rclone rmdir|borg rdelete|\b(archive|rollback|unsubscribe|untag|activate|clear_permissions|forget_cluster_node|kill|reset|break-lock|unlock|compact|recreate|--cleanup|--reset-offsets|undeploy|create-invalidation|change-resource-record-sets|nsupdate|axfr|disable)\b",
     "ours", "state changes specific to one service (archiving a flag, rolling back a deployment, DNS updates, unlocking a repository): not modeled one service at a time; a known gap"),
    ("remote-system-write", "block", r"^scp .*:/(etc|bin|sbin|lib|lib64|usr|boot|var)?/?\S*$|^scp .*:/$",
     "ours", "copying into system directories of a remote machine: remote paths are not judged; a known gap"),
    ("api-delete-in-code", "block", r"deleteIndex|clearObjects|destroy_all|backup:restore|deleteEntity|indices clear",
     "ours", "deletions expressed as API calls inside code or a GraphQL body: not recognised; a known gap"),
    # --- the peer lets it run, vibeguard asks or denies ---
    ("credential-printed", "allow", r"vault (read|kv get)|get-secret-value|doppler secrets (get|download)|^op read|keys list",
     "policy", "the command prints a credential into the agent's context; vibeguard asks first (dcg only looks for destruction)"),
    ("unparsable-input", "allow", r"'unterminated|\"find \. -delete$|^[a-z]+\.[A-Za-z]+\.|^gateway\.",
     "policy", "input that does not parse as shell is asked about (fail closed) instead of allowed"),
    ("wholesale-images", "allow", r"docker system prune -a",
     "policy", "removing every unused image is wholesale housekeeping that vibeguard asks about"),
    ("whole-project-deleted", "allow", r"find \. -exec rm",
     "policy", "find . -exec rm -r {} deletes every file of the project and the project root itself"),
    ("temp-dir-itself", "allow", r"rm -rf (/tmp|/var/tmp)(/\*)?$|rm -rf \$TMPDIR$",
     "policy", "deleting the whole temporary directory removes other programs' files; vibeguard asks"),
    ("outside-the-project", "allow", r"^rm -[rRf] /some/path",
     "policy", "any deletion outside the project is asked about, recursive or not"),
    ("force-push-main-or-mixed", "allow", r"git push .*--force-with-lease.*\bmain\b|--force --force-with-lease|-f --force-with-lease",
     "policy", "a force push to main, or --force given next to --force-with-lease, is asked about"),
    ("pack-disabled-in-test", "allow", r"^kubectl delete",
     "theirs", "dcg's test runs with its Kubernetes pack disabled; dcg blocks these with the pack on"),
    ("secure-delete-one-file", "allow", r"^srm ",
     "ours", "srm of one project file is reported as a disk overwrite; a known false positive of the disk rule"),
]


def classify(c):
    for cid, exp, pattern, verdict, _ in CLASSES:
        if cid == "peer-mode-or-cwd":
            if exp == c["expect"] and c["context"]:
                return cid, verdict
            continue
        if exp == c["expect"] and re.search(pattern, c["command"]):
            return cid, verdict
    return "unclassified", "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dcg", help="checkout of destructive_command_guard")
    ap.add_argument("--ccsn", help="checkout of claude-code-safety-net")
    ap.add_argument("--vibeguard", default="target/debug/vibeguard")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--workdir", default=os.path.expanduser("~/.cache/vg-peer-tests"),
                    help="where the scratch project is made (not under /tmp)")
    ap.add_argument("--json", help="write every case with vibeguard's answer here")
    ap.add_argument("--list", action="store_true", help="print every disagreement")
    ap.add_argument("--cases-only", action="store_true", help="print the extracted counts and stop")
    ap.add_argument("--answers", help="reuse vibeguard's answers from an earlier --json file (no rerun)")
    args = ap.parse_args()
    cases = []
    if args.dcg:
        cases += dcg_cases(args.dcg)
    if args.ccsn:
        cases += ccsn_cases(args.ccsn)
    if not cases:
        sys.exit("give --dcg and/or --ccsn")
    cases = [c for c in dedup(cases) if c["command"].strip()]
    for src in ("dcg", "ccsn"):
        n = [c for c in cases if c["source"] == src]
        if n:
            print(f"{src}: {len(n)} commands ({sum(c['expect'] == 'block' for c in n)} blocked, "
                  f"{sum(c['expect'] == 'allow' for c in n)} allowed by their tests)")
    if args.cases_only:
        return
    if args.answers:
        with open(args.answers) as f:
            earlier = {(c["source"], c["command"], c["context"]): c for c in json.load(f)}
        answers = [
            {k: earlier[(c["source"], c["command"], c["context"])][k] for k in ("decision", "rules", "reason")}
            for c in cases
        ]
    else:
        vg = os.path.abspath(args.vibeguard)
        home, proj = make_project(args.workdir)
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            answers = list(pool.map(lambda c: run_one(vg, home, proj, c["command"]), cases))
    for c, a in zip(cases, answers):
        c.update(a)
        c["ours"] = "block" if a["decision"] in ("ask", "deny") else ("error" if a["decision"] == "error" else "allow")
        c["agree"] = c["ours"] == c["expect"]
        if not c["agree"]:
            c["class"], c["verdict"] = classify(c)
    print()
    print("| suite | their verdict | commands | vibeguard agrees | agreement |")
    print("|---|---|---:|---:|---:|")
    for src in ("dcg", "ccsn"):
        for exp in ("block", "allow"):
            n = [c for c in cases if c["source"] == src and c["expect"] == exp]
            if n:
                a = sum(c["agree"] for c in n)
                print(f"| {src} | {exp} | {len(n)} | {a} | {100 * a / len(n):.1f}% |")
        n = [c for c in cases if c["source"] == src]
        if n:
            a = sum(c["agree"] for c in n)
            print(f"| {src} | all | {len(n)} | {a} | {100 * a / len(n):.1f}% |")
    errors = [c for c in cases if c["ours"] == "error"]
    print(f"\nvibeguard errors: {len(errors)}")
    dis = [c for c in cases if not c["agree"]]
    by = {}
    for c in dis:
        by.setdefault((c["source"], c["expect"], c["class"], c["verdict"]), []).append(c)
    print("\n| suite | they say | class | whose judgement | commands |")
    print("|---|---|---|---|---:|")
    for (src, exp, cid, verdict), cs in sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"| {src} | {exp} | {cid} | {verdict} | {len(cs)} |")
    if args.list:
        for c in dis:
            print(f"{c['source']}\t{c['expect']}\t{c.get('class')}\t{c['context']}\t{c['command']!r}\t{','.join(c['rules'])}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(cases, f, indent=1)


if __name__ == "__main__":
    main()
