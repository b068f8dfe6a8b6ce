use super::{Meta, deps_rule};
use vibeguard_core::{Confidence, Severity};

deps_rule! {
    /// ## What it does
    /// Reports a pinned dependency version that a published advisory (OSV, GitHub,
    /// PyPA, RustSec, Go, RubySec, FriendsOfPHP) lists as affected, with the advisory ids
    /// (aliases merged: one vulnerability is one finding), its severity computed from
    /// the CVSS vector, and the smallest version that fixes every advisory for the
    /// package.
    ///
    /// ## Why is this bad?
    /// Known vulnerabilities in dependencies are exploited with public proof-of-concept
    /// code, often within days of disclosure (CWE-1395). Agents copy old version pins
    /// from training data.
    ///
    /// ## Example
    /// ```text
    /// # requirements.txt
    /// django==3.2.10
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// django==3.2.14
    /// ```
    Vulnerable
}

pub static META: Meta = Meta {
    id: "deps/vulnerable",
    title: "Dependency with a known vulnerability",
    cwe: &[1395],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "this version of the package has a published vulnerability",
};
