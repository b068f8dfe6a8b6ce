use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::rules::support::made_for_a_secret;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `rand`, `Random.rand`, `Random.new` and `Array#shuffle`/`sample` results
    /// used for a token, key, session id, password or code: a call whose assigned name or
    /// enclosing method says the value protects something.
    ///
    /// ## Why is this bad?
    /// Ruby's `rand` is a Mersenne Twister: its state is recovered from a few outputs, so
    /// the next token can be predicted (CWE-338).
    ///
    /// ## Example
    /// ```ruby
    /// self.token = rand(36**24).to_s(36)
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// self.token = SecureRandom.urlsafe_base64(24)
    /// ```
    RubyInsecureRandom
}

static META: RuleMeta = RuleMeta {
    id: "ruby/insecure-random",
    title: "Predictable random value for a secret",
    cwe: &[330, 338],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "rand is predictable; use SecureRandom for tokens, keys and codes",
    family: Family::Ruby,
    keywords: &["rand", "Random", "sample", "shuffle"],
    calls: &["rand", "new", "bytes", "sample", "shuffle"],
    on: 0,
};

impl Rule for RubyInsecureRandom {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let weak = match site.name {
            "rand" if recv_expr(site).is_none_or(|r| !is_random_new(r)) => {
                site.recv.is_none()
                    || site
                        .path
                        .is_some_and(|p| p == "Random.rand" || p == "Kernel.rand")
            }
            "new" => site.path.is_some_and(|p| p == "Random.new"),
            // `Random.new.rand(n)`, `Random.new(seed).bytes(16)`.
            "rand" | "bytes" => recv_expr(site).is_some_and(is_random_new),
            // `[*"a".."z", *"0".."9"].sample(20)`, `("a".."z").to_a.shuffle`: picks from a
            // literal alphabet with the default (predictable) generator.
            "sample" | "shuffle" => recv_expr(site).is_some_and(literal_alphabet),
            _ => false,
        };
        if !weak {
            return;
        }
        if made_for_a_secret(cx, site.span) {
            cx.report(Report::at(site.span));
        }
    }
}

/// The receiver expression of a method call.
fn recv_expr<'a>(site: &CallSite<'a>) -> Option<&'a Expr> {
    match &site.call.callee.kind {
        ExprKind::Attr(r, _) => Some(r),
        _ => None,
    }
}

/// `Random.new` / `Random.new(seed)` (without parentheses an attribute read).
fn is_random_new(e: &Expr) -> bool {
    let callee = e.as_call().map_or(e, |c| &c.callee);
    matches!(&callee.kind, ExprKind::Attr(b, m) if m == "new" && b.as_name() == Some("Random"))
}

/// An array literal (`[*"a".."z"]`, `%w[a b c]`), or `.to_a` / `.chars` of a literal.
fn literal_alphabet(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::List(_) => true,
        ExprKind::Call(c) => match &c.callee.kind {
            ExprKind::Attr(b, m) if m == "to_a" || m == "chars" => {
                matches!(b.kind, ExprKind::List(_) | ExprKind::Str(_))
                    || matches!(&b.kind, ExprKind::Other(parts) if !parts.is_empty()
                        && parts.iter().all(|p| matches!(p.kind, ExprKind::Str(_))))
            }
            _ => false,
        },
        _ => false,
    }
}
