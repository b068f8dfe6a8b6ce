"""Independent reading of the public advisory databases, for labelling the corpus.

This is a second implementation (Python, `packaging` for PEP 440) of what vibeguard does
in Rust: read OSV JSON/YAML (PyPA, Go), RustSec Markdown, RubySec YAML and FriendsOfPHP
YAML, and decide whether a version is affected. Labels computed here are compared with
vibeguard's findings by score.py; disagreements show up as misses or extra findings.
"""
import json, os, re
from functools import cmp_to_key

import yaml  # PyYAML
from packaging.version import Version, InvalidVersion

# ---------- version orderings ----------

def _semver(v):
    v = v.strip().lstrip("=").lstrip("v").replace("+incompatible", "")
    v = v.split("+", 1)[0]
    core, _, pre = v.partition("-")
    nums = core.split(".")
    if not nums or len(nums) > 3 or not all(n.isdigit() for n in nums):
        return None
    nums = [int(n) for n in nums] + [0] * (3 - len(nums))
    ids = []
    if pre:
        for p in pre.split("."):
            ids.append((0, int(p), "") if p.isdigit() else (1, 0, p))
    return (nums, ids)

def _cmp_semver(a, b):
    if a[0] != b[0]:
        return -1 if a[0] < b[0] else 1
    pa, pb = a[1], b[1]
    if not pa and not pb:
        return 0
    if not pa:
        return 1
    if not pb:
        return -1
    for x, y in zip(pa, pb):
        if x != y:
            return -1 if x < y else 1
    return (len(pa) > len(pb)) - (len(pa) < len(pb))

def _gem(v):
    v = v.strip()
    m = re.match(r"^([0-9][0-9A-Za-z.]*)(?:-([A-Za-z].*))?$", v)
    if not m:
        return None
    segs = [int(s) if s.isdigit() else s for s in re.findall(r"[0-9]+|[A-Za-z]+", m.group(1))]
    first_str = next((i for i, s in enumerate(segs) if isinstance(s, str)), len(segs))
    rel = segs[:first_str]
    while len(rel) > 1 and rel[-1] == 0:
        rel.pop()
    return rel + segs[first_str:]

def _cmp_gem(a, b):
    n = max(len(a), len(b))
    for i in range(n):
        x = a[i] if i < len(a) else 0
        y = b[i] if i < len(b) else 0
        if x == y:
            continue
        if isinstance(x, str) and not isinstance(y, str):
            return -1
        if not isinstance(x, str) and isinstance(y, str):
            return 1
        return -1 if x < y else 1
    return 0

_STAB = {"dev": 0, "alpha": 1, "a": 1, "beta": 2, "b": 2, "rc": 3, "": 4, "stable": 4, "patch": 5, "pl": 5, "p": 5}

def _composer(v):
    v = v.strip().lower().lstrip("v")
    m = re.match(r"^(\d+(?:\.\d+){0,3})[-._+]?([a-z]*)[-._]?(\d*)$", v)
    if not m or m.group(2) not in _STAB:
        return None
    nums = [int(x) for x in m.group(1).split(".")]
    nums += [0] * (4 - len(nums))
    return (nums, _STAB[m.group(2)], int(m.group(3) or 0))

def parse(eco, v, semver_range=False):
    try:
        if eco == "PyPI" and not semver_range:
            return ("pep", Version(v))
        if eco in ("crates.io", "Go", "npm") or semver_range:
            s = _semver(v)
            return ("sem", s) if s else None
        if eco == "RubyGems":
            g = _gem(v)
            return ("gem", g) if g else None
        if eco == "Packagist":
            c = _composer(v)
            return ("cmp", c) if c else None
    except (InvalidVersion, ValueError):
        return None
    return None

def cmp(a, b):
    if a[0] != b[0]:
        raise ValueError("different orderings")
    if a[0] == "pep":
        return (a[1] > b[1]) - (a[1] < b[1])
    if a[0] == "sem":
        return _cmp_semver(a[1], b[1])
    if a[0] == "gem":
        return _cmp_gem(a[1], b[1])
    return (a[1] > b[1]) - (a[1] < b[1])

