#!/usr/bin/env python3
"""Generate the labelled dependency corpus (corpus/deps) from public data.

Inputs (not committed; bring them in with the session's fetch tool, see README):
  --advisories DIR   checkouts of pypa/advisory-database, rustsec/advisory-db,
                     golang/vulndb (data/osv), rubysec/ruby-advisory-db and
                     FriendsOfPHP/security-advisories, side by side
  --packages DIR     the package lists (pypi.tsv: rank among the 15,000 most downloaded;
                     npm.tsv: monthly downloads)
  --hallucinations DIR  pypi.csv / npm.csv: package names language models invent,
                     published by a 2026 replication study (churik5/slopsquatting-
                     replication-2026, disclosure/*_universal_hallucinations.csv)

What it writes, split into dev/ and holdout/ by a hash of the package name (holdout is
scored once before any tuning and reported separately):
  - vulnerable pins: versions an advisory lists as affected; the expected advisory ids
    are every record that affects the pin, computed by advisories.py (an independent
    Python implementation of the OSV rules and the RustSec/RubySec requirements);
  - clean pins: versions past every fix, verified unaffected by every record;
  - malicious packages: RustSec records in the "malicious" category;
  - non-existent names: hallucinated PyPI names that are not in the PyPI name list;
  - look-alike names: keystroke, separator, look-alike-character and decoration
    variants of popular names that no package has taken (PyPI: not in the name list;
    npm: not in the partial list, so a few may exist);
No registry is queried: existence comes from the local name lists (score.py serves the
same lists as a registry on 127.0.0.1).
  - popular controls: npm packages ranked 15,001-20,000 by downloads (not on the shipped
    list) and PyPI packages installed on this machine; no name finding expected.
Every format is used: Cargo.lock, package-lock.json (v1, v3), npm-shrinkwrap.json,
yarn.lock (v1, berry), pnpm-lock.yaml (v6, v9), bun.lock, requirements.txt, poetry.lock,
uv.lock, Pipfile.lock, pylock.toml, pyproject.toml, package.json, go.mod, go.sum,
Gemfile.lock, composer.lock. labels.json lists each expectation with file and package.
"""
import argparse, csv, hashlib, json, os, random, re, shutil, sys
sys.path.insert(0, os.path.dirname(__file__))
import advisories as adv

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "corpus", "deps")

def split_of(key):
    return "holdout" if hashlib.sha1(key.encode()).digest()[0] < 77 else "dev"

NAMES = {}

def exists(eco, name):
    """From the local name lists only (no registry queries): the PyPI list is the whole
    index; the npm list is partial, so an absent npm name is "unknown" (None)."""
    if name in NAMES[eco]:
        return True
    return False if eco == "PyPI" else None

# ---------- writers (name, version) -> file text ----------

def w_requirements(pkgs):
    return "".join((f"{n}=={v}\n" if v else f"{n}\n") for n, v in pkgs)

def w_pyproject(pkgs):
    deps = ",\n".join(f'    "{n}=={v}"' if v else f'    "{n}"' for n, v in pkgs)
    return f'[project]\nname = "case"\nversion = "0.1.0"\ndependencies = [\n{deps},\n]\n'

def w_poetry(pkgs):
    return "".join(f'[[package]]\nname = "{n}"\nversion = "{v}"\ndescription = ""\noptional = false\npython-versions = "*"\nfiles = []\n\n' for n, v in pkgs) + '[metadata]\nlock-version = "2.0"\npython-versions = "^3.9"\ncontent-hash = "0"\n'

def w_uv(pkgs):
    deps = ", ".join(f'{{ name = "{n}" }}' for n, _ in pkgs)
    out = f'version = 1\nrequires-python = ">=3.9"\n\n[[package]]\nname = "case"\nversion = "0.1.0"\nsource = {{ virtual = "." }}\ndependencies = [{deps}]\n\n'
    return out + "".join(f'[[package]]\nname = "{n}"\nversion = "{v}"\nsource = {{ registry = "https://pypi.org/simple" }}\n\n' for n, v in pkgs)

