use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use crate::text::is_plain_literal;
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags assignments to `innerHTML` / `outerHTML`, and `document.write` /
    /// `insertAdjacentHTML`, with a value that is not a constant string.
    ///
    /// ## Why is this bad?
    /// The browser parses the value as HTML: text from the URL, storage or an API that
    /// contains `<img onerror=...>` runs script in the user's session (CWE-79).
    ///
    /// ## Example
    /// ```text
    /// document.getElementById("out").innerHTML = location.hash.slice(1);
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// document.getElementById("out").textContent = location.hash.slice(1);
    /// ```
    JsDomXss
}

static META: Meta = Meta {
    id: "js/dom-xss",
    title: "HTML built from run-time values",
    cwe: &[79],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "run-time value written as HTML; use textContent, or sanitize it (DOMPurify) first",
    langs: &[Lang::JavaScript],
    keywords: &[
        "innerhtml",
        "outerhtml",
        "document.write",
        "insertadjacenthtml",
    ],
};

impl CodeRule for JsDomXss {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let assign = lazy_regex!(r"\.(?:innerHTML|outerHTML)\s*\+?=\s*([^;\n]+)");
        for c in assign.captures_iter(file.text) {
            let whole = c.get(0).expect("match");
            let value = c.get(1).map_or("", |m| m.as_str()).trim();
            if !value.is_empty() && !is_plain_literal(value) && value != "''" && value != "\"\"" {
                out.push(Hit {
                    start: whole.start() + 1,
                    end: whole.end(),
                    fix: None,
                });
            }
        }
        let call = lazy_regex!(r"\b(?:document\.write(?:ln)?|insertAdjacentHTML)\s*\(");
        for (start, open, args) in crate::calls::calls(call, file.text) {
            let value = args.rsplit(',').next().unwrap_or(args).trim();
            if !value.is_empty() && !is_plain_literal(value) {
                out.push(crate::calls::hit(start, open, args));
            }
        }
    }
}