# ---------- records ----------

def norm(eco, name):
    if eco == "PyPI":
        return re.sub(r"[-_.]+", "-", name).lower()
    if eco == "crates.io":
        return name.lower().replace("_", "-")
    if eco == "Packagist":
        return name.lower()
    return name

class Rec:
    def __init__(self, id, aliases, eco, name, ranges=(), versions=(), unaffected=None, patched=(), malicious=False, informational=False):
        self.id, self.aliases, self.eco, self.name = id, list(aliases), eco, norm(eco, name)
        self.ranges, self.versions = list(ranges), list(versions)
        self.unaffected, self.patched = unaffected, list(patched)
        self.malicious, self.informational = malicious, informational

    def ids(self):
        return [self.id] + self.aliases

def _osv(doc):
    if doc.get("withdrawn"):
        return []
    out = []
    mal = doc.get("id", "").startswith("MAL-")
    for a in doc.get("affected") or []:
        p = a.get("package") or {}
        eco = (p.get("ecosystem") or "").split(":")[0]
        if not p.get("name"):
            continue
        ranges = [(r.get("type"), r.get("events") or []) for r in a.get("ranges") or [] if r.get("type") in ("SEMVER", "ECOSYSTEM")]
        out.append(Rec(doc["id"], doc.get("aliases") or [], eco, p["name"], ranges, [str(v) for v in a.get("versions") or []], malicious=mal))
    return out

def _rustsec(text):
    m = re.match(r"\s*```toml\n(.*?)\n```", text, re.S)
    if not m:
        return []
    import tomllib
    d = tomllib.loads(m.group(1))
    a = d["advisory"]
    if a.get("withdrawn"):
        return []
    v = d.get("versions", {})
    cats = a.get("categories", [])
    return [Rec(a["id"], a.get("aliases", []), "crates.io", a["package"], unaffected=v.get("patched", []) + v.get("unaffected", []),
                patched=v.get("patched", []), malicious="malicious" in cats, informational=bool(a.get("informational")))]

def _rubysec(path, text):
    d = yaml.safe_load(text)
    if not isinstance(d, dict) or "gem" not in d:
        return []
    aliases = []
    if d.get("cve"):
        aliases.append("CVE-" + str(d["cve"]))
    if d.get("ghsa"):
        aliases.append("GHSA-" + str(d["ghsa"]))
    fid = os.path.basename(path).rsplit(".", 1)[0]
    pv = [str(x) for x in d.get("patched_versions") or []]
    uv = [str(x) for x in d.get("unaffected_versions") or []]
    return [Rec(f"RUBYSEC-{d['gem']}-{fid}", aliases, "RubyGems", d["gem"], unaffected=pv + uv, patched=pv)]

def _fop(path, text):
    d = yaml.safe_load(text)
    if not isinstance(d, dict) or "branches" not in d or not str(d.get("reference", "")).startswith("composer://"):
        return []
    pkg = d["reference"][len("composer://"):].lower()
    ranges = []
    for b in (d.get("branches") or {}).values():
        intro, end = "0", None
        for c in ",".join(str(x) for x in b.get("versions") or []).split(","):
            c = c.strip()
            if c.startswith(">="):
                intro = c[2:].strip()
            elif c.startswith(">"):
                intro = c[1:].strip()
            elif c.startswith("<="):
                end = {"last_affected": c[2:].strip()}
            elif c.startswith("<"):
                end = {"fixed": c[1:].strip()}
        ev = [{"introduced": intro}] + ([end] if end else [])
        ranges.append(("ECOSYSTEM", ev))
    fid = os.path.basename(path).rsplit(".", 1)[0]
    cve = d.get("cve")
    return [Rec(f"FOP-{pkg}-{fid}".replace("/", "-"), [cve] if cve and cve != "~" else [], "Packagist", pkg, ranges)]

