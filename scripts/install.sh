#!/usr/bin/env sh
# Build vibeguard and install it where agents' hooks find it: cargo's bin directory
# (usually ~/.cargo/bin, which must be on PATH).
#
# Agents start `vibeguard hook <agent>` as a new process on every tool call, so process
# start-up is a large part of the gate's latency. On Linux with glibc this script links a
# static PIE: no dynamic loader, no shared libraries to map and bind, and address-space
# randomisation kept. With glibc 2.36 or later the relocations are also packed (RELR),
# so the start-up code reads a 8 KiB table instead of a 700 KiB one. The `dist` profile
# (whole-program LTO, one code unit; a few minutes to build) also folds duplicate
# constant tables. Together about 1.5 ms less per hook call than `cargo build --release`
# (BENCHMARKS.md). Elsewhere, or when the C library's static archive (libc.a; Fedora:
# glibc-static) is missing, it installs the dynamically linked `dist` build.
#
# Usage:
#   scripts/install.sh [cargo install options, e.g. --root DIR]
#   scripts/install.sh --build-only    build into target/ and print the binary's path
set -eu
cd "$(dirname "$0")/.."

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

# glibc's static start-up code understands packed relocations from 2.36 on; an older
# one would start a binary with unrelocated pointers, so RELR is only used when the
# installed glibc is new enough (and the built binary is run once to make sure).
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
build_static() {
    cargo build --profile dist --locked -p vibeguard --target "$host" --config "$(flags)" >&2
    if ! "target/$host/dist/vibeguard" --version >/dev/null 2>&1 && [ "$relr" = yes ]; then
        echo "install.sh: the RELR build does not start here; building without it" >&2
        relr=no
        cargo build --profile dist --locked -p vibeguard --target "$host" --config "$(flags)" >&2
    fi
    "target/$host/dist/vibeguard" --version >/dev/null
}

if [ "$static" = yes ]; then
    build_static
    if [ "${1:-}" = --build-only ]; then
        echo "target/$host/dist/vibeguard"
    else
        cargo install --locked --profile dist --path crates/vibeguard --target "$host" --config "$(flags)" "$@"
    fi
elif [ "${1:-}" = --build-only ]; then
    cargo build --profile dist --locked -p vibeguard >&2
    echo "target/dist/vibeguard"
else
    cargo install --locked --profile dist --path crates/vibeguard "$@"
fi