def w_pipfile(pkgs):
    return json.dumps({"_meta": {"pipfile-spec": 6, "sources": [{"name": "pypi", "url": "https://pypi.org/simple", "verify_ssl": True}]},
                       "default": {n: {"hashes": [], "version": f"=={v}"} for n, v in pkgs}, "develop": {}}, indent=4) + "\n"

def w_pylock(pkgs):
    return 'lock-version = "1.0"\ncreated-by = "corpus"\n\n' + "".join(f'[[packages]]\nname = "{n}"\nversion = "{v}"\nindex = "https://pypi.org/simple"\n\n' for n, v in pkgs)

def w_cargo(pkgs):
    out = "version = 4\n\n[[package]]\nname = \"case\"\nversion = \"0.1.0\"\ndependencies = [\n" + "".join(f' "{n} {v}",\n' for n, v in pkgs) + "]\n\n"
    return out + "".join(f'[[package]]\nname = "{n}"\nversion = "{v}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "{hashlib.sha256((n+v).encode()).hexdigest()}"\n\n' for n, v in pkgs)

def w_gomod(pkgs):
    return "module example.com/case\n\ngo 1.21\n\nrequire (\n" + "".join(f"\t{n} {v if v.startswith('v') else 'v' + v}\n" for n, v in pkgs) + ")\n"

def w_gosum(pkgs):
    return "".join(f"{n} {v if v.startswith('v') else 'v' + v} h1:{hashlib.sha256((n+v).encode()).hexdigest()[:43]}=\n" for n, v in pkgs)

def w_gemfile(pkgs):
    specs = "".join(f"    {n} ({v})\n" for n, v in pkgs)
    deps = "".join(f"  {n}\n" for n, _ in pkgs)
    return f"GEM\n  remote: https://rubygems.org/\n  specs:\n{specs}\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n{deps}\nBUNDLED WITH\n   2.4.10\n"

def w_composer(pkgs):
    return json.dumps({"_readme": ["generated"], "content-hash": "0", "packages": [{"name": n, "version": v, "type": "library"} for n, v in pkgs], "packages-dev": []}, indent=4) + "\n"

