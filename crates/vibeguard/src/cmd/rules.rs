//! `vibeguard rules`: every rule of every analyzer and of the agent gate.

use crate::analyzers::load_policy;
use crate::cmd::scan::write_stdout;
use serde::Serialize;
use std::fmt::Write;
use std::path::Path;
use std::process::ExitCode;
use vibeguard_core::RuleInfo;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: RulesFormat,
}

/// The rule catalogue, including custom secret rules from ./vibeguard.toml.
pub fn catalogue() -> anyhow::Result<Vec<RuleInfo>> {
    catalogue_in(Path::new("."))
}

/// The rule catalogue with the custom secret rules of `dir`'s vibeguard.toml.
pub fn catalogue_in(dir: &Path) -> anyhow::Result<Vec<RuleInfo>> {
    crate::analyzers::catalogue(&load_policy(dir)?)
}

#[derive(Serialize)]
struct JsonRule<'a> {
    id: &'a str,
    title: &'a str,
    severity: &'static str,
    confidence: &'static str,
    cwe: Vec<String>,
    tags: &'a [String],
    message: &'a str,
}

pub fn run(args: RulesArgs) -> anyhow::Result<ExitCode> {
    let rules = catalogue()?;
    let out = match args.format {
        RulesFormat::Json => {
            let list: Vec<JsonRule<'_>> = rules
                .iter()
                .map(|r| JsonRule {
                    id: &r.id,
                    title: &r.title,
                    severity: r.severity.as_str(),
                    confidence: r.confidence.as_str(),
                    cwe: r.cwe.iter().map(|c| format!("CWE-{c}")).collect(),
                    tags: &r.tags,
                    message: &r.message,
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&list)?;
            s.push('\n');
            s
        }
        RulesFormat::Text => {
            let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
            let mut s = String::new();
            let _ = writeln!(
                s,
                "{:<width$}  {:<8}  {:<10}  TITLE",
                "ID", "SEVERITY", "CONFIDENCE"
            );
            for r in &rules {
                let _ = writeln!(
                    s,
                    "{:<width$}  {:<8}  {:<10}  {}",
                    r.id,
                    r.severity.as_str(),
                    r.confidence.as_str(),
                    r.title
                );
            }
            let _ = writeln!(s, "{} rules", rules.len());
            s
        }
    };
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}
