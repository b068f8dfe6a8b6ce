use crate::check::{CallSite, Cx, Report, ReturnSite, Rule, RuleMeta, on};
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags JSON Web Tokens read with `ParseUnverified` (golang-jwt, jwt-go) and the
    /// `none` signing method allowed (`jwt.UnsafeAllowNoneSignatureType`).
    ///
    /// ## Why is this bad?
    /// Without a signature check anyone can write a token that names any user or role
    /// (CWE-347).
    ///
    /// ## Example
    /// ```go
    /// token, _, err := jwt.NewParser().ParseUnverified(s, jwt.MapClaims{})
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// token, err := jwt.Parse(s, keyFunc, jwt.WithValidMethods([]string{"HS256"}))
    /// ```
    GoJwtUnverified
}

static META: RuleMeta = RuleMeta {
    id: "go/jwt-unverified",
    title: "JWT read without verifying its signature",
    cwe: &[347],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "token claims read without a signature check; use jwt.Parse with a key function and the expected methods",
    family: Family::Go,
    keywords: &["jwt"],
    calls: &["ParseUnverified", "UnsafeAllowNoneSignatureType"],
    on: on::RETURN,
};

fn jwt_imported(cx: &Cx<'_, '_>) -> bool {
    cx.imports("github.com/golang-jwt/jwt")
        || cx.imports("github.com/dgrijalva/jwt-go")
        || cx.imports("github.com/form3tech-oss/jwt-go")
}

impl Rule for GoJwtUnverified {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if jwt_imported(cx) {
            cx.report(Report::at(site.span));
        }
    }

    /// A key function that returns `jwt.UnsafeAllowNoneSignatureType`: tokens signed
    /// with `alg: none` (no signature at all) are accepted.
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        let mut none = None;
        site.value.walk(&mut |e| {
            if let ExprKind::Attr(b, a) = &e.kind
                && a == "UnsafeAllowNoneSignatureType"
                && b.as_name().is_some()
            {
                none = Some(e.span);
            }
        });
        if let Some(span) = none
            && jwt_imported(cx)
        {
            cx.report(Report::at(span));
        }
    }
}
