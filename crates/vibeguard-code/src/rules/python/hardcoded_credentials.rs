use crate::check::{CallSite, CompareSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::CmpOp;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a password, token or API key compared with a string constant written in the
    /// code (`if password == "admin123"`), or written as a constant argument of a call
    /// (`connect(password="s3cret")`, `AuthTktCookieHelper(secret="k")`).
    ///
    /// ## Why is this bad?
    /// The credential is in every copy of the source and cannot be rotated without a
    /// release; anyone who reads the code can log in (CWE-798, CWE-259).
    ///
    /// ## Example
    /// ```python
    /// if username == "admin" and password == "s3cret!":
    ///     grant_admin()
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// user = User.query.filter_by(name=username).first()
    /// if user and check_password_hash(user.password_hash, password):
    ///     ...
    /// ```
    HardcodedCredentials
}

static META: RuleMeta = RuleMeta {
    id: "python/hardcoded-credentials",
    title: "Credential checked against a constant",
    cwe: &[798, 259],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "credential compared with a constant in the code; check it against a stored hash",
    family: Family::Python,
    keywords: &["password", "passwd", "pwd", "token", "secret", "api_key"],
    calls: &["*"],
    on: on::COMPARE,
};

/// The message for a credential written into a call (not compared).
const PASSED_MESSAGE: &str = "credential written in the code and passed to a call; read it from the environment or a secret store";

impl Rule for HardcodedCredentials {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // connect(user="app", password="s3cret") / login("admin", "s3cret")
        for a in &site.call.args {
            let Some(name) = a.name.as_deref() else {
                continue;
            };
            let n = name.to_ascii_lowercase();
            if !matches!(
                n.as_str(),
                "password"
                    | "passwd"
                    | "pwd"
                    | "api_key"
                    | "apikey"
                    | "secret"
                    | "client_secret"
                    | "auth_token"
            ) {
                continue;
            }
            if a.value
                .as_str()
                .is_some_and(|s| !s.is_empty() && !crate::rules::support::credential_placeholder(s))
            {
                cx.report(Report::at(site.span).message(PASSED_MESSAGE));
                return;
            }
        }
        if site.name == "login"
            && site.recv.is_some()
            && site
                .arg(1)
                .is_some_and(|(e, _)| e.as_str().is_some_and(|s| !s.is_empty()))
        {
            cx.report(Report::at(site.span).message(PASSED_MESSAGE));
        }
    }
    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        if !matches!(site.op, CmpOp::Eq | CmpOp::NotEq) {
            return;
        }
        let literal = |v: &crate::flow::value::Val| {
            v.const_str().is_some_and(|s| s.len() >= 3) && v.is_const()
        };
        let hit = crate::rules::support::credential_name(site.left) && literal(site.rval)
            || crate::rules::support::credential_name(site.right) && literal(site.lval);
        if hit {
            cx.report(Report::at(site.span));
        }
    }
}
