use super::{Meta, deps_rule};
use vibeguard_core::{Confidence, Severity};

deps_rule! {
    /// ## What it does
    /// Reports a package (or a version of it) that an advisory database lists as
    /// malicious: OpenSSF malicious-packages records (`MAL-` ids) and records that the
    /// source itself marks as malicious, as RustSec does. Always critical.
    ///
    /// ## Why is this bad?
    /// Malicious packages run code at install or import time: they steal credentials,
    /// tokens and wallets, or open a backdoor (CWE-506). Installing one compromises the
    /// machine and everything it can reach.
    ///
    /// ## Example
    /// ```text
    /// pip install colourama
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// pip install colorama
    /// ```
    Malicious
}

pub static META: Meta = Meta {
    id: "deps/malicious",
    title: "Known malicious package",
    cwe: &[506],
    severity: Severity::Critical,
    confidence: Confidence::High,
    message: "this package is listed as malicious",
};
