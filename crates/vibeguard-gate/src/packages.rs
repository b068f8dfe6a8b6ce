//! Package checks in the gate: the packages an install command names, or that an edit
//! adds to a manifest, go to the [`PackageChecker`] the binary supplies (the gate does
//! not know registries or advisories). Its issues become findings with their own rule
//! ids; a package it could not judge in time gets the policy's `unknown_package`
//! decision (by default ask in standard, deny in strict): unknown is never "safe".

use crate::action::{Decision, GateFinding, Tier};
use crate::policy::Profile;
use std::time::Instant;
use vibeguard_core::{PackageChecker, PackageRequest, UnknownPackage};

/// Builds the package checker; called at most once per evaluation and only when a
/// command installs packages or an edit touches a manifest.
pub type PackageCheckerFactory<'a> = &'a dyn Fn() -> Option<Box<dyn PackageChecker>>;

/// Findings (with a forced decision where the policy dictates one) for requests.
pub fn judge(
    checker: &dyn PackageChecker,
    requests: &[PackageRequest],
    profile: Profile,
) -> Vec<(GateFinding, Option<Decision>)> {
    if requests.is_empty() {
        return Vec::new();
    }
    let deadline = Instant::now() + checker.deadline();
    let unknown = match checker.unknown_package() {
        Some(UnknownPackage::Allow) => Decision::Allow,
        Some(UnknownPackage::Ask) => Decision::Ask,
        Some(UnknownPackage::Deny) => Decision::Deny,
        None => profile.fail_closed(),
    };
    let mut out = Vec::new();
    for v in checker.check(requests, deadline) {
        for issue in v.issues {
            out.push((
                GateFinding {
                    rule_id: issue.rule_id,
                    tier: issue.tier,
                    reason: issue.message,
                    hint: issue.hint,
                },
                None,
            ));
        }
        if let Some(why) = v.unknown {
            out.push((
                GateFinding {
                    rule_id: "deps/unverified-package".to_string(),
                    tier: Tier::Medium,
                    reason: format!("`{}` could not be verified before installing ({why})", v.request.name),
                    hint: Some("check that the package exists and is the one you mean, then ask the user to run the install".to_string()),
                },
                Some(unknown),
            ));
        }
    }
    out
}

/// Manifests whose dependency additions the gate checks (cheap name test before the
/// checker is built).
pub fn is_manifest_name(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    matches!(
        name,
        "package.json"
            | "pyproject.toml"
            | "Cargo.toml"
            | "go.mod"
            | "Gemfile"
            | "gems.rb"
            | "composer.json"
    ) || (name.ends_with(".txt")
        && (name.starts_with("requirements") || name.contains("requirements")))
}