def load(root):
    """Every record under an advisory checkout (any of the five layouts)."""
    recs = []
    for dp, dn, fn in os.walk(root):
        dn[:] = [d for d in dn if not d.startswith(".")]
        for f in fn:
            p = os.path.join(dp, f)
            try:
                text = open(p, encoding="utf-8").read()
            except (UnicodeDecodeError, OSError):
                continue
            try:
                if f.endswith(".json") and '"id"' in text:
                    recs += _osv(json.loads(text))
                elif f.endswith(".md") and text.lstrip().startswith("```toml"):
                    recs += _rustsec(text)
                elif f.endswith((".yml", ".yaml")):
                    if "\ngem:" in text or text.startswith("gem:") or text.startswith("---\ngem:"):
                        if "rubies/" not in p:
                            recs += _rubysec(p, text)
                    elif "\nbranches:" in text and "reference:" in text:
                        recs += _fop(p, text)
                    elif re.search(r"^id:", text, re.M) and "affected" in text:
                        recs += _osv(yaml.load(text, Loader=yaml.BaseLoader))
            except Exception:
                continue
    return recs

# ---------- matching ----------

def _req_match(eco, v, req):
    pv = parse(eco, v)
    if pv is None:
        return False
    for clause in req.split(","):
        clause = clause.strip()
        m = re.match(r"^(~>|>=|<=|!=|==|=|>|<|~|\^)?\s*(.+)$", clause)
        if not m:
            return False
        op, b = m.group(1) or "=", m.group(2).strip()
        pb = parse(eco, b)
        if pb is None:
            return False
        c = cmp(pv, pb)
        if op in ("=", "=="):
            ok = c == 0
        elif op == "!=":
            ok = c != 0
        elif op == ">":
            ok = c > 0
        elif op == ">=":
            ok = c >= 0
        elif op == "<":
            ok = c < 0
        elif op == "<=":
            ok = c <= 0
        else:
            nums = [int(x) for x in re.findall(r"\d+", b.split("-")[0])] or [0]
            if op == "~>":
                up = nums[:-1] if len(nums) > 1 else nums
                up = up[:-1] + [up[-1] + 1]
            elif op == "~":
                up = [nums[0], nums[1] + 1, 0] if len(nums) >= 2 else [nums[0] + 1, 0, 0]
            else:  # ^
                if nums[0] > 0 or len(nums) == 1:
                    up = [nums[0] + 1, 0, 0]
                elif len(nums) == 2 or nums[1] > 0:
                    up = [0, nums[1] + 1, 0]
                else:
                    up = [0, 0, nums[2] + 1]
            pu = parse(eco, ".".join(str(x) for x in up))
            ok = c >= 0 and pu is not None and cmp(pv, pu) < 0
        if not ok:
            return False
    return True

def affected(rec, v):
    if v in rec.versions:
        return True
    if rec.unaffected is not None and not rec.ranges and not rec.versions:
        return not any(_req_match(rec.eco, v, r) for r in rec.unaffected)
    for kind, events in rec.ranges:
        sem = kind == "SEMVER"
        pv = parse(rec.eco, v, sem)
        if pv is None:
            continue
        evs = []
        for e in events:
            for k in ("introduced", "fixed", "last_affected"):
                if k in e:
                    pe = parse(rec.eco, "0.0.0" if (e[k] == "0" and (sem or rec.eco in ("crates.io", "Go", "npm"))) else str(e[k]), sem)
                    if pe is not None:
                        evs.append((pe, k))
        limits = [parse(rec.eco, str(e["limit"]), sem) for e in events if "limit" in e and e["limit"] != "*"]
        limits = [l for l in limits if l]
        if limits and not any(cmp(pv, l) < 0 for l in limits):
            continue
        evs.sort(key=cmp_to_key(lambda a, b: cmp(a[0], b[0]) or ((a[1] != "introduced") - (b[1] != "introduced"))))
        vuln = False
        for pe, k in evs:
            c = cmp(pv, pe)
            if k == "introduced" and c >= 0:
                vuln = True
            elif k == "fixed" and c >= 0:
                vuln = False
            elif k == "last_affected" and c > 0:
                vuln = False
        if vuln:
            return True
    return False
