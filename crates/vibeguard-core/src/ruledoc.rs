//! Rule documentation written once, in the rule's doc comment.
//!
//! Code and configuration rules keep their documentation (the four headings *What it
//! does*, *Why is this bad?*, *Example*, *Use instead*) in the doc comment of the rule's
//! type. [`documented_rule!`](crate::documented_rule) declares that type and keeps the
//! same text as a constant, and [`parse_doc`] splits it into a [`RuleDoc`] for
//! `vibeguard explain`, SARIF help and the generated docs.

use crate::rule::RuleDoc;

/// Declare a unit struct whose doc comment is also its runtime documentation
/// (`Name::DOC`), so the text is written once.
///
/// ```
/// vibeguard_core::documented_rule! {
///     /// ## What it does
///     /// Flags a thing.
///     ///
///     /// ## Why is this bad?
///     /// Because.
///     ///
///     /// ## Example
///     /// thing
///     ///
///     /// ## Use instead
///     /// other thing
///     ThingRule
/// }
/// let doc = vibeguard_core::ruledoc::parse_doc(ThingRule::DOC);
/// assert_eq!(doc.why, "Because.");
/// ```
#[macro_export]
macro_rules! documented_rule {
    ($(#[doc = $doc:literal])* $name:ident) => {
        $(#[doc = $doc])*
        pub struct $name;
        impl $name {
            /// This rule's documentation: its doc comment.
            pub const DOC: &'static str = concat!($($doc, "\n"),*);
        }
    };
}

/// The heading lines, in the order a rule's documentation has them.
pub const HEADINGS: [&str; 4] = [
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "## Use instead",
];

/// Split a doc comment into the four headings. Code fences are dropped (the renderers
/// add their own); text before the first heading is ignored.
pub fn parse_doc(doc: &str) -> RuleDoc {
    let mut d = RuleDoc::default();
    let mut current: Option<&mut String> = None;
    for line in doc.lines() {
        let line = line.strip_prefix(' ').unwrap_or(line);
        match line.trim() {
            h if h == HEADINGS[0] => current = Some(&mut d.what),
            h if h == HEADINGS[1] => current = Some(&mut d.why),
            h if h == HEADINGS[2] => current = Some(&mut d.example),
            h if h == HEADINGS[3] => current = Some(&mut d.use_instead),
            _ => {
                if let Some(buf) = current.as_deref_mut() {
                    if line.trim_start().starts_with("```") {
                        continue;
                    }
                    buf.push_str(line);
                    buf.push('\n');
                }
            }
        }
    }
    for s in [&mut d.what, &mut d.why, &mut d.example, &mut d.use_instead] {
        *s = s.trim().to_string();
    }
    d
}

/// The headings a doc comment lacks or leaves empty (a test asserts this is empty for
/// every rule).
pub fn missing_headings(doc: &str) -> Vec<&'static str> {
    let d = parse_doc(doc);
    let parts = [&d.what, &d.why, &d.example, &d.use_instead];
    HEADINGS
        .iter()
        .zip(parts)
        .filter(|(h, body)| !doc.contains(**h) || body.is_empty())
        .map(|(h, _)| *h)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_the_four_headings_and_drops_fences() {
        let doc = " ## What it does\n Flags x.\n\n ## Why is this bad?\n It hurts.\n\n ## Example\n ```yaml\n a: 1\n ```\n\n ## Use instead\n b: 2\n";
        let d = parse_doc(doc);
        assert_eq!(d.what, "Flags x.");
        assert_eq!(d.why, "It hurts.");
        assert_eq!(d.example, "a: 1");
        assert_eq!(d.use_instead, "b: 2");
        assert!(missing_headings(doc).is_empty());
    }

    #[test]
    fn reports_missing_headings() {
        let missing = missing_headings("## What it does\nx\n## Example\ny\n");
        assert_eq!(missing, vec!["## Why is this bad?", "## Use instead"]);
    }
}
