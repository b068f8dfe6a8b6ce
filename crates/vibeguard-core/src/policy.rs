//! `vibeguard.toml`: one policy file for the scanner and the gate.
//!
//! Each room owns its section; unknown keys are rejected so a typo is an error, not a
//! silently ignored setting.

use crate::severity::Severity;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    #[serde(default)]
    pub scan: ScanPolicy,
    #[serde(default)]
    pub secrets: SecretsPolicy,
    /// The agent gate's section; parsed by vibeguard-gate (kept as raw TOML here so the
    /// core does not depend on the gate's types).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<toml::Table>,
    /// Which coding agents `vibeguard init` installed hooks for, so that
    /// `vibeguard init --check` (in CI, where no local state exists) knows what to verify.
    #[serde(default)]
    pub agents: AgentsPolicy,
    /// Dependency checks: advisories, registries, look-alike names.
    #[serde(default)]
    pub deps: DepsPolicy,
}

/// The `[deps]` section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepsPolicy {
    /// Never contact a registry: answer from the cache and the shipped lists only
    /// (unknown stays unknown).
    #[serde(default)]
    pub offline: bool,
    /// What the gate does with a package it could not judge in time: `allow`, `ask` or
    /// `deny` (default: ask in the standard profile, deny in strict).
    #[serde(default)]
    pub unknown_package: Option<crate::package::UnknownPackage>,
    /// Time one gate check may spend on registry look-ups (default 800).
    #[serde(default)]
    pub deadline_ms: Option<u64>,
    /// A release younger than this many days is `deps/new-release` (default 2).
    #[serde(default)]
    pub new_release_days: Option<u32>,
    /// Scans warn when the advisory store is older than this many days (default 7).
    #[serde(default)]
    pub max_db_age_days: Option<u32>,
    /// Advisory ids (or any alias) accepted for this project.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Package names that are known to be fine here (private packages, internal
    /// registries): never reported as non-existent or look-alike.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Registry base URLs by ecosystem (`PyPI`, `npm`, `crates.io`, `Go`, `RubyGems`,
    /// `Packagist`) for mirrors and private registries.
    #[serde(default)]
    pub registries: std::collections::BTreeMap<String, String>,
}

/// The `[agents]` section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentsPolicy {
    /// Agent names: `claude`, `cursor`, `codex`, `gemini`, `copilot`, `windsurf`.
    #[serde(default)]
    pub enabled: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanPolicy {
    /// Glob patterns excluded from every scan, on top of .gitignore and .vibeguardignore.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Default `--fail-on` threshold.
    #[serde(default)]
    pub fail_on: Option<Severity>,
    /// Rule ids switched off everywhere.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Largest file scanned, in bytes.
    #[serde(default)]
    pub max_file_size: Option<u64>,
}

/// A user-defined secret rule in `[[secrets.rules]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomSecretRule {
    /// Slug; the rule id becomes `secrets/<id>` unless it already has a domain.
    pub id: String,
    pub description: String,
    /// Regex; capture group 1 (or the group named `secret`) is the secret.
    pub regex: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub entropy: Option<f32>,
    #[serde(default)]
    pub severity: Option<Severity>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretsPolicy {
    /// Built-in secret rule ids to switch off.
    #[serde(default)]
    pub disable: Vec<String>,
    #[serde(default)]
    pub rules: Vec<CustomSecretRule>,
    /// Values (exact strings) that are known not to be secrets in this project.
    #[serde(default)]
    pub allow_values: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("invalid {path}: {message}")]
    Parse { path: String, message: String },
}

impl Policy {
    /// The file name looked up in the scan root.
    pub const FILE_NAME: &'static str = "vibeguard.toml";

    pub fn from_toml(text: &str, path: &str) -> Result<Policy, PolicyError> {
        toml::from_str(text).map_err(|e| PolicyError::Parse {
            path: path.to_string(),
            message: e.to_string(),
        })
    }

    /// Load `vibeguard.toml` from `dir` if it exists; the default policy otherwise.
    pub fn load_from_dir(dir: &Path) -> Result<Policy, PolicyError> {
        let path = dir.join(Self::FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::from_toml(&text, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Policy::default()),
            Err(e) => Err(PolicyError::Read {
                path: path.display().to_string(),
                source: e,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections_and_rejects_typos() {
        let p = Policy::from_toml(
            r#"
[scan]
exclude = ["vendor/**"]
fail_on = "high"
[secrets]
disable = ["secrets/generic-password"]
[[secrets.rules]]
id = "acme-token"
description = "ACME internal token"
regex = "acme_([a-z0-9]{32})"
keywords = ["acme_"]
[gate]
profile = "strict"
[agents]
enabled = ["claude", "cursor"]
[deps]
unknown_package = "deny"
ignore = ["GHSA-xxxx-yyyy-zzzz"]
"#,
            "vibeguard.toml",
        )
        .unwrap();
        assert_eq!(p.scan.fail_on, Some(Severity::High));
        assert_eq!(p.secrets.rules[0].id, "acme-token");
        assert!(p.gate.is_some());
        assert_eq!(p.agents.enabled, vec!["claude", "cursor"]);
        assert_eq!(
            p.deps.unknown_package,
            Some(crate::package::UnknownPackage::Deny)
        );
        assert!(Policy::from_toml("[deps]\nunknown_package = \"maybe\"\n", "x").is_err());
        assert!(Policy::from_toml("[scan]\nexlude = []\n", "x").is_err());
    }
}
