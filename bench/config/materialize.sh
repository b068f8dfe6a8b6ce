#!/usr/bin/env sh
# Materialize the public benchmark inputs for bench/config/compare.py into DEST (outside
# the repository). Each argument after DEST is a bare git directory of one input, as
# the session's fetch tool brings them in (owner+name/repo), e.g.
#   bench/config/materialize.sh /work/scratch/config/inputs \
#     /work/.mirror/bridgecrewio+terragoat/repo /work/.mirror/madhuakula+kubernetes-goat/repo \
#     /work/.mirror/bridgecrewio+cfngoat/repo /work/.mirror/step-security+github-actions-goat/repo
# Binary and media files are left out (some are stored as large objects that are absent).
set -eu
dest="$1"; shift
mkdir -p "$dest"
for gitdir in "$@"; do
    name=$(basename "$(dirname "$gitdir")"); name=${name#*+}
    rm -rf "$dest/$name"; mkdir -p "$dest/$name"
    git --git-dir="$gitdir" ls-tree -r HEAD --name-only \
      | grep -vE '\.(tar\.gz|tgz|png|jpe?g|gif|mp4|zip|gz|svg|ico|woff2?|ttf|pdf|jar)$' \
      | while IFS= read -r f; do
            mkdir -p "$dest/$name/$(dirname "$f")"
            git --git-dir="$gitdir" show "HEAD:$f" > "$dest/$name/$f" 2>/dev/null || rm -f "$dest/$name/$f"
        done
    echo "$name: $(find "$dest/$name" -type f | wc -l) files"
done
