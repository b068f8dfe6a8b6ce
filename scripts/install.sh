#!/usr/bin/env sh
# Build vibeguard and install it where agents' hooks find it: cargo's bin directory
# (usually ~/.cargo/bin, which must be on PATH), or DIR/bin with --root DIR.
#
# Agents start `vibeguard hook <agent>` as a new process on every tool call, so process
# start-up is a large part of the gate's latency. On Linux with glibc this script builds
# the `dist` profile (whole-program LTO, one code unit; a few minutes) as a static PIE:
# - no dynamic loader and no shared libraries to map and bind; address-space
#   randomisation kept;
# - packed relocations (RELR) when glibc is 2.36 or later, so start-up reads an 8 KiB
#   table instead of a 700 KiB one (checked by running the result once);
# - the functions a hook call runs (scripts/hook-symbols.txt, made by
#   bench/gate/symbol_order.py) laid out next to each other, so start-up faults in far
#   fewer pages of code. This relinks once (about a minute); if the linker is not lld
#   or nm is missing, the binary keeps the default layout.
# Together about 1 ms less per hook call than `cargo build --release` (BENCHMARKS.md).
# Elsewhere, or when the C library's static archive (libc.a; Fedora: glibc-static) is
# missing, it runs `cargo install --profile dist` for the dynamically linked build.
#
# Usage:
#   scripts/install.sh [--root DIR]
#   scripts/install.sh --build-only    build (into CARGO_TARGET_DIR or target/) and print
#                                      the binary's path
#   scripts/install.sh --artifact-path <cargo-messages.json
#                                      print the vibeguard binary a build reported (how
#                                      this script finds it; used by the tests)
set -eu
cd "$(dirname "$0")/.."

# The vibeguard executable named in cargo's JSON messages (--message-format=json) on
# stdin: the binary is wherever cargo put it (CARGO_TARGET_DIR, build.target-dir, ...),
# so the script asks instead of assuming target/.
artifact_path() {
    grep '"reason":"compiler-artifact"' |
        grep '"kind":\["bin"\]' |
        grep '"name":"vibeguard"' |
        sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' |
        tail -n 1
}

# cargo build|rustc ARGS...: build, then set $bin to the binary cargo reports.
build() {
    messages=$(mktemp)
    if ! cargo "$@" --message-format=json-render-diagnostics >"$messages"; then
        rm -f "$messages"
        exit 1
    fi
    bin=$(artifact_path <"$messages")
    rm -f "$messages"
    if [ -z "$bin" ] || [ ! -x "$bin" ]; then
        echo "install.sh: cargo reported no vibeguard executable for: cargo $*" >&2
        exit 1
    fi
}

build_only=no
root="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}"
while [ $# -gt 0 ]; do
    case "$1" in
    --build-only) build_only=yes ;;
    --artifact-path) artifact_path; exit 0 ;;
    --root) root="$2"; shift ;;
    --root=*) root="${1#--root=}" ;;
    *) echo "install.sh: unknown option $1 (use --root DIR or --build-only)" >&2; exit 2 ;;
    esac
    shift
done

host=$(rustc -vV | sed -n 's/^host: //p')
static=no
case "$host" in
*-linux-gnu*)
    if [ "$(cc -print-file-name=libc.a 2>/dev/null)" != "libc.a" ]; then
        static=yes
    else
        echo "install.sh: libc.a not found; building the dynamically linked binary" >&2
    fi
    ;;
esac

if [ "$static" = no ]; then
    if [ "$build_only" = yes ]; then
        build build --profile dist --locked -p vibeguard
        echo "$bin"
    else
        cargo install --locked --profile dist --path crates/vibeguard --root "$root"
    fi
    exit 0
fi

# glibc's static start-up code understands packed relocations from 2.36 on; an older one
# would start a binary with unrelocated pointers.
relr=no
glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null | sed -n 's/^glibc //p')
case "$glibc" in
2.3[6-9]* | 2.[4-9][0-9]* | [3-9].*) relr=yes ;;
esac

flags() {
    if [ "$relr" = yes ]; then
        echo "target.$host.rustflags = [\"-C\", \"target-feature=+crt-static\", \"-C\", \"link-arg=-Wl,-z,pack-relative-relocs\"]"
    else
        echo "target.$host.rustflags = [\"-C\", \"target-feature=+crt-static\"]"
    fi
}

# --target keeps the static flags away from build scripts and proc-macros: those are
# compiled for the host as shared objects and cannot be static.
build build --profile dist --locked -p vibeguard --target "$host" --config "$(flags)"
if ! "$bin" --version >/dev/null 2>&1; then
    if [ "$relr" = yes ]; then
        echo "install.sh: $bin (static, packed relocations) does not start here; building without packed relocations" >&2
        relr=no
        build build --profile dist --locked -p vibeguard --target "$host" --config "$(flags)"
    fi
    if ! "$bin" --version >/dev/null 2>&1; then
        echo "install.sh: the static build $bin does not start here; run \`cargo install --locked --profile dist --path crates/vibeguard\` for the dynamically linked one" >&2
        exit 1
    fi
fi

# Map the hash-free names of the hook's functions to this build's symbols (`nm -p` and
# `nm -p -C` list the same symbols in the same order), then relink in that order.
order="$(dirname "$bin")/hook-order.txt"
if command -v nm >/dev/null 2>&1 && [ -f scripts/hook-symbols.txt ]; then
    nm -p "$bin" >"$order.raw"
    nm -p -C "$bin" >"$order.dem"
    paste -d '\t' "$order.raw" "$order.dem" | awk -F '\t' '
        FNR == NR { if ($0 !~ /^#/) want[$0] = 1; next }
        {
            m = $1; d = $2
            sub(/^[^ ]* [^ ]* /, "", m); sub(/^[^ ]* [^ ]* /, "", d)
            if (d in want) print m
        }' scripts/hook-symbols.txt - >"$order"
    rm -f "$order.raw" "$order.dem"
    # Cargo relinks only when the arguments change, so the file's name carries a checksum
    # of its content: a re-made scripts/hook-symbols.txt (or a changed build) takes effect
    # on the next install instead of leaving the previous layout in place.
    sum=$(cksum <"$order" | cut -d' ' -f1)
    mv -f "$order" "$(dirname "$bin")/hook-order-$sum.txt"
    order="$(dirname "$bin")/hook-order-$sum.txt"
    if cargo rustc --profile dist --locked -p vibeguard --bin vibeguard --target "$host" \
        --config "$(flags)" -- \
        -C "link-arg=-Wl,--symbol-ordering-file=$order" \
        -C link-arg=-Wl,--no-warn-symbol-ordering >&2 &&
        "$bin" --version >/dev/null 2>&1; then
        echo "install.sh: $(wc -l <"$order") hook functions laid out together" >&2
    else
        echo "install.sh: relinking with the hook's functions together failed (the linker may not be lld); keeping the default layout" >&2
        build build --profile dist --locked -p vibeguard --target "$host" --config "$(flags)"
    fi
fi

if [ "$build_only" = yes ]; then
    echo "$bin"
else
    mkdir -p "$root/bin"
    # Copy then rename, so a hook running the old binary right now is not disturbed.
    cp "$bin" "$root/bin/.vibeguard.new"
    mv -f "$root/bin/.vibeguard.new" "$root/bin/vibeguard"
    echo "installed $root/bin/vibeguard"
fi
