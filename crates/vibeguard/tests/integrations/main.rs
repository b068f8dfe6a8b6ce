//! The integrations, each driven by the real client it is for: the pre-commit framework,
//! zizmor and actionlint on the GitHub Action, headless Chromium on the HTML report,
//! Neovim's LSP client on `vibeguard lsp`, the official MCP Python SDK on `vibeguard mcp`.
//! One test binary (one link of the CLI) for all of them.
//!
//! The clients are installed by `scripts/ci-tools.sh` (which `.ci/run` calls) into
//! `$VIBEGUARD_TOOLS` (default `~/.cache/vibeguard-ci-tools`); a missing client fails its
//! test with the command that installs it.

mod support;

mod action;
mod git_hook;
mod html;
mod lsp;
mod mcp;
mod precommit;
