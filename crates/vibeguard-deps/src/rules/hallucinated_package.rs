use super::{Meta, deps_rule};
use vibeguard_core::{Confidence, Severity};

deps_rule! {
    /// ## What it does
    /// Reports a dependency whose name does not exist in its registry (PyPI, npm,
    /// crates.io, the Go module proxy, RubyGems, Packagist), as the registry answers for
    /// it. Offline, an unknown name stays unknown and is not reported.
    ///
    /// ## Why is this bad?
    /// Language models invent plausible package names (about one in five recommended
    /// packages in published studies), and repeat the same invented names. Attackers
    /// register those names with malicious code ("slopsquatting"); the next install of
    /// the invented name runs it (CWE-1357).
    ///
    /// ## Example
    /// ```text
    /// npm install react-codeshift
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// npm install jscodeshift
    /// ```
    HallucinatedPackage
}

pub static META: Meta = Meta {
    id: "deps/hallucinated-package",
    title: "Package that does not exist",
    cwe: &[1357],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "this package does not exist in its registry",
};
