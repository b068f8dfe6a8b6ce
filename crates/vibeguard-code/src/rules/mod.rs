//! Every built-in code rule, one file each, grouped by language family.

mod cors;
mod go;
mod html_escape;
mod java;
mod js;
mod ownership;
mod php;
mod python;
mod regex_shape;
mod ruby;
mod sinks;
pub(crate) mod support;
mod weak_algorithms;

use crate::check::Rule;

/// Every built-in code rule.
pub fn all() -> Vec<Box<dyn Rule>> {
    let mut out = Vec::new();
    out.extend(python::all());
    out.extend(js::all());
    out.extend(go::all());
    out.extend(java::all());
    out.extend(php::all());
    out.extend(ruby::all());
    out
}
