#!/usr/bin/env python3
"""Write the newest commit of bare git directories out as plain files (benchmark input).

Usage: bench/secrets/extract_tree.py DEST GITDIR [GITDIR ...]

Each GITDIR (for example /work/.mirror/OWNER+NAME/repo, the `fetch` tool's copies) is
written to DEST/OWNER+NAME/ from its HEAD tree, without a .git folder, so every scanner
sees the same files and none applies .gitignore rules. Blobs missing from a snapshot
(snapshots leave out files of 4 MiB and more) are skipped and counted; symlinks are not
followed or written.
"""
import os
import subprocess
import sys


def extract(gitdir: str, dest: str) -> tuple[int, int, int]:
    listing = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "-r", "-z", "HEAD"],
                             capture_output=True, check=True).stdout.split(b"\0")
    entries = []
    for e in listing:
        if not e:
            continue
        meta, path = e.split(b"\t", 1)
        mode, kind, oid = meta.split()
        if kind == b"blob" and mode != b"120000":
            entries.append((oid.decode(), path.decode("utf-8", "surrogateescape")))
    cat = subprocess.Popen(["git", "--git-dir", gitdir, "cat-file", "--batch"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    written = missing = size = 0
    for oid, path in entries:
        cat.stdin.write(oid.encode() + b"\n")
        cat.stdin.flush()
        header = cat.stdout.readline().split()
        if len(header) < 3 or header[1] == b"missing":
            missing += 1
            continue
        n = int(header[2])
        data = cat.stdout.read(n)
        cat.stdout.read(1)
        target = os.path.join(dest, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(data)
        written += 1
        size += n
    cat.stdin.close()
    cat.wait()
    return written, missing, size


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    dest = sys.argv[1]
    total = 0
    for gitdir in sys.argv[2:]:
        name = os.path.basename(os.path.dirname(os.path.abspath(gitdir)))
        w, m, s = extract(gitdir, os.path.join(dest, name))
        total += s
        print(f"{name}: {w} files, {s / 1e6:.1f} MB, {m} blobs missing", file=sys.stderr)
    print(f"total {total / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