def w_npm3(pkgs):
    packages = {"": {"name": "case", "version": "1.0.0", "dependencies": {n: v for n, v in pkgs}}}
    for n, v in pkgs:
        packages[f"node_modules/{n}"] = {"version": v, "resolved": f"https://registry.npmjs.org/{n}/-/{n.split('/')[-1]}-{v}.tgz", "integrity": "sha512-" + hashlib.sha512((n+v).encode()).hexdigest()[:86]}
    return json.dumps({"name": "case", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": packages}, indent=2) + "\n"

def w_npm1(pkgs):
    return json.dumps({"name": "case", "version": "1.0.0", "lockfileVersion": 1, "requires": True, "dependencies": {n: {"version": v, "resolved": f"https://registry.npmjs.org/{n}/-/{n.split('/')[-1]}-{v}.tgz"} for n, v in pkgs}}, indent=2) + "\n"

def w_yarn1(pkgs):
    return "# yarn lockfile v1\n\n\n" + "".join(f'"{n}@^{v}":\n  version "{v}"\n  resolved "https://registry.yarnpkg.com/{n}/-/{n.split("/")[-1]}-{v}.tgz"\n\n' for n, v in pkgs)

def w_berry(pkgs):
    return '__metadata:\n  version: 8\n  cacheKey: 10c0\n\n' + "".join(f'"{n}@npm:^{v}":\n  version: {v}\n  resolution: "{n}@npm:{v}"\n  languageName: node\n  linkType: hard\n\n' for n, v in pkgs)

def w_pnpm9(pkgs):
    imp = "".join(f"      '{n}':\n        specifier: ^{v}\n        version: {v}\n" for n, v in pkgs)
    pk = "".join(f"  '{n}@{v}':\n    resolution: {{integrity: sha512-x}}\n\n" for n, v in pkgs)
    return f"lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n{imp}\npackages:\n\n{pk}"

def w_pnpm6(pkgs):
    deps = "".join(f"  '{n}':\n    specifier: ^{v}\n    version: {v}\n" for n, v in pkgs)
    pk = "".join(f"  /{n}@{v}:\n    resolution: {{integrity: sha512-x}}\n    dev: false\n\n" for n, v in pkgs)
    return f"lockfileVersion: '6.0'\n\ndependencies:\n{deps}\npackages:\n\n{pk}"

def w_bun(pkgs):
    deps = ",\n".join(f'        "{n}": "^{v}"' for n, v in pkgs)
    pk = ",\n".join(f'    "{n}": ["{n}@{v}", "", {{}}, "sha512-x"]' for n, v in pkgs)
    return f'{{\n  "lockfileVersion": 1,\n  "workspaces": {{\n    "": {{\n      "name": "case",\n      "dependencies": {{\n{deps},\n      }},\n    }},\n  }},\n  "packages": {{\n{pk},\n  }}\n}}\n'

def w_package_json(pkgs):
    return json.dumps({"name": "case", "version": "1.0.0", "dependencies": {n: (v or "*") for n, v in pkgs}}, indent=2) + "\n"

FORMATS = {
    "PyPI": [("requirements.txt", w_requirements), ("poetry.lock", w_poetry), ("uv.lock", w_uv), ("Pipfile.lock", w_pipfile), ("pylock.toml", w_pylock), ("pyproject.toml", w_pyproject)],
    "crates.io": [("Cargo.lock", w_cargo)],
    "Go": [("go.mod", w_gomod), ("go.sum", w_gosum)],
    "RubyGems": [("Gemfile.lock", w_gemfile)],
    "Packagist": [("composer.lock", w_composer)],
    "npm": [("package-lock.json", w_npm3), ("npm-shrinkwrap.json", w_npm1), ("yarn.lock", w_yarn1), ("berry/yarn.lock", w_berry), ("pnpm-lock.yaml", w_pnpm9), ("pnpm6/pnpm-lock.yaml", w_pnpm6), ("bun.lock", w_bun), ("package.json", w_package_json)],
}

# ---------- selection ----------

def bump_down(v):
    m = re.match(r"^v?(\d+)\.(\d+)\.(\d+)$", v)
    if m and int(m.group(3)) > 0:
        return f"{m.group(1)}.{m.group(2)}.{int(m.group(3)) - 1}"
    return None

def vulnerable_candidates(r):
    c = list(r.versions[-2:])
    for kind, evs in r.ranges:
        for e in evs:
            if e.get("introduced") not in (None, "0"):
                c.append(str(e["introduced"]))
            if e.get("last_affected"):
                c.append(str(e["last_affected"]))
            if e.get("fixed"):
                b = bump_down(str(e["fixed"]).lstrip("v"))
                if b:
                    c.append(("v" + b) if r.eco == "Go" else b)
    for p in r.patched:
        m = re.match(r"^\s*(?:>=|~>|\^|~)\s*([0-9][0-9.]*)\s*$", p.split(",")[-1])
        if m:
            b = bump_down(m.group(1))
            if b:
                c.append(b)
    return c

def clean_candidate(recs):
    best = None
    for r in recs:
        if r.unaffected is not None and not r.patched:
            return None
        for kind, evs in r.ranges:
            if not any("fixed" in e for e in evs):
                return None
            for e in evs:
                if "fixed" in e:
                    pv = adv.parse(r.eco, str(e["fixed"]), kind == "SEMVER")
                    if pv and (best is None or adv.cmp(pv, best[0]) > 0):
                        best = (pv, str(e["fixed"]))
        for p in r.patched:
            m = re.match(r"^\s*(?:>=|~>|\^|~)\s*([0-9][0-9.]*)\s*$", p.split(",")[-1])
            if m:
                pv = adv.parse(r.eco, m.group(1))
                if pv and (best is None or adv.cmp(pv, best[0]) > 0):
                    best = (pv, m.group(1))
    return best[1] if best else None

def expected_ids(recs, v):
    hit = [r for r in recs if not r.informational and adv.affected(r, v)]
    return hit

def typos(name, rng):
    out = set()
    if len(name) >= 5:
        i = rng.randrange(len(name) - 1)
        if name[i] != name[i + 1]:
            out.add(("swap", name[:i] + name[i + 1] + name[i] + name[i + 2:]))
        j = rng.randrange(1, len(name) - 1)
        out.add(("drop", name[:j] + name[j + 1:]))
        out.add(("double", name[:j] + name[j] + name[j:]))
    for a, b in (("l", "1"), ("o", "0"), ("m", "rn")):
        if a in name:
            out.add(("homoglyph", name.replace(a, b, 1)))
            break
    if "-" in name:
        out.add(("separator", name.replace("-", "_" if rng.random() < 0.5 else "", 1)))
    out.add(("suffix", name + rng.choice(["-utils", "-dev", "2", "-sdk", "-lib"])))
    return [t for t in out if t[1] != name and re.match(r"^[@a-z0-9][a-z0-9._/@-]*$", t[1])]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--advisories", required=True)
    ap.add_argument("--packages", required=True)
    ap.add_argument("--hallucinations", required=True)
    ap.add_argument("--per-ecosystem", type=int, default=60)
    ap.add_argument("--seed", type=int, default=10)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    recs = adv.load(a.advisories)
    print(f"{len(recs)} affected-package records", file=sys.stderr)
    by_pkg = {}
    for r in recs:
        by_pkg.setdefault((r.eco, r.name), []).append(r)
    if os.path.isdir(OUT):
        for s in ("dev", "holdout"):
            shutil.rmtree(os.path.join(OUT, s), ignore_errors=True)
    labels = []
    cases = {}  # (split, eco, fmt) -> [(name, version)]

    def add(split, eco, fmt_idx, name, version, expect):
        fmts = FORMATS[eco]
        fname, _ = fmts[fmt_idx % len(fmts)]
        cases.setdefault((split, eco, fname), []).append((name, version))
        labels.append({"split": split, "ecosystem": eco, "file": fname, "name": name, "version": version, **expect})

    # vulnerable and clean pins
    for eco in ("PyPI", "crates.io", "Go", "RubyGems", "Packagist"):
        keys = sorted(k for k in by_pkg if k[0] == eco and not any(r.malicious for r in by_pkg[k]))
        rng.shuffle(keys)
        n_vuln = 0
        for k in keys:
            if n_vuln >= a.per_ecosystem:
                break
            rs = [r for r in by_pkg[k] if not r.informational]
            if not rs:
                continue
            split = split_of(f"{eco}:{k[1]}")
            cand = [v for r in rs for v in vulnerable_candidates(r)]
            cand = [v for v in cand if adv.parse(eco, v) is not None]
            if not cand:
                continue
            v = rng.choice(cand)
            hit = expected_ids(rs, v)
            if not hit:
                continue
            groups = [sorted(set(r.ids())) for r in hit]
            add(split, eco, n_vuln, k[1], v, {"expect": "deps/vulnerable", "advisories": groups})
            clean = clean_candidate(rs)
            if clean and not expected_ids(rs, clean) and adv.parse(eco, clean):
                add(split, eco, n_vuln + 1, k[1], clean, {"expect": None})
            n_vuln += 1
    # malicious crates
    mal = sorted(k for k, rs in by_pkg.items() if any(r.malicious for r in rs))
    for i, k in enumerate(mal):
        rs = [r for r in by_pkg[k] if r.malicious]
        cand = ["0.1.0"] + [v for r in rs for v in vulnerable_candidates(r)] + ["1.0.0", "0.0.1"]
        v = next((c for c in cand if any(adv.affected(r, c) for r in rs)), None)
        if v:
            add(split_of(f"{k[0]}:{k[1]}"), k[0], 0, k[1], v, {"expect": "deps/malicious"})
    # popular names and look-alikes
    pypi_top, npm_rows = [], []
    with open(os.path.join(a.packages, "pypi.tsv")) as f:
        for r in csv.reader(f, delimiter="\t"):
            if len(r) > 3 and r[3].isdigit():
                pypi_top.append((int(r[3]), adv.norm("PyPI", r[0])))
    pypi_top = [n for _, n in sorted(pypi_top)]
    with open(os.path.join(a.packages, "npm.tsv")) as f:
        for r in csv.reader(f, delimiter="\t"):
            if len(r) > 2 and r[2].isdigit():
                npm_rows.append((-int(r[2]), r[0], r[1]))
    npm_rows.sort()
    npm_top = [n for _, n, _ in npm_rows]
    known = {"PyPI": set(pypi_top), "npm": set(npm_top[:30000])}
    NAMES["PyPI"] = set()
    with open(os.path.join(a.packages, "pypi.tsv")) as f:
        for line in f:
            NAMES["PyPI"].add(adv.norm("PyPI", line.split("\t", 1)[0]))
    NAMES["npm"] = set(npm_top)
    checked = 0
    for eco, top in (("PyPI", pypi_top[:3000]), ("npm", npm_top[:3000])):
        picks = rng.sample(top, 70)
        for i, t in enumerate(picks):
            split = split_of(f"{eco}:typo:{t}")
            for how, name in typos(t, rng)[:2]:
                if name in known[eco]:
                    continue
                ex = exists(eco, adv.norm(eco, name))
                checked += 1
                if ex:
                    continue  # a real package with a similar name: not labelled either way
                mf = "requirements.txt" if eco == "PyPI" else "package.json"
                idx = [f for f, _ in FORMATS[eco]].index(mf)
                add(split, eco, idx, name, None, {"expect": "lookalike", "target": t, "how": how, "exists": ex})
    # hallucinated names (registry says 404 today)
    for eco, fn in (("PyPI", "pypi.csv"),):
        with open(os.path.join(a.hallucinations, fn)) as f:
            names = [l.split(",")[0].strip() for l in f if l.strip()]
        for name in names:
            ex = exists(eco, adv.norm(eco, name))
            checked += 1
            if ex is False:
                mf = "pyproject.toml" if eco == "PyPI" else "package.json"
                idx = [f for f, _ in FORMATS[eco]].index(mf)
                add(split_of(f"{eco}:h:{name}"), eco, idx, name, None, {"expect": "deps/hallucinated-package"})
    # popular controls not on the shipped lists: npm ranks 15,001-20,000
    for _, n, v in rng.sample(npm_rows[15000:20000], 120):
        add(split_of(f"npm:pop:{n}"), "npm", rng.randrange(7), n, v, {"expect": None, "control": "popular"})
    # clean popular pins in every npm lockfile format
    for i, (_, n, v) in enumerate(npm_rows[:80]):
        add(split_of(f"npm:top:{n}"), "npm", i, n, v, {"expect": None})
    print(f"{checked} names checked against the local lists", file=sys.stderr)

    # write files: one case directory per (split, ecosystem, format), chunks of 25 packages
    for (split, eco, fname), pkgs in sorted(cases.items()):
        writer = dict(FORMATS[eco])[fname]
        for c in range(0, len(pkgs), 25):
            chunk = pkgs[c:c + 25]
            d = os.path.join(OUT, split, f"{eco.replace('.', '')}-{fname.replace('/', '-').replace('.', '_')}-{c // 25}")
            path = os.path.join(d, fname)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(writer(chunk))
            for l in labels:
                if l["split"] == split and l["ecosystem"] == eco and l["file"] == fname and (l["name"], l["version"]) in chunk:
                    l["path"] = os.path.relpath(path, OUT)
    with open(os.path.join(OUT, "labels.json"), "w") as f:
        json.dump(labels, f, indent=1, sort_keys=True)
    by = {}
    for l in labels:
        by[(l["split"], str(l["expect"]))] = by.get((l["split"], str(l["expect"])), 0) + 1
    for k in sorted(by):
        print(k, by[k], file=sys.stderr)

if __name__ == "__main__":
    main()
