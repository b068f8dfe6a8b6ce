#!/usr/bin/env python3
"""Audit speed: a 5,000-package lockfile against a store of 200,000+ advisories, vibeguard
and the peers that run here, on the same input in one run, as ratios.

  python3 bench/deps/bench_speed.py --vibeguard target/release/vibeguard \
      --advisories /work/scratch/deps/adv --work /work/scratch/deps/speed \
      [--pip-audit venv/bin/pip-audit] [--cargo-audit venv/bin/cargo-audit] [--npm npm]

The store: every record of the five public databases in --advisories (`db import`), plus
copies of those records under other package names until the store holds --advisories-min
records (the public GitHub/osv.dev exports that would reach 200,000 on their own are too
large to bring to this machine; copies keep the per-package density of real data while
the index grows to the size being measured). The lockfiles: 5,000 packages each, real
names and versions, with vulnerable pins from the advisory data mixed in:
requirements.txt (PyPI), Cargo.lock (crates.io), package-lock.json (npm).
vibeguard and cargo audit are timed warm (one untimed run first), median of --runs, wall
clock and CPU time (user + system of the child process: on a machine shared with other
builds the CPU column is the one that compares).
"""
import argparse, json, os, random, re, resource, shutil, statistics, subprocess, sys, time, zipfile
sys.path.insert(0, os.path.dirname(__file__))
import advisories as adv

CPU = {}

def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

def run(cmd, env=None, cwd=None, timeout=1800):
    """(wall seconds, exit code, stdout, stderr); the child's CPU seconds go to CPU[id(cmd)]."""
    t, c = time.perf_counter(), child_cpu()
    try:
        p = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
        CPU[id(cmd)] = child_cpu() - c
        return time.perf_counter() - t, p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return None, None, "", f"timed out after {timeout} s"

def timed(cmd, runs, env=None, cwd=None):
    """One untimed run, then the median wall and CPU seconds of `runs` and the last output."""
    run(cmd, env=env, cwd=cwd)
    walls, cpus, last = [], [], None
    for _ in range(runs):
        last = run(cmd, env=env, cwd=cwd)
        walls.append(last[0]); cpus.append(CPU[id(cmd)])
    return statistics.median(walls), statistics.median(cpus), last

