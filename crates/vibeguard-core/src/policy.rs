//! `vibeguard.toml`: one policy file for the scanner and the gate.
//!
//! Each room owns its section; unknown keys are rejected so a typo is an error, not a
//! silently ignored setting.
//!
//! Adding a section: add one field to [`Policy`] whose type is a struct with
//! `#[serde(deny_unknown_fields)]` (unknown keys then fail with a did-you-mean, see
//! [`crate::suggest::with_serde_suggestion`]). A key that names rules (a `disable` list)
//! must also be listed in [`Policy::rule_refs`], so that an id which matches no rule is an
//! error instead of a setting that silently does nothing.

use crate::rule::RuleInfo;
use crate::severity::Severity;
use crate::suggest;
use crate::wildcard::wildcard_match;
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
    /// Whose input the code analyzer treats as untrusted (`remote`, the default, or
    /// `local`); `vibeguard scan --threat-model` overrides it.
    #[serde(default)]
    pub threat_model: Option<ThreatModel>,
}

/// Which inputs count as an attacker's (the `[scan] threat_model` key).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThreatModel {
    /// Input from other machines: requests, browser input, network reads. Command-line
    /// arguments and standard input only reach the injection sinks.
    #[default]
    Remote,
    /// Also whoever controls the machine the program runs on: environment variables,
    /// system properties, configuration and data files, database rows, the console and
    /// command-line arguments, at every sink request input reaches.
    Local,
}

impl std::str::FromStr for ThreatModel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "remote" => Ok(ThreatModel::Remote),
            "local" => Ok(ThreatModel::Local),
            _ => Err(format!(
                "unknown threat model `{s}` (expected `remote` or `local`)"
            )),
        }
    }
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

/// One place where the policy names a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRef {
    /// The key, as the user sees it (`[scan] disable`).
    pub key: &'static str,
    /// The id as written.
    pub written: String,
    /// The full id (`secrets/` added where the key allows leaving it out).
    pub id: String,
    /// Whether `*` patterns (`secrets/*`) are allowed at this key.
    pub patterns: bool,
}

impl RuleRef {
    fn new(key: &'static str, written: &str, id: &str, patterns: bool) -> RuleRef {
        RuleRef {
            key,
            written: written.to_string(),
            id: id.to_string(),
            patterns,
        }
    }

    /// Why this reference is wrong, or `None` when it names a rule (or a pattern that
    /// matches one).
    fn problem(&self, ids: &[&str]) -> Option<String> {
        let written = &self.written;
        if self.id.contains('*') {
            if !self.patterns {
                return Some(format!(
                    "{}: `{written}` is a pattern; this key takes rule ids (see `vibeguard rules`)",
                    self.key
                ));
            }
            if ids.iter().any(|id| wildcard_match(&self.id, id)) {
                return None;
            }
            let domains = domains(ids);
            let close = suggest::closest(&self.id, domains.iter().map(String::as_str), 3);
            return Some(format!(
                "{}: `{written}` matches no rule{}",
                self.key,
                suggest::did_you_mean(&close)
            ));
        }
        if ids.contains(&self.id.as_str()) {
            return None;
        }
        let close = suggest::closest(&self.id, ids.iter().copied(), 3);
        let hint = if close.is_empty() {
            " (see `vibeguard rules`)".to_string()
        } else {
            suggest::did_you_mean(&close)
        };
        Some(format!("{}: unknown rule id `{written}`{hint}", self.key))
    }
}

