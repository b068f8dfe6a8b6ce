use crate::check::{Cx, Report, Rule, RuleMeta, on};
use crate::ir::Span;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags classes that extend `java.security.MessageDigest` or `MessageDigestSpi`: a
    /// hash function written by hand instead of one of the platform's.
    ///
    /// ## Why is this bad?
    /// Designing a hash that resists collisions and preimages is a research problem;
    /// home-made ones (and home-made implementations of known ones) fail in ways tests do
    /// not show, and whatever relies on them (signatures, integrity checks, stored
    /// password hashes) fails with them (CWE-327).
    ///
    /// ## Example
    /// ```java
    /// public class FastDigest extends MessageDigest { ... }
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// MessageDigest sha = MessageDigest.getInstance("SHA-256");
    /// ```
    JavaCustomDigest
}

static META: RuleMeta = RuleMeta {
    id: "java/custom-digest",
    title: "Hand-written message digest",
    cwe: &[327],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "class implements its own message digest; use a standard one (SHA-256, SHA-3) from the platform",
    family: Family::Java,
    keywords: &["MessageDigest"],
    calls: &[],
    on: on::MODULE,
};

impl Rule for JavaCustomDigest {
    crate::rule_meta!(META);
    fn module(&self, cx: &mut Cx<'_, '_>) {
        let m = cx.module();
        for c in &m.classes {
            let digest = c.bases.iter().any(|b| {
                matches!(
                    b.rsplit('.').next(),
                    Some("MessageDigest" | "MessageDigestSpi")
                )
            });
            if !digest {
                continue;
            }
            // Point at the class's name, not its whole body.
            let start = c.span.start as usize;
            let text = cx.text(c.span);
            let at = text
                .find(&format!("class {}", c.name))
                .map(|i| start + i + "class ".len())
                .unwrap_or(start);
            cx.report(Report::at(Span::new(at, at + c.name.len())));
        }
    }
}
