use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, replace};
use crate::rule_doc;
use crate::rules::support::{purpose_context, security_purpose};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `Math.random()`, the generators built on it (lodash/underscore `_.random`,
    /// `nanoid/non-secure`), time-based `uuid.v1()`, and Node's
    /// `crypto.pseudoRandomBytes()` (documented as not cryptographically strong, and
    /// deprecated) used for tokens, ids of sessions, keys, passwords, nonces or reset codes
    /// (the assigned name, the line or the function say what it is for).
    ///
    /// ## Why is this bad?
    /// `Math.random` is not a cryptographic generator: its output can be predicted from a
    /// few observed values, so tokens and codes made from it can be guessed (CWE-330,
    /// CWE-338).
    ///
    /// ## Example
    /// ```js
    /// const token = Math.random().toString(36).slice(2);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const token = crypto.randomUUID(); // or crypto.getRandomValues / randomBytes
    /// ```
    JsInsecureRandom
}

static META: RuleMeta = RuleMeta {
    id: "js/insecure-random",
    title: "Predictable random value for a secret",
    cwe: &[330, 338],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "Math.random is predictable; use crypto.randomUUID() or crypto.getRandomValues() for tokens and codes",
    family: Family::Js,
    keywords: &["random", "pseudoRandomBytes", "non-secure", "uuid"],
    calls: &[
        "random",
        "pseudoRandomBytes",
        "nanoid",
        "customAlphabet",
        "v1",
    ],
    on: 0,
};

/// The whole `Math.random().toString(36).slice(2)` chain around a span, when the line is
/// `NAME = <chain>` and the chain only formats the random number.
fn token_chain<'a>(cx: &Cx<'_, 'a>, call_span: crate::ir::Span) -> Option<crate::ir::Span> {
    let src = cx.whole_text();
    let line_end = src[call_span.end as usize..]
        .find(['\n', ';'])
        .map_or(src.len(), |i| i + call_span.end as usize);
    let rest = &src[call_span.end as usize..line_end];
    let allowed = rest.trim_end().trim_end_matches(',').trim_end();
    let ok = allowed
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "().,_ ".contains(c))
        && (allowed.is_empty()
            || allowed.starts_with(".toString(")
            || allowed.starts_with(".toString()"));
    if !ok || allowed.contains("Math") {
        return None;
    }
    Some(crate::ir::Span::new(
        call_span.start as usize,
        call_span.end as usize + allowed.len(),
    ))
}

impl Rule for JsInsecureRandom {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let pseudo = site.is(&["crypto.pseudoRandomBytes", "node:crypto.pseudoRandomBytes"]);
        // Generators that draw from Math.random (or the clock) under another name.
        let other = site.path.and_then(|p| {
            let weak = match p {
                "lodash.random" | "lodash/random" | "lodash-es.random" | "underscore.random"
                | "_.random" => "_.random draws from Math.random",
                "nanoid/non-secure.nanoid" | "nanoid/non-secure.customAlphabet" => {
                    "nanoid/non-secure draws from Math.random"
                }
                "uuid.v1" | "uuid/v1" => "uuid.v1 is made from the clock and the host",
                _ => return None,
            };
            Some(weak)
        });
        if !(pseudo || other.is_some() || site.is(&["Math.random"])) {
            return;
        }
        let ctx = purpose_context(cx, site.span);
        if !security_purpose(&ctx) {
            return;
        }
        if let Some(why) = other {
            cx.report(Report::at(site.span).message(format!(
                "{why}: predictable; use crypto.randomInt, crypto.randomUUID or the default nanoid for tokens and codes"
            )));
            return;
        }
        if pseudo {
            cx.report(Report::at(site.span).message(
                "crypto.pseudoRandomBytes is not a cryptographic generator; use crypto.randomBytes for tokens and keys",
            ));
            return;
        }
        let fix = if ctx.contains('=') {
            token_chain(cx, site.span).map(|span| {
                replace(
                    span,
                    "crypto.randomUUID()",
                    "use crypto.randomUUID() (a random version-4 UUID)",
                )
            })
        } else {
            None
        };
        cx.report(Report::at(site.span).fix(fix));
    }
}