/// `domain/*` for every domain in the catalogue, for suggestions.
fn domains(ids: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = ids
        .iter()
        .filter_map(|id| id.split_once('/'))
        .map(|(d, _)| format!("{d}/*"))
        .collect();
    out.sort();
    out.dedup();
    out
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

    /// Parse the file; an unknown key or value names the closest known one.
    pub fn from_toml(text: &str, path: &str) -> Result<Policy, PolicyError> {
        toml::from_str(text).map_err(|e| PolicyError::Parse {
            path: path.to_string(),
            message: suggest::with_serde_suggestion(&e.to_string()),
        })
    }

    /// Every rule id (or `domain/*` pattern) this policy names, with the key naming it.
    /// Ids in `[secrets] disable` may omit the `secrets/` prefix; they are given here in
    /// full.
    pub fn rule_refs(&self) -> Vec<RuleRef> {
        let mut out = Vec::new();
        for id in &self.scan.disable {
            out.push(RuleRef::new("[scan] disable", id, id, false));
        }
        for id in &self.secrets.disable {
            let full = if id.contains('/') {
                id.clone()
            } else {
                format!("secrets/{id}")
            };
            out.push(RuleRef::new("[secrets] disable", id, &full, false));
        }
        // The gate parses its own section (vibeguard-gate); the rule keys are read here
        // so that every rule reference is checked in one place.
        if let Some(toml::Value::Table(rules)) = self.gate.as_ref().and_then(|g| g.get("rules")) {
            for id in rules.keys() {
                out.push(RuleRef::new("[gate.rules]", id, id, true));
            }
        }
        out
    }

    /// Check every id in [`Policy::rule_refs`] against `catalogue` (every rule that can
    /// fire, disabled ones included). A `domain/*` pattern, where allowed, must match at
    /// least one rule. The error lists every unknown id with the closest known ids.
    pub fn check_rule_ids(&self, catalogue: &[RuleInfo]) -> Result<(), String> {
        let ids: Vec<&str> = catalogue.iter().map(|r| r.id.as_str()).collect();
        self.check_rule_id_list(&ids)
    }

    /// [`Policy::check_rule_ids`] against a list of ids (cheaper when the ids are at hand
    /// without the rules' documentation, as in the hook).
    pub fn check_rule_id_list(&self, ids: &[&str]) -> Result<(), String> {
        let mut problems = Vec::new();
        for r in self.rule_refs() {
            if let Some(problem) = r.problem(ids) {
                problems.push(problem);
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n  "))
        }
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

    #[test]
    fn threat_model_is_remote_unless_set_and_rejects_other_words() {
        assert_eq!(Policy::default().scan.threat_model, None);
        let p = Policy::from_toml("[scan]\nthreat_model = \"local\"\n", "x").unwrap();
        assert_eq!(p.scan.threat_model, Some(ThreatModel::Local));
        let e = Policy::from_toml("[scan]\nthreat_model = \"lokal\"\n", "vibeguard.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("local"), "{e}");
        assert_eq!("Remote".parse::<ThreatModel>(), Ok(ThreatModel::Remote));
        assert!(
            "intranet"
                .parse::<ThreatModel>()
                .unwrap_err()
                .contains("expected")
        );
    }

    #[test]
    fn unknown_keys_and_values_name_the_closest_known_one() {
        let e = Policy::from_toml("[scan]\nexlude = []\n", "vibeguard.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("did you mean `exclude`?"), "{e}");
        let e = Policy::from_toml("[secret]\ndisable = []\n", "vibeguard.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("did you mean `secrets`?"), "{e}");
        let e = Policy::from_toml("[scan]\nfail_on = \"hihg\"\n", "vibeguard.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("did you mean `high`?"), "{e}");
    }

    fn catalogue(ids: &[&str]) -> Vec<RuleInfo> {
        ids.iter()
            .map(|id| RuleInfo {
                id: id.to_string(),
                title: String::new(),
                cwe: Vec::new(),
                severity: Severity::High,
                confidence: crate::Confidence::High,
                message: String::new(),
                doc: Default::default(),
                tags: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn rule_ids_are_checked_against_the_catalogue() {
        let known = catalogue(&[
            "secrets/aws-access-key-id",
            "secrets/generic-password",
            "gate/git-force-push",
            "python/sql-injection",
        ]);
        let ok = Policy::from_toml(
            r#"
[scan]
disable = ["python/sql-injection"]
[secrets]
disable = ["generic-password", "secrets/aws-access-key-id"]
[gate.rules]
"gate/git-force-push" = "ask"
"secrets/*" = "deny"
"#,
            "x",
        )
        .unwrap();
        assert_eq!(ok.check_rule_ids(&known), Ok(()));

        let bad = Policy::from_toml(
            r#"
[scan]
disable = ["secret/aws-access-key-id", "python/*"]
[secrets]
disable = ["generic-pasword"]
[gate.rules]
"gate/git-force-pus" = "ask"
"secret/*" = "deny"
"nothing/here" = "deny"
"#,
            "x",
        )
        .unwrap();
        let e = bad.check_rule_ids(&known).unwrap_err();
        for expected in [
            "[scan] disable: unknown rule id `secret/aws-access-key-id`; did you mean `secrets/aws-access-key-id`?",
            "[scan] disable: `python/*` is a pattern; this key takes rule ids",
            "[secrets] disable: unknown rule id `generic-pasword`; did you mean `secrets/generic-password`?",
            "[gate.rules]: unknown rule id `gate/git-force-pus`; did you mean `gate/git-force-push`?",
            "[gate.rules]: `secret/*` matches no rule; did you mean `secrets/*`?",
            "[gate.rules]: unknown rule id `nothing/here` (see `vibeguard rules`)",
        ] {
            assert!(e.contains(expected), "missing {expected:?} in:\n{e}");
        }
    }
}
