//! The package check the agent gate asks before an install runs or a manifest gains a
//! dependency.
//!
//! The gate knows commands and edits; the dependency analyzer knows ecosystems,
//! registries and advisories. This trait is the narrow door between them, so the gate
//! crate never depends on an analyzer crate: the binary builds the checker from the
//! policy and hands it to the gate, the way it hands over the content analyzers.

use crate::gate::Tier;
use crate::severity::Severity;
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

/// One package someone is about to add.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PackageRequest {
    /// OSV ecosystem name: `PyPI`, `npm`, `crates.io`, `Go`, `RubyGems`, `Packagist`.
    pub ecosystem: String,
    /// The name as typed (the checker normalises it the way the ecosystem does).
    pub name: String,
    /// An exact version when one was given (`requests==2.19.0`, `lodash@4.17.20`).
    pub version: Option<String>,
    /// Where the request came from, for messages (`pip install`, `package.json`).
    pub source: String,
}

/// One reason not to add a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageIssue {
    /// `deps/hallucinated-package`, `deps/typosquat`, `deps/malicious`,
    /// `deps/vulnerable` or `deps/new-release`.
    pub rule_id: String,
    pub severity: Severity,
    /// Risk for the gate: high is denied, medium asked (in the standard profile).
    pub tier: Tier,
    /// Why, in words the agent can act on.
    pub message: String,
    /// What to do instead (the likely intended name, the fixed version).
    pub hint: Option<String>,
    /// The advisories behind the issue (OSV id first, then its aliases: CVE, GHSA, ...),
    /// for `deps/vulnerable` and `deps/malicious`; empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub advisories: Vec<String>,
    /// The smallest version that resolves every known advisory for the package, when one
    /// is published (`deps/vulnerable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_version: Option<String>,
}

/// The checker's answer for one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageVerdict {
    pub request: PackageRequest,
    pub issues: Vec<PackageIssue>,
    /// `Some(why)` when the package could not be judged (registry unreachable, deadline
    /// passed, offline with nothing cached). Unknown is never "safe": the policy's
    /// `unknown_package` decision applies.
    pub unknown: Option<String>,
}

/// What the gate does with a package it could not judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnknownPackage {
    Allow,
    Ask,
    Deny,
}

/// Judges packages for the gate. Implementations answer from local data (popular-name
/// lists, advisory store, cache) in well under a few milliseconds and bound any network
/// look-up by the deadline they are given.
pub trait PackageChecker: Send + Sync {
    /// Requests for the package specs a command names (`manager` as the shell analyzer
    /// reports it: `pip`, `npm`, `cargo`, `go`, `gem`, `composer`, `npx`, ...).
    fn requests_from_command(&self, manager: &str, specs: &[String]) -> Vec<PackageRequest>;
    /// Requests for the dependencies an edit adds to a manifest (or whose version it
    /// changes); empty when `path` is not a manifest this checker reads.
    fn requests_from_manifest(&self, path: &str, before: &str, after: &str) -> Vec<PackageRequest>;
    /// Judge every request before `deadline`; a request not answered in time comes back
    /// with `unknown` set.
    fn check(&self, requests: &[PackageRequest], deadline: Instant) -> Vec<PackageVerdict>;
    /// Time the gate gives one check (`[deps] deadline_ms`, default 800 ms).
    fn deadline(&self) -> Duration {
        Duration::from_millis(800)
    }
    /// The policy's decision for packages that could not be judged; `None` leaves it to
    /// the gate profile (ask in standard, deny in strict).
    fn unknown_package(&self) -> Option<UnknownPackage> {
        None
    }
    /// What this checker could not look at (no advisory store, an unreadable cache), so
    /// a front end does not present "no finding" as "checked and clean".
    fn limitations(&self) -> Vec<String> {
        Vec::new()
    }
}
