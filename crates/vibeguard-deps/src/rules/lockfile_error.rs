use super::{Meta, deps_rule};
use vibeguard_core::{Confidence, Severity};

deps_rule! {
    /// ## What it does
    /// Reports a lockfile or manifest that could not be read as its format, with the
    /// line where reading stopped. Its packages are not audited; the rest of the scan
    /// goes on.
    ///
    /// ## Why is this bad?
    /// A broken lockfile hides its dependencies from the audit, and package managers may
    /// resolve something else than what was reviewed.
    ///
    /// ## Example
    /// ```text
    /// {"packages": {"node_modules/x": }
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Regenerate the lockfile with the package manager (npm install, cargo generate-lockfile, ...).
    /// ```
    LockfileError
}

pub static META: Meta = Meta {
    id: "deps/lockfile-error",
    title: "Unreadable lockfile",
    cwe: &[],
    severity: Severity::Info,
    confidence: Confidence::High,
    message: "this dependency file could not be read",
};
