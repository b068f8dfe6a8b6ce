#!/usr/bin/env bash
# Extracts benchmark inputs from bare git snapshots into DEST/owner+name, outside the
# repository. The snapshots come from the `fetch` tool (one bare git directory per public
# repository, e.g. /work/.mirror/s2e-lab+SecurityEval/repo); pass those directories.
#
#   bench/code/extract.sh DEST GITDIR...
#
# For s2e-lab/SALLM only the folders public.py reads are extracted: one large results
# file of that snapshot is not stored, and `git archive` of the whole tree stops there.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 DEST GITDIR..." >&2
    exit 2
fi
dest=$1
shift
mkdir -p "$dest"
for gitdir in "$@"; do
    # /work/.mirror/owner+name/repo -> owner+name
    name=$(basename "$(dirname "$gitdir")")
    out="$dest/$name"
    rm -rf "$out"
    mkdir -p "$out"
    case "$name" in
        *+SALLM) paths=(README.md PythonDataset) ;;
        *) paths=() ;;
    esac
    git --git-dir="$gitdir" archive HEAD "${paths[@]}" | tar -x -C "$out"
    echo "$name: $(git --git-dir="$gitdir" rev-parse HEAD) -> $out ($(find "$out" -type f | wc -l) files)"
done
