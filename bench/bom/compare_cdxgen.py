#!/usr/bin/env python3
"""Compare `vibeguard bom` with cdxgen on the same projects, in one run.

For each project directory: run both tools (CycloneDX 1.6 JSON, no dependency
installation, no network for vibeguard), time them, validate vibeguard's document against
the official schema (the copy under crates/vibeguard/tests/data/bom, with `jsonschema`
from a virtualenv), and compare the components each found by (ecosystem type, name,
version) read from the purl. Components cdxgen found and vibeguard did not are listed so
each can be given a reason.

Usage:
  python3 bench/bom/compare_cdxgen.py --vibeguard target/release/vibeguard \
      --cdxgen /work/scratch/bom/cdxgen/node_modules/.bin/cdxgen \
      --out /work/scratch/bom/out DIR [DIR ...]

Projects: fetched public repositories, extracted with
  git --git-dir=MIRROR archive HEAD | tar -x -C DIR
(bench/bom/README.md lists the ones in BENCHMARKS.md).
"""
import argparse
import json
import os
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "..", "..", "crates", "vibeguard", "tests", "data", "bom")


def key(purl):
    """(type, namespace/name lower-cased, version) of a purl, or None."""
    if not purl or not purl.startswith("pkg:"):
        return None
    body, _, subpath = purl[4:].partition("#")
    body = body.split("?")[0]
    if "@" in body:
        path, version = body.rsplit("@", 1)
    else:
        path, version = body, ""
    kind, _, name = path.partition("/")
    name = urllib.parse.unquote(name).lower()
    if kind == "pypi":
        name = name.replace("_", "-").replace(".", "-")
    if kind == "github" and subpath:
        # The purl spec puts the path of an action inside its repository in the subpath
        # (`pkg:github/github/codeql-action@v3#upload-sarif`); cdxgen appends it to the
        # name. Both name the same action.
        name = name + "/" + urllib.parse.unquote(subpath).lower()
    return (kind, name, urllib.parse.unquote(version))


def components(doc):
    out = set()
    stack = list(doc.get("components", []))
    while stack:
        c = stack.pop()
        stack.extend(c.get("components", []))
        k = key(c.get("purl"))
        if k:
            out.add(k)
    return out


def validator():
    try:
        import jsonschema
        from referencing import Registry, Resource
    except ImportError:
        return None
    docs = {}
    for f in ("bom-1.6.schema.json", "spdx.schema.json", "jsf-0.82.schema.json"):
        with open(os.path.join(SCHEMAS, f)) as fh:
            docs[f] = json.load(fh)
    reg = Registry()
    for f, d in docs.items():
        r = Resource.from_contents(d)
        reg = reg.with_resource(f"http://cyclonedx.org/schema/{f}", r)
        reg = reg.with_resource(f, r)
    return jsonschema.Draft7Validator(docs["bom-1.6.schema.json"], registry=reg)


def run(cmd, env=None):
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return time.perf_counter() - t, p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vibeguard", required=True)
    ap.add_argument("--cdxgen", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    v = validator()
    rows = []
    for d in a.dirs:
        name = os.path.basename(os.path.normpath(d))
        vg_out = os.path.join(a.out, f"{name}.vibeguard.cdx.json")
        cx_out = os.path.join(a.out, f"{name}.cdxgen.cdx.json")
        env = dict(os.environ, VIBEGUARD_OFFLINE="1")
        t_vg, p = run([a.vibeguard, "bom", d, "-f", "cyclonedx-json", "-o", vg_out], env)
        if p.returncode != 0:
            print(f"{name}: vibeguard failed: {p.stderr}", file=sys.stderr)
            continue
        cenv = dict(os.environ, CDXGEN_NO_BANNER="true", FETCH_LICENSE="false")
        t_cx, p = run(
            [a.cdxgen, "-r", "--no-install-deps", "--spec-version", "1.6",
             "--no-validate", "-o", cx_out, d],
            cenv,
        )
        with open(vg_out) as fh:
            vg_doc = json.load(fh)
        valid = "not checked"
        if v is not None:
            errs = list(v.iter_errors(vg_doc))
            valid = "valid" if not errs else f"INVALID ({len(errs)} errors: {errs[0].message[:120]})"
        try:
            with open(cx_out) as fh:
                cx = components(json.load(fh))
        except (OSError, ValueError):
            cx = set()
        vg = components(vg_doc)
        fixtures = sum(
            1
            for c in vg_doc.get("components", [])
            if any(p.get("name") == "vibeguard:dep:fixture" for p in c.get("properties", []))
        )
        print(f"{name}: {fixtures} of vibeguard's components are marked as test fixtures", file=sys.stderr)
        # A component cdxgen lists without a version (a pnpm `link:` workspace package)
        # is found when vibeguard lists that name at any version (its manifest's).
        named = {(k, n) for (k, n, _) in vg}
        missing = sorted(m for m in cx - vg if not (m[2] == "" and (m[0], m[1]) in named))
        unversioned = {(k, n) for (k, n, v) in cx if v == ""}
        extra = sorted(m for m in vg - cx if (m[0], m[1]) not in unversioned)
        rows.append((name, len(vg), len(cx), len(cx) - len(missing), len(missing), len(extra), t_vg, t_cx, valid))
        with open(os.path.join(a.out, f"{name}.missing.txt"), "w") as fh:
            for m in missing:
                fh.write(f"{m[0]}\t{m[1]}\t{m[2]}\n")
        with open(os.path.join(a.out, f"{name}.extra.txt"), "w") as fh:
            for m in extra:
                fh.write(f"{m[0]}\t{m[1]}\t{m[2]}\n")
    print("| project | vibeguard components | cdxgen components | both | cdxgen only | vibeguard only | vibeguard s | cdxgen s | speed ratio | vibeguard document |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for (name, nv, nc, both, miss, extra, tv, tc, valid) in rows:
        print(f"| {name} | {nv} | {nc} | {both} | {miss} | {extra} | {tv:.3f} | {tc:.2f} | {tc / tv:.0f}x | {valid} |")


if __name__ == "__main__":
    main()
