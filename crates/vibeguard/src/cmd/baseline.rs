//! `vibeguard baseline`.

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct BaselineArgs {}

pub fn run(_args: BaselineArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`vibeguard baseline` is not implemented yet")
}
