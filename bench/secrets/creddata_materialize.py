#!/usr/bin/env python3
"""Materialize the CredData development split as benchmark input (never committed).

CredData (https://github.com/Samsung/CredData) ships labels, not code: for each repository
a CSV of suspicious lines marked T (real-looking credential), F or X (not a credential).
This script checks out, for each repository of the split, only the labelled files at the
labelled commit, and writes the labels next to them.

Inputs (see /work/shared/datasets/creddata-dev/README.md):
  --creddata DIR   a copy of the CredData repository (meta/ and snapshot.json)
  --repos FILE     the split's repos.txt (OWNER/NAME per line, # comments)
  --mirrors DIR    bare git directories of the repositories: DIR/OWNER+NAME/repo
  --out DIR        where files/<OWNER>__<NAME>/<path> and labels.jsonl are written

How a label maps to a file: the snapshot key is the 40-hex commit + 24 hex; the labels
are meta/<crc32 of the key's bytes>.csv; a row's FileID is the first 8 hex digits of the
SHA-256 of the file's path relative to the repository root.

Files over --max-size bytes (default 4 MiB: the fetched snapshots lack them anyway) are
left out, with their rows, and counted in the summary.
"""
import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import zlib


def read_repos(path):
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def git(gitdir, *args, binary=False):
    res = subprocess.run(["git", "--git-dir", gitdir, *args], capture_output=True, check=True)
    return res.stdout if binary else res.stdout.decode("utf-8", "surrogateescape")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--creddata", required=True)
    ap.add_argument("--repos", required=True)
    ap.add_argument("--mirrors", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-size", type=int, default=4 << 20)
    args = ap.parse_args()

    snapshot = json.load(open(os.path.join(args.creddata, "snapshot.json"), encoding="utf-8"))
    by_url = {url.lower().rstrip("/"): key for key, url in snapshot.items()}
    files_root = os.path.join(args.out, "files")
    os.makedirs(files_root, exist_ok=True)
    labels_out = open(os.path.join(args.out, "labels.jsonl"), "w", encoding="utf-8")
    totals = {"T": 0, "F": 0, "X": 0, "files": 0, "missing_rows": 0, "large_rows": 0}
    for repo in read_repos(args.repos):
        key = by_url.get("https://github.com/" + repo.lower())
        if key is None:
            sys.exit(f"{repo}: not in snapshot.json")
        commit = key[:40]
        meta_id = "%08x" % zlib.crc32(bytes.fromhex(key))
        rows = list(csv.DictReader(open(os.path.join(args.creddata, "meta", meta_id + ".csv"), encoding="utf-8")))
        gitdir = os.path.join(args.mirrors, repo.replace("/", "+"), "repo")
        if not os.path.isdir(gitdir):
            sys.exit(f"{repo}: no mirror at {gitdir} (fetch it first)")
        wanted = {r["FileID"] for r in rows}
        tree = git(gitdir, "ls-tree", "-r", "-z", "-l", commit).split("\0")
        found = {}
        for entry in tree:
            if not entry:
                continue
            meta, path = entry.split("\t", 1)
            mode, kind, oid, size = meta.split()
            if kind != "blob" or mode == "120000":
                continue
            fid = hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:8]
            if fid in wanted:
                found[fid] = (path, oid, int(size) if size.isdigit() else -1)
        slug = repo.replace("/", "__")
        for fid, (path, oid, size) in found.items():
            if size < 0 or size > args.max_size:
                continue  # over the size limit, or absent from the snapshot
            dest = os.path.join(files_root, slug, path)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            try:
                data = git(gitdir, "cat-file", "blob", oid, binary=True)
            except subprocess.CalledProcessError:
                continue  # absent from the snapshot (over its size limit)
            with open(dest, "wb") as f:
                f.write(data)
            found[fid] = (path, oid, size, True)
        for r in rows:
            hit = found.get(r["FileID"])
            if hit is None:
                totals["missing_rows"] += 1
                continue
            if len(hit) < 4:
                totals["large_rows"] += 1
                continue
            gt = r["GroundTruth"]
            totals[gt] = totals.get(gt, 0) + 1
            labels_out.write(json.dumps({
                "repo": repo,
                "file": f"{slug}/{hit[0]}",
                "line": int(r["LineStart"]),
                "end_line": int(r["LineEnd"]),
                "gt": gt,
                "category": r["Category"],
                "value_start": int(r["ValueStart"]) if r["ValueStart"] not in ("", "-1") else None,
                "value_end": int(r["ValueEnd"]) if r["ValueEnd"] not in ("", "-1") else None,
            }) + "\n")
        totals["files"] += sum(1 for h in found.values() if len(h) == 4)
        print(f"{repo}: {sum(1 for h in found.values() if len(h) == 4)} files, {len(rows)} rows", file=sys.stderr)
    labels_out.close()
    print(json.dumps(totals))


if __name__ == "__main__":
    main()
