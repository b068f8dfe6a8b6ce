//! `vibeguard init`.

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct InitArgs {}

pub fn run(_args: InitArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`vibeguard init` is not implemented yet")
}
