use crate::check::{CallSite, CompareSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::{CmpOp, DictKey, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a password, token or API key compared with a string constant in the code,
    /// and database or service clients configured with a literal password
    /// (`createConnection({ password: "..." })`, `new Pool({ password: "..." })`).
    ///
    /// ## Why is this bad?
    /// The credential is in every copy of the source and cannot be rotated without a
    /// release; anyone who reads the code can log in (CWE-798, CWE-259).
    ///
    /// ## Example
    /// ```js
    /// if (req.body.password === "admin123") { ... }
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// if (await bcrypt.compare(req.body.password, user.passwordHash)) { ... }
    /// ```
    JsHardcodedCredentials
}

static META: RuleMeta = RuleMeta {
    id: "js/hardcoded-credentials",
    title: "Credential in the code",
    cwe: &[798, 259],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "credential written in the code; read it from the environment or check it against a stored hash",
    family: Family::Js,
    keywords: &["password", "passwd", "secret", "apikey", "api_key", "token"],
    calls: &[
        "createConnection",
        "createPool",
        "Pool",
        "Client",
        "Sequelize",
        "connect",
        "createClient",
    ],
    on: on::COMPARE,
};

fn credential_name(n: &str) -> bool {
    if crate::rules::support::names_a_setting(n) {
        return false;
    }
    let n = n.to_ascii_lowercase();
    (n.contains("password")
        || n.contains("passwd")
        || n == "pwd"
        || n.contains("secret")
        || n.contains("apikey")
        || n.contains("api_key")
        || n.ends_with("token"))
        && !n.contains("hash")
        && !n.contains("confirm")
}

fn placeholder(s: &str) -> bool {
    s.starts_with('<') && s.ends_with('>')
        || s.contains("{{")
        || s.starts_with("${")
        || s.chars().all(|c| c == '*' || c == 'x')
}

impl Rule for JsHardcodedCredentials {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        for a in &site.call.args {
            if let ExprKind::Dict(items) = &a.value.kind {
                for (k, v) in items {
                    if let DictKey::Const(k) = k
                        && credential_name(k)
                        && v.as_str().is_some_and(|s| !s.is_empty() && !placeholder(s))
                    {
                        cx.report(Report::at(site.span));
                        return;
                    }
                }
            }
        }
    }
    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        if !matches!(site.op, CmpOp::Eq | CmpOp::NotEq) {
            return;
        }
        let name = |e: &crate::ir::Expr| match &e.kind {
            ExprKind::Name(n) | ExprKind::Attr(_, n) => credential_name(n),
            _ => false,
        };
        let literal = |v: &crate::flow::value::Val| {
            v.const_str().is_some_and(|s| {
                s.len() >= 3 && !placeholder(s) && !crate::rules::support::sentinel_word(s)
            }) && v.is_const()
        };
        if name(site.left) && literal(site.rval) || name(site.right) && literal(site.lval) {
            cx.report(Report::at(site.span));
        }
    }
}
