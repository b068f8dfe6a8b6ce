//! `vibeguard hook`.

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct HookArgs {}

pub fn run(_args: HookArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`vibeguard hook` is not implemented yet")
}
