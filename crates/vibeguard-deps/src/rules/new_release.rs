use super::{Meta, deps_rule};
use vibeguard_core::{Confidence, Severity};

deps_rule! {
    /// ## What it does
    /// Reports a package version published less than `[deps] new_release_days` days
    /// ago (default 2), or a package that is itself that young, as the registry says.
    /// The gate asks before installing it.
    ///
    /// ## Why is this bad?
    /// Compromised releases of real packages and brand-new malicious packages are
    /// usually found and pulled within days; waiting that long avoids most of them
    /// (CWE-1357).
    ///
    /// ## Example
    /// ```text
    /// npm install some-lib@9.9.9   # published an hour ago
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// npm install some-lib@9.9.8   # the previous, established release
    /// ```
    NewRelease
}

pub static META: Meta = Meta {
    id: "deps/new-release",
    title: "Brand-new release",
    cwe: &[1357],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "this release is only hours or days old",
};
