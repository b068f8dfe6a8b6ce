use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{ExprKind, StmtKind};
use crate::rule_doc;
use crate::rules::support::{purpose_context, security_purpose};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags the `random` module, and `uuid.uuid1()` (the clock and the host's MAC
    /// address), used for tokens, keys, passwords, session ids, nonces, salts and reset or
    /// verification codes (the assigned name, the surrounding line, the function, or the
    /// key or store the value is later put under, such as `sessions[cookie_name] = value`,
    /// say what the value is for), or returned from a function whose docstring asks for
    /// an unpredictable or secure result.
    ///
    /// ## Why is this bad?
    /// `random` is a Mersenne Twister: after 624 outputs an observer can predict every
    /// future value, so "random" tokens and reset codes can be guessed (CWE-330,
    /// CWE-338).
    ///
    /// ## Example
    /// ```python
    /// token = "".join(random.choice(string.ascii_letters) for _ in range(32))
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// token = secrets.token_urlsafe(32)
    /// ```
    InsecureRandom
}

static META: RuleMeta = RuleMeta {
    id: "python/insecure-random",
    title: "Predictable random value for a secret",
    cwe: &[330, 338],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "random is predictable; use the secrets module for tokens, keys and codes",
    family: Family::Python,
    keywords: &["random", "uuid1"],
    calls: &[
        "uuid1",
        "random",
        "randint",
        "randrange",
        "choice",
        "choices",
        "sample",
        "getrandbits",
        "uniform",
        "shuffle",
        "randbytes",
        "gauss",
        "normalvariate",
        "lognormvariate",
        "expovariate",
        "vonmisesvariate",
        "gammavariate",
        "betavariate",
        "paretovariate",
        "weibullvariate",
        "triangular",
        "binomialvariate",
        // numpy generators (`default_rng().integers(...)`, `RandomState().bytes(n)`).
        "integers",
        "bytes",
        "rand",
        "random_sample",
    ],
    on: 0,
};

/// Does the docstring of the function the value is returned from (through any
/// comprehension or lambda it is written in) say the result must be unpredictable or
/// secure? `"""Return an unpredictable random string ..."""`.
fn docstring_demands_secrecy(cx: &Cx<'_, '_>) -> bool {
    let funcs = &cx.module().funcs;
    let mut f = cx.func();
    while funcs[f].name.is_empty() || funcs[f].name.starts_with('<') {
        match funcs[f].parent {
            Some(p) if p != 0 => f = p,
            _ => return false,
        }
    }
    let Some(StmtKind::Expr(e)) = funcs[f].body.first().map(|s| &s.kind) else {
        return false;
    };
    let ExprKind::Str(doc) = &e.kind else {
        return false;
    };
    doc.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "unpredictable" | "unguessable" | "secure" | "securely" | "cryptographically"
        )
    })
}

impl Rule for InsecureRandom {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(path) = site.path else { return };
        if path == "uuid.uuid1" {
            // A UUID is what it is called: only a secret's name says more.
            let ctx = purpose_context(cx, site.span)
                .to_ascii_lowercase()
                .replace("uuid", " ")
                .replace("guid", " ");
            if security_purpose(&ctx) {
                cx.report(Report::at(site.span).message(
                    "uuid1() is the clock and the MAC address, easy to guess; use secrets.token_urlsafe() or uuid4()",
                ));
            }
            return;
        }
        if !(path.starts_with("random.") || path.starts_with("numpy.random."))
            || path.starts_with("random.SystemRandom")
        {
            return;
        }
        let ctx = purpose_context(cx, site.span);
        if security_purpose(&ctx)
            || ctx.trim_start().starts_with("return") && docstring_demands_secrecy(cx)
        {
            cx.report(Report::at(site.span));
        }
    }
}
