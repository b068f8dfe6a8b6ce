#!/usr/bin/env python3
"""Score vibeguard (and cargo-audit, where it applies) on the labelled corpus (corpus/deps).

  python3 bench/deps/score.py --vibeguard target/release/vibeguard \
      --advisories /work/scratch/deps/adv --work /work/scratch/deps/score \
      [--split dev|holdout|all] [--cargo-audit venv/bin/cargo-audit]

The advisory store is built from the same public databases the labels came from
(`vibeguard db import`). Registry answers come from a mirror on 127.0.0.1 that serves the
local package-name lists (pypi.tsv, npm.tsv) as the PyPI JSON API and the npm registry,
so nothing is asked of the public registries. Results per split:
  advisories   expected advisories found on vulnerable pins (recall), and reported
               advisories no label expects (extra)
  clean pins   pins past every fix that got any finding (should be 0)
  malicious    known malicious packages reported as deps/malicious
  invented     hallucinated names caught (deps/hallucinated-package or deps/typosquat)
  look-alike   typo/confusable/decorated names caught (either rule)
  popular      popular packages (not on the shipped list) wrongly reported by name
"""
import argparse, http.server, json, os, re, shutil, subprocess, sys, threading, urllib.parse
sys.path.insert(0, os.path.dirname(__file__))
import advisories as adv

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")

def mirror(packages):
    pypi, npm = set(), set()
    with open(os.path.join(packages, "pypi.tsv")) as f:
        for line in f:
            pypi.add(adv.norm("PyPI", line.split("\t", 1)[0]))
    with open(os.path.join(packages, "npm.tsv")) as f:
        for line in f:
            npm.add(line.split("\t", 1)[0])
    old = "2015-01-01T00:00:00Z"
    class H(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass
        def do_GET(self):
            p = urllib.parse.unquote(self.path)
            body = None
            m = re.match(r"^/pypi/([^/]+)/json$", p)
            if m and adv.norm("PyPI", m.group(1)) in pypi:
                rel = {v: [{"upload_time_iso_8601": old}] for v in ("0.8", "0.9", "1.0")}
                body = {"info": {"version": "1.0"}, "releases": rel}
            elif p.startswith("/npm/") and p[5:] in npm:
                body = {"dist-tags": {"latest": "1.0.0"}, "time": {"created": old, "1.0.0": old, "0.9.0": old, "0.8.0": old}, "versions": {"1.0.0": {}, "0.9.0": {}, "0.8.0": {}}}
            data = json.dumps(body).encode() if body else b"{}"
            self.send_response(200 if body else 404)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vibeguard", required=True)
    ap.add_argument("--advisories", required=True)
    ap.add_argument("--packages", default="/work/.library/env/packages")
    ap.add_argument("--work", required=True)
    ap.add_argument("--split", default="all")
    ap.add_argument("--cargo-audit")
    a = ap.parse_args()
    vg = os.path.abspath(a.vibeguard)
    cache = os.path.join(a.work, "cache")
    env = dict(os.environ, VIBEGUARD_CACHE_DIR=cache, CI="1")
    env.pop("VIBEGUARD_OFFLINE", None)
    if not os.path.exists(os.path.join(cache, "advisories.db")):
        for d in sorted(os.listdir(a.advisories)):
            subprocess.run([vg, "db", "import", os.path.join(a.advisories, d), "--source", d], env=env, check=True, capture_output=True)
    srv = mirror(a.packages)
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    labels = json.load(open(os.path.join(ROOT, "corpus", "deps", "labels.json")))
    splits = ["dev", "holdout"] if a.split == "all" else [a.split]
    for split in splits:
        src = os.path.join(ROOT, "corpus", "deps", split)
        dst = os.path.join(a.work, split)
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst)
        findings = {}
        for case in sorted(os.listdir(dst)):
            d = os.path.join(dst, case)
            with open(os.path.join(d, "vibeguard.toml"), "w") as f:
                f.write(f'[deps.registries]\nPyPI = "{base}"\nnpm = "{base}/npm"\n')
            p = subprocess.run([vg, "scan", "--format", "json", d], env=env, capture_output=True, text=True, cwd=d)
            try:
                out = json.loads(p.stdout)
            except json.JSONDecodeError:
                print(f"{case}: no JSON ({p.stderr.strip()[:200]})", file=sys.stderr)
                continue
            for fd in out["findings"]:
                findings.setdefault(os.path.normpath(os.path.join(case, fd["location"]["path"])), []).append(fd)
        score(split, [l for l in labels if l["split"] == split], findings, "vibeguard")
        if a.cargo_audit:
            cargo_findings = run_cargo_audit(a, dst)
            score(split, [l for l in labels if l["split"] == split and l["ecosystem"] == "crates.io"], cargo_findings, "cargo-audit")
    srv.shutdown()

