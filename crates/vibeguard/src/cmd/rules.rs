//! `vibeguard rules`.

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct RulesArgs {}

pub fn run(_args: RulesArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`vibeguard rules` is not implemented yet")
}
