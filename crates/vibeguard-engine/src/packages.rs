//! Checking packages someone is about to add, for front ends that are not the gate (the
//! MCP server): the ecosystem's spec syntax is parsed by the dependency checker the
//! binary supplies (a [`PackageChecker`], so the engine still knows no analyzer crate),
//! and each verdict comes back as one word an agent can branch on, with the advisories
//! and the version to use instead.

use serde::Serialize;
use std::time::{Duration, Instant};
use vibeguard_core::{PackageChecker, PackageIssue, PackageVerdict, Tier};

/// The package manager whose spec syntax an ecosystem's names use, from the names people
/// and agents give an ecosystem (`pypi`, `pip`, `npm`, `crates`, `cargo`, `go`, ...).
/// `Err` names the ecosystems that are supported.
pub fn manager_for_ecosystem(ecosystem: &str) -> Result<&'static str, String> {
    let e = ecosystem.trim().to_ascii_lowercase();
    Ok(match e.as_str() {
        "pypi" | "pip" | "python" | "uv" | "poetry" => "pip",
        "npm" | "node" | "javascript" | "js" | "typescript" | "yarn" | "pnpm" | "bun" => "npm",
        "crates" | "crates.io" | "cargo" | "rust" => "cargo",
        "go" | "golang" => "go",
        "rubygems" | "gem" | "ruby" => "gem",
        "packagist" | "composer" | "php" => "composer",
        "maven" | "mvn" | "gradle" | "java" => "maven",
        "nuget" | "dotnet" | ".net" => "nuget",
        _ => {
            return Err(format!(
                "unknown ecosystem `{ecosystem}`; supported: pypi, npm, crates, go, rubygems, packagist, maven, nuget"
            ));
        }
    })
}

/// One reason not to add a package, as the front end shows it.
#[derive(Debug, Clone, Serialize)]
pub struct PackageReason {
    pub rule_id: String,
    pub severity: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub advisories: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_version: Option<String>,
}

/// The answer for one package.
#[derive(Debug, Clone, Serialize)]
pub struct PackageAnswer {
    /// As the spec was given.
    pub package: String,
    /// OSV ecosystem name.
    pub ecosystem: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The worst finding in one word: `malicious`, `does-not-exist`, `look-alike`,
    /// `known-vulnerable`, `new`; `ok` when nothing was found, `unknown` when it could
    /// not be judged (never read as safe).
    pub verdict: &'static str,
    /// What the agent gate would do: `deny`, `ask` or `allow`.
    pub decision: &'static str,
    /// Every advisory id (with aliases) behind the answer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub advisories: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_version: Option<String>,
    pub reasons: Vec<PackageReason>,
    /// Why it could not be judged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
}

/// The one-word verdict for a rule id and its rank (higher is worse).
fn verdict_of(rule_id: &str) -> (&'static str, u8) {
    match rule_id {
        "deps/malicious" => ("malicious", 5),
        "deps/hallucinated-package" => ("does-not-exist", 4),
        "deps/typosquat" => ("look-alike", 3),
        "deps/vulnerable" => ("known-vulnerable", 2),
        "deps/new-release" => ("new", 1),
        _ => ("other", 0),
    }
}

fn reason(i: &PackageIssue) -> PackageReason {
    PackageReason {
        rule_id: i.rule_id.clone(),
        severity: i.severity.to_string(),
        message: i.message.clone(),
        hint: i.hint.clone(),
        advisories: i.advisories.clone(),
        fixed_version: i.fixed_version.clone(),
    }
}

fn answer(spec: &str, v: &PackageVerdict) -> PackageAnswer {
    let worst = v
        .issues
        .iter()
        .map(|i| verdict_of(&i.rule_id))
        .max_by_key(|(_, rank)| *rank);
    let verdict = match (worst, &v.unknown) {
        (Some((word, _)), _) => word,
        (None, Some(_)) => "unknown",
        (None, None) => "ok",
    };
    let tier = v.issues.iter().map(|i| i.tier).max();
    let decision = match tier {
        Some(Tier::High) => "deny",
        Some(Tier::Medium) => "ask",
        _ if v.unknown.is_some() => "ask",
        _ => "allow",
    };
    let mut advisories: Vec<String> = Vec::new();
    for id in v.issues.iter().flat_map(|i| &i.advisories) {
        if !advisories.contains(id) {
            advisories.push(id.clone());
        }
    }
    PackageAnswer {
        package: spec.to_string(),
        ecosystem: v.request.ecosystem.clone(),
        name: v.request.name.clone(),
        version: v.request.version.clone(),
        verdict,
        decision,
        advisories,
        fixed_version: v.issues.iter().find_map(|i| i.fixed_version.clone()),
        reasons: v.issues.iter().map(reason).collect(),
        unknown: v.unknown.clone(),
    }
}

/// Judge `specs` (`requests==2.32.0`, `left-pad@1.3.0`, ...) of one ecosystem with
/// `checker`; registry look-ups end after `timeout`. A spec that is not a registry
/// package (a path, URL or git source) is an error naming it: nothing is judged then.
pub fn check_packages(
    checker: &dyn PackageChecker,
    ecosystem: &str,
    specs: &[String],
    timeout: Duration,
) -> anyhow::Result<Vec<PackageAnswer>> {
    let manager = manager_for_ecosystem(ecosystem).map_err(anyhow::Error::msg)?;
    if specs.is_empty() {
        anyhow::bail!("no packages given");
    }
    let mut requests = Vec::new();
    let mut given = Vec::new();
    for spec in specs {
        let spec = spec.trim();
        let reqs = checker.requests_from_command(manager, &[spec.to_string()]);
        if reqs.is_empty() {
            anyhow::bail!(
                "`{spec}` is not a {ecosystem} package name (a path, URL or git source?)"
            );
        }
        given.extend(std::iter::repeat_n(spec.to_string(), reqs.len()));
        requests.extend(reqs);
    }
    let verdicts = checker.check(&requests, Instant::now() + timeout);
    Ok(given
        .iter()
        .zip(&verdicts)
        .map(|(spec, v)| answer(spec, v))
        .collect())
}