def run_cargo_audit(a, dst):
    db = os.path.join(a.work, "advisory-db-git")
    if not os.path.isdir(os.path.join(db, ".git")):
        shutil.rmtree(db, ignore_errors=True)
        shutil.copytree(os.path.join(a.advisories, "rustsec+advisory-db"), db)
        for c in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "snapshot"]):
            subprocess.run(c, cwd=db, check=True)
    out = {}
    for case in sorted(os.listdir(dst)):
        lock = os.path.join(dst, case, "Cargo.lock")
        if not os.path.exists(lock):
            continue
        p = subprocess.run([a.cargo_audit, "audit", "--db", db, "--no-fetch", "--stale", "--json", "-f", lock], capture_output=True, text=True)
        try:
            j = json.loads(p.stdout)
        except json.JSONDecodeError:
            print(f"cargo-audit {case}: {p.stderr.strip()[:200]}", file=sys.stderr)
            continue
        key = os.path.join(case, "Cargo.lock")
        for v in j.get("vulnerabilities", {}).get("list", []):
            pk, ad = v["package"], v["advisory"]
            out.setdefault(key, []).append({"rule_id": "deps/vulnerable", "message": f"{pk['name']} {pk['version']} has {', '.join([ad['id']] + ad.get('aliases', []))}"})
        for kind, items in (j.get("warnings") or {}).items():
            for w in items:
                ad = w.get("advisory") or {}
                pk = w.get("package") or {}
                rule = "deps/malicious" if "malicious" in (ad.get("categories") or []) else f"cargo-audit/{kind}"
                out.setdefault(key, []).append({"rule_id": rule, "message": f"{pk.get('name')} {pk.get('version')} has {ad.get('id')}"})
    return out

def about(fd, name, version):
    m = fd["message"]
    if version and (m.startswith(f"{name} {version} ") or m.startswith(f"{name} v{version} ")):
        return True
    return m.startswith(f"`{name}`") or (not version and m.startswith(f"{name} "))

def score(split, labels, findings, tool):
    t = {k: [0, 0] for k in ("advisories", "clean", "malicious", "invented", "lookalike", "popular")}
    extra_adv, misses = 0, []
    for l in labels:
        key = os.path.normpath(l.get("path", "")).split(os.sep, 1)[-1]
        fds = [f for f in findings.get(key, []) if about(f, l["name"], l["version"])]
        rules = {f["rule_id"] for f in fds}
        e = l["expect"]
        if e == "deps/vulnerable":
            text = " ".join(f["message"] for f in fds if f["rule_id"] == "deps/vulnerable")
            ids = set(re.findall(r"[A-Z][A-Z0-9]*-[\w.-]+", text))
            for g in l["advisories"]:
                t["advisories"][1] += 1
                if set(g) & ids:
                    t["advisories"][0] += 1
                else:
                    misses.append(f"{l['ecosystem']} {l['name']} {l['version']}: {g[0]}")
            expected = {i for g in l["advisories"] for i in g}
            for f in fds:
                if f["rule_id"] == "deps/vulnerable":
                    got = set(re.findall(r"[A-Z][A-Z0-9]*-[\w.-]+", f["message"]))
                    if not got & expected:
                        extra_adv += 1
        elif e is None and l.get("control") == "popular":
            t["popular"][1] += 1
            flagged = bool(rules & {"deps/typosquat", "deps/hallucinated-package"})
            t["popular"][0] += flagged
            if flagged:
                misses.append(f"popular {l['ecosystem']} {l['name']}: {[f['message'] for f in fds]}")
        elif e is None:
            t["clean"][1] += 1
            t["clean"][0] += bool(rules - {"deps/lockfile-error"})
            if rules - {"deps/lockfile-error"}:
                misses.append(f"clean {l['ecosystem']} {l['name']} {l['version']}: {sorted(rules)}")
        elif e == "deps/malicious":
            t["malicious"][1] += 1
            # vibeguard must say "malicious"; a peer that reports the package at all counts.
            hit = "deps/malicious" in rules if tool == "vibeguard" else bool(rules)
            t["malicious"][0] += hit
            if not hit:
                misses.append(f"malicious {l['ecosystem']} {l['name']} {l['version']}: {sorted(rules)}")
        elif e == "deps/hallucinated-package":
            t["invented"][1] += 1
            hit = bool(rules & {"deps/hallucinated-package", "deps/typosquat"})
            t["invented"][0] += hit
            if not hit:
                misses.append(f"invented {l['name']}")
        elif e == "lookalike":
            t["lookalike"][1] += 1
            hit = bool(rules & {"deps/hallucinated-package", "deps/typosquat"})
            t["lookalike"][0] += hit
            if not hit:
                misses.append(f"look-alike {l['ecosystem']} {l['name']} ({l['how']} of {l['target']})")
    print(f"\n## {tool}, {split}\n")
    print("| measure | result |")
    print("|---|---|")
    names = {"advisories": "advisories found on vulnerable pins", "clean": "clean pins with a finding", "malicious": "malicious packages reported",
             "invented": "invented names caught", "lookalike": "look-alike names caught", "popular": "popular packages flagged by name"}
    for k, (hit, n) in t.items():
        if n:
            print(f"| {names[k]} | {hit}/{n} ({100 * hit / n:.1f}%) |")
    print(f"| vulnerability findings no label expects | {extra_adv} |")
    if misses:
        print(f"\n<details><summary>{len(misses)} misses</summary>\n\n" + "\n".join(f"- {m}" for m in misses[:200]) + "\n</details>")

if __name__ == "__main__":
    main()
