//! `vibeguard log`.

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct LogArgs {}

pub fn run(_args: LogArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`vibeguard log` is not implemented yet")
}