def make_copies(advisories, zpath, need, tag="COPY"):
    """Copies of the OSV-shaped records (PyPA, Go) under other package names, as one OSV
    zip of `need` records: the real per-package density, a larger index."""
    import yaml
    osv_files = []
    for root in ("pypa+advisory-database", "golang+vulndb"):
        for dp, _, fn in os.walk(os.path.join(advisories, root)):
            osv_files += [os.path.join(dp, f) for f in fn if f.endswith((".json", ".yaml"))]
    docs = []
    for p in sorted(osv_files):
        try:
            text = open(p).read()
            d = json.loads(text) if p.endswith(".json") else yaml.load(text, Loader=yaml.BaseLoader)
            if isinstance(d, dict) and d.get("affected"):
                docs.append(d)
        except Exception:
            pass
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
        for k in range(max(need, 0)):
            d = json.loads(json.dumps(docs[k % len(docs)]))
            n = k // len(docs) + 1
            d["id"] = f"{d['id']}-{tag}{n}"
            d["aliases"] = [f"{x}-{tag}{n}" for x in d.get("aliases") or []]
            for af in d["affected"]:
                af["package"]["name"] = f"{af['package']['name']}-{tag.lower()}{n}"
            z.writestr(f"{d['id']}.json", json.dumps(d))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vibeguard", required=True)
    ap.add_argument("--advisories", required=True)
    ap.add_argument("--packages", default="/work/.library/env/packages")
    ap.add_argument("--work", required=True)
    ap.add_argument("--advisories-min", type=int, default=200_000)
    ap.add_argument("--size", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pip-audit"); ap.add_argument("--cargo-audit"); ap.add_argument("--npm")
    ap.add_argument("--skip-store", action="store_true", help="reuse the store in --work")
    ap.add_argument("--reuse-copies", action="store_true", help="reuse --work/copies.zip if present")
    a = ap.parse_args()
    rng = random.Random(7)
    os.makedirs(a.work, exist_ok=True)
    cache = os.path.join(a.work, "cache")
    env = dict(os.environ, VIBEGUARD_CACHE_DIR=cache, VIBEGUARD_OFFLINE="1", CI="1")
    vg = os.path.abspath(a.vibeguard)
    recs = adv.load(a.advisories)
    if not a.skip_store:
        shutil.rmtree(cache, ignore_errors=True)
        for d in sorted(os.listdir(a.advisories)):
            cmd = [vg, "db", "import", os.path.join(a.advisories, d), "--source", d]
            t, code, out, err = run(cmd, env=env)
            print(f"import {d}: {out.strip() or err.strip()} ({t:.1f} s, {CPU[id(cmd)]:.1f} s CPU)", file=sys.stderr)
        real = int(re.search(r"advisories: (\d+)", run([vg, "db", "status"], env=env)[2]).group(1))
        zpath = os.path.join(a.work, "copies.zip")
        if not (a.reuse_copies and os.path.exists(zpath)):
            make_copies(a.advisories, zpath, a.advisories_min - real)
        cmd = [vg, "db", "import", zpath, "--source", "copies"]
        t, code, out, err = run(cmd, env=env)
        print(f"import copies: {out.strip() or err.strip()} ({t:.1f} s, {CPU[id(cmd)]:.1f} s CPU)", file=sys.stderr)
        # Withdrawn records are not stored: top up until the store holds the minimum.
        have = int(re.search(r"advisories: (\d+)", run([vg, "db", "status"], env=env)[2]).group(1))
        if have < a.advisories_min:
            short = a.advisories_min - have
            zpath2 = os.path.join(a.work, "topup.zip")
            make_copies(a.advisories, zpath2, short + short // 20 + 10, tag="TOPUP")
            cmd = [vg, "db", "import", zpath2, "--source", "topup"]
            t, code, out, err = run(cmd, env=env)
            print(f"import top-up: {out.strip() or err.strip()} ({t:.1f} s, {CPU[id(cmd)]:.1f} s CPU)", file=sys.stderr)
    st = run([vg, "db", "status"], env=env)[2]
    total = int(re.search(r"advisories: (\d+)", st).group(1))
    print(f"store: {total} advisories", file=sys.stderr)

    # ---- inputs ----
    vuln = {}
    for r in recs:
        if r.versions:
            vuln.setdefault((r.eco, r.name), r.versions[-1])
    pypi = []
    with open(os.path.join(a.packages, "pypi.tsv")) as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) > 3 and c[3].isdigit() and c[1]:
                pypi.append((int(c[3]), adv.norm("PyPI", c[0]), c[1]))
    pypi.sort()
    req_pkgs = []
    for _, n, v in pypi[: a.size]:
        req_pkgs.append((n, vuln.get(("PyPI", n), v)))
    d_py = os.path.join(a.work, "pypi"); os.makedirs(d_py, exist_ok=True)
    with open(os.path.join(d_py, "requirements.txt"), "w") as f:
        f.writelines(f"{n}=={v}\n" for n, v in req_pkgs)
    crates = sorted({r.name for r in recs if r.eco == "crates.io"})
    cargo = []
    for c in crates:
        for r in recs:
            if r.eco == "crates.io" and r.name == c and r.patched:
                m = re.search(r"(\d+)\.(\d+)\.(\d+)", r.patched[0])
                if m and int(m.group(3)) > 0:
                    cargo.append((c, f"{m.group(1)}.{m.group(2)}.{int(m.group(3)) - 1}"))
                    break
    i = 0
    while len(cargo) < a.size:
        c = crates[i % len(crates)]
        cargo.append((c, f"{90 + i // len(crates)}.0.{i % 7}"))
        i += 1
    d_rs = os.path.join(a.work, "cargo"); os.makedirs(d_rs, exist_ok=True)
    with open(os.path.join(d_rs, "Cargo.lock"), "w") as f:
        f.write("version = 4\n\n")
        for n, v in cargo[: a.size]:
            f.write(f'[[package]]\nname = "{n}"\nversion = "{v}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n\n')
    npm = []
    with open(os.path.join(a.packages, "npm.tsv")) as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) > 2 and c[2].isdigit() and re.match(r"^\d+\.\d+\.\d+$", c[1]):
                npm.append((-int(c[2]), c[0], c[1]))
    npm.sort()
    d_js = os.path.join(a.work, "npm"); os.makedirs(d_js, exist_ok=True)
    pk = {"": {"name": "bench", "version": "1.0.0", "dependencies": {n: v for _, n, v in npm[: a.size]}}}
    for _, n, v in npm[: a.size]:
        pk[f"node_modules/{n}"] = {"version": v, "resolved": f"https://registry.npmjs.org/{n}/-/{n.split('/')[-1]}-{v}.tgz"}
    with open(os.path.join(d_js, "package-lock.json"), "w") as f:
        json.dump({"name": "bench", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": pk}, f)
    with open(os.path.join(d_js, "package.json"), "w") as f:
        json.dump({"name": "bench", "version": "1.0.0", "dependencies": pk[""]["dependencies"]}, f)

    # ---- timing ----
    rows = []  # (input, tool, wall s, cpu s, findings)
    def vg_time(d, fname, extra=()):
        cmd = [vg, "scan", "--offline", "--format", "json", *extra, os.path.join(d, fname)]
        wall, cpu, (_, code, out, err) = timed(cmd, a.runs, env=env)
        found = sum(1 for x in json.loads(out)["findings"] if x["rule_id"] in ("deps/vulnerable", "deps/malicious"))
        return wall, cpu, found
    rows.append(("requirements.txt (PyPI)", "vibeguard scan --offline", *vg_time(d_py, "requirements.txt")))
    rows.append(("Cargo.lock (crates.io)", "vibeguard scan --offline", *vg_time(d_rs, "Cargo.lock")))
    rows.append(("package-lock.json (npm)", "vibeguard scan --offline", *vg_time(d_js, "package-lock.json")))
    # Like for like with the audit tools, which only audit dependencies: the default scan
    # also runs the secrets, code and configuration analyzers over the lockfile's text.
    only = ("--analyzers", "deps")
    rows.append(("requirements.txt (PyPI)", "vibeguard scan --offline --analyzers deps", *vg_time(d_py, "requirements.txt", only)))
    rows.append(("Cargo.lock (crates.io)", "vibeguard scan --offline --analyzers deps", *vg_time(d_rs, "Cargo.lock", only)))
    rows.append(("package-lock.json (npm)", "vibeguard scan --offline --analyzers deps", *vg_time(d_js, "package-lock.json", only)))
    if a.cargo_audit:
        db = os.path.join(a.work, "advisory-db-git")
        if not os.path.isdir(os.path.join(db, ".git")):
            shutil.rmtree(db, ignore_errors=True)
            shutil.copytree(os.path.join(a.advisories, "rustsec+advisory-db"), db)
            for c in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "snapshot"]):
                subprocess.run(c, cwd=db, check=True)
        cmd = [a.cargo_audit, "audit", "--db", db, "--no-fetch", "--stale", "--json", "-f", os.path.join(d_rs, "Cargo.lock")]
        wall, cpu, (_, code, out, err) = timed(cmd, a.runs)
        try:
            n = len(json.loads(out)["vulnerabilities"]["list"])
        except Exception:
            n = f"error: {err.strip()[:120]}"
        rows.append(("Cargo.lock (crates.io)", "cargo audit --no-fetch (local db)", wall, cpu, n))
    if a.pip_audit:
        cmd = [a.pip_audit, "-r", os.path.join(d_py, "requirements.txt"), "--no-deps", "--disable-pip", "--progress-spinner", "off", "-f", "json", "--cache-dir", os.path.join(a.work, "pip-audit-cache")]
        t, code, out, err = run(cmd, timeout=1800)
        try:
            n = sum(len(d.get("vulns", [])) for d in json.loads(out)["dependencies"])
        except Exception:
            n = f"error: {err.strip()[-160:]}"
        rows.append(("requirements.txt (PyPI)", "pip-audit (PyPI JSON API, online)", t, CPU.get(id(cmd)), n))
    if a.npm:
        cmd = [a.npm, "audit", "--json", "--package-lock-only"]
        t, code, out, err = run(cmd, cwd=d_js, timeout=900)
        try:
            n = json.loads(out)["metadata"]["vulnerabilities"]["total"]
        except Exception:
            n = f"error: {(out or err).strip()[:160]}"
        rows.append(("package-lock.json (npm)", "npm audit --package-lock-only (online)", t, CPU.get(id(cmd)), n))
    base = {r[0]: (r[2], r[3]) for r in rows if r[1].endswith("--analyzers deps")}
    print(f"\n{a.size}-package lockfiles, store of {total} advisories, median of {a.runs} warm runs\n")
    print("| input | tool | wall | CPU | vs vibeguard (wall / CPU) | vulnerability findings |")
    print("|---|---|---|---|---|---|")
    ms = lambda x: f"{x * 1000:.0f} ms" if x is not None else "-"
    for inp, tool, t, c, n in rows:
        if tool.startswith("vibeguard"):
            ratio = "1.0x"
        elif t is None:
            ratio = "-"
        else:
            bw, bc = base[inp]
            ratio = f"{t / bw:.1f}x / {c / bc:.1f}x" if c else f"{t / bw:.1f}x"
        print(f"| {inp} | {tool} | {ms(t) if t is not None else 'timed out'} | {ms(c)} | {ratio} | {n} |")

if __name__ == "__main__":
    main()
