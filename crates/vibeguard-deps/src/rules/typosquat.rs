use super::{Meta, deps_rule};
use vibeguard_core::{Confidence, Severity};

deps_rule! {
    /// ## What it does
    /// Reports a dependency whose name is one keystroke (an added, dropped, changed or
    /// swapped character), a separator (`-`, `_`, `.`), a look-alike character
    /// (`0`/`o`, `rn`/`m`, Cyrillic letters) or a decoration (`-dev`, `-utils`, `2`,
    /// `py-`) away from a popular package, and is not itself popular. A look-alike that
    /// the registry shows as long established is left alone.
    ///
    /// ## Why is this bad?
    /// Typosquatting packages copy a popular package's name and function and add code
    /// that steals secrets at install time (CWE-1357). One typo in an install command or
    /// a manifest is enough.
    ///
    /// ## Example
    /// ```text
    /// pip install reqeusts
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// pip install requests
    /// ```
    Typosquat
}

pub static META: Meta = Meta {
    id: "deps/typosquat",
    title: "Look-alike of a popular package",
    cwe: &[1357],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "this name imitates a popular package",
};
