//! License strings as lockfiles and manifests write them, sorted into what BOM formats
//! accept: one SPDX identifier, an SPDX expression (`MIT OR Apache-2.0`), or free text.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The SPDX License List identifiers (licenses and exceptions).
const IDS: &str = include_str!("../data/spdx-ids.txt");

fn ids() -> &'static HashMap<String, &'static str> {
    static MAP: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        IDS.lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| (l.to_ascii_lowercase(), l))
            .collect()
    })
}

/// What a license string is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum License {
    /// A single SPDX identifier, in its canonical case.
    Id(String),
    /// A valid SPDX expression, operators upper-cased and identifiers canonical.
    Expression(String),
    /// Anything else, as written.
    Name(String),
}

/// The canonical SPDX identifier for `s`, if it is one.
pub fn spdx_id(s: &str) -> Option<&'static str> {
    ids().get(&s.trim().to_ascii_lowercase()).copied()
}

pub fn classify(text: &str) -> License {
    let t = text.trim();
    if let Some(id) = spdx_id(t) {
        return License::Id(id.to_string());
    }
    match expression(t) {
        Some(e) => License::Expression(e),
        None => License::Name(t.to_string()),
    }
}

/// `t` as a canonical SPDX expression, `None` when a word is not an identifier, an
/// operator or a `LicenseRef-`.
fn expression(t: &str) -> Option<String> {
    let spaced = t.replace('(', " ( ").replace(')', " ) ");
    let mut out: Vec<String> = Vec::new();
    let mut depth = 0i32;
    let mut expect_operand = true;
    for w in spaced.split_whitespace() {
        match w.to_ascii_uppercase().as_str() {
            "AND" | "OR" | "WITH" if !expect_operand => {
                out.push(w.to_ascii_uppercase());
                expect_operand = true;
            }
            "(" if expect_operand => {
                depth += 1;
                out.push("(".into());
            }
            ")" if !expect_operand => {
                depth -= 1;
                if depth < 0 {
                    return None;
                }
                out.push(")".into());
            }
            _ if expect_operand => {
                let (base, plus) = match w.strip_suffix('+') {
                    Some(b) => (b, "+"),
                    None => (w, ""),
                };
                let canon = if let Some(id) = spdx_id(w) {
                    id.to_string()
                } else if let Some(id) = spdx_id(base) {
                    format!("{id}{plus}")
                } else if w.starts_with("LicenseRef-")
                    && w[11..]
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
                    && w.len() > 11
                {
                    w.to_string()
                } else {
                    return None;
                };
                out.push(canon);
                expect_operand = false;
            }
            _ => return None,
        }
    }
    if depth != 0 || expect_operand || out.is_empty() {
        return None;
    }
    let mut s = out.join(" ");
    s = s.replace("( ", "(").replace(" )", ")");
    Some(s)
}

/// A `LicenseRef-` identifier for free text (SPDX has no place for a bare name).
pub fn license_ref(name: &str) -> String {
    let mut s = String::from("LicenseRef-");
    let mut dash = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            s.push(c);
            dash = false;
        } else if !dash {
            s.push('-');
            dash = true;
        }
    }
    let trimmed = s.trim_end_matches('-').to_string();
    if trimmed.len() <= "LicenseRef-".len() {
        "LicenseRef-unknown".into()
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_expressions_and_names() {
        assert_eq!(classify("mit"), License::Id("MIT".into()));
        assert_eq!(classify("Apache-2.0"), License::Id("Apache-2.0".into()));
        assert_eq!(
            classify("(MIT or apache-2.0)"),
            License::Expression("(MIT OR Apache-2.0)".into())
        );
        assert_eq!(
            classify("GPL-2.0-only WITH Classpath-exception-2.0"),
            License::Expression("GPL-2.0-only WITH Classpath-exception-2.0".into())
        );
        assert_eq!(classify("(MIT)"), License::Expression("(MIT)".into()));
        assert_eq!(classify("BSD"), License::Name("BSD".into()));
        assert_eq!(classify("MIT OR"), License::Name("MIT OR".into()));
        assert_eq!(
            classify("SEE LICENSE IN LICENSE.md"),
            License::Name("SEE LICENSE IN LICENSE.md".into())
        );
        assert_eq!(license_ref("Public Domain!"), "LicenseRef-Public-Domain");
    }
}
