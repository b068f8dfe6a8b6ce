use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags JWTs signed with a key written in the code: `token.SignedString(key)` where
    /// the key is a string constant or `[]byte("...")` of one, directly or through a
    /// variable (jwt-go, golang-jwt).
    ///
    /// ## Why is this bad?
    /// Anyone who reads the source or the binary can mint tokens for any user with any
    /// claims: the signature no longer proves anything (CWE-798, CWE-321).
    ///
    /// ## Example
    /// ```go
    /// var jwtKey = []byte("my_secret_key")
    /// s, err := token.SignedString(jwtKey)
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// s, err := token.SignedString([]byte(os.Getenv("JWT_SIGNING_KEY")))
    /// ```
    GoHardcodedJwtKey
}

static META: RuleMeta = RuleMeta {
    id: "go/hardcoded-jwt-key",
    title: "JWT signed with a key written in the code",
    cwe: &[798, 321],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "JWT signing key is a constant in the code; load it from the environment or a secret store",
    family: Family::Go,
    keywords: &["jwt"],
    calls: &["SignedString"],
    on: 0,
};

impl Rule for GoHardcodedJwtKey {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let jwt = [
            "github.com/golang-jwt/jwt",
            "github.com/dgrijalva/jwt-go",
            "github.com/form3tech-oss/jwt-go",
        ]
        .iter()
        .any(|p| cx.imports(p));
        if site.recv.is_none() || !jwt {
            return;
        }
        let Some((e, v)) = site.arg(0) else { return };
        // []byte("secret") written at the call, or a package variable set to one.
        let literal = literal_key(cx, e)
            || matches!(&e.kind, ExprKind::Name(n) if crate::rules::support::single_def(cx, n).is_some_and(|d| literal_key(cx, d)));
        let constant = v.all_taint().is_none() && v.const_str().is_some_and(|s| !s.is_empty());
        if literal || constant {
            cx.report(Report::at(site.span));
        }
    }
}

/// `"secret"` or `[]byte("secret")`.
fn literal_key(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Call(c) => {
            cx.text(c.callee.span).trim() == "[]byte"
                && c.arg(0)
                    .is_some_and(|a| a.as_str().is_some_and(|s| !s.is_empty()))
        }
        ExprKind::Str(s) => !s.is_empty(),
        _ => false,
    }
}
