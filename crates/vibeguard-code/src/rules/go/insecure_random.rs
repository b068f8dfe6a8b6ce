use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{ExprKind, find_assignments};
use crate::rule_doc;
use crate::rules::support::{made_for_a_secret, security_purpose};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `math/rand` (and `math/rand/v2`) used for a token, key, session id, password
    /// or code: a call whose assigned name or enclosing function says the value protects
    /// something (also the methods of a generator from `rand.New`), and `rand.Read(buf)` filling a buffer named for one (`key`, `iv`, `nonce`).
    ///
    /// ## Why is this bad?
    /// `math/rand` is a deterministic generator: its output can be predicted from a few
    /// samples or from the seed, so the token can be guessed (CWE-338).
    ///
    /// ## Example
    /// ```go
    /// b := make([]byte, 32)
    /// mrand.Read(b) // a reset token
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// b := make([]byte, 32)
    /// if _, err := rand.Read(b); err != nil { ... } // crypto/rand
    /// ```
    GoInsecureRandom
}

static META: RuleMeta = RuleMeta {
    id: "go/insecure-random",
    title: "Predictable random value for a secret",
    cwe: &[330, 338],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "math/rand is predictable; use crypto/rand for tokens, keys and codes",
    family: Family::Go,
    keywords: &["math/rand"],
    calls: &["*"],
    on: 0,
};

impl Rule for GoInsecureRandom {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site.is(&["math/rand.*", "math/rand/v2.*"]) && !on_a_math_rand_generator(cx, site) {
            return;
        }
        if made_for_a_secret(cx, site.span) || fills_a_secret(cx, site) {
            cx.report(Report::at(site.span));
        }
    }
}

/// `rand.Read(key)`: math/rand's `Read` returns only a count, the bytes go to the buffer
/// it is given, so the buffer's name (`key`, `iv`, `nonce`, `token[:]`) tells what the
/// bytes are for.
fn fills_a_secret(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    (site.path == Some("math/rand.Read") || site.path.is_none() && site.name == "Read")
        && site
            .arg(0)
            .is_some_and(|(e, _)| security_purpose(cx.text(e.span)))
}

/// `gen.Intn(n)` where `gen` is a `*rand.Rand` of this function or of the file's top
/// level (`var seededRand = rand.New(rand.NewSource(time.Now().UnixNano()))`): its
/// methods are as predictable as the package's functions.
fn on_a_math_rand_generator(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    if site.path.is_some() {
        return false;
    }
    let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
        return false;
    };
    let Some(name) = recv.as_name() else {
        return false;
    };
    let module = cx.module();
    let func = &module.funcs[cx.func()];
    let top = module.funcs.first().map_or(&[][..], |f| &f.body[..]);
    let mut defs = Vec::new();
    find_assignments(&func.body, name, &mut |v| defs.push(v));
    if defs.is_empty() && !func.params.iter().any(|p| p.name() == Some(name)) {
        find_assignments(top, name, &mut |v| defs.push(v));
    }
    let [def] = defs.as_slice() else { return false };
    def.as_call().is_some_and(|c| {
        cx.path_of(&c.callee)
            .is_some_and(|p| p == "math/rand.New" || p == "math/rand/v2.New")
    })
}
