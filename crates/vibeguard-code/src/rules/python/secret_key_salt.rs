use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags the application's secret key (`app.config["SECRET_KEY"]`, `app.secret_key`,
    /// Django's `settings.SECRET_KEY`) used as the salt of a `Hashids` encoder.
    ///
    /// ## Why is this bad?
    /// Hashids is an obfuscation, not encryption: its salt can be recovered from a handful
    /// of encoded ids, which every user sees in URLs. With the secret key an attacker signs
    /// their own session cookies and tokens (CWE-327).
    ///
    /// ## Example
    /// ```python
    /// hashids = Hashids(salt=app.config["SECRET_KEY"], min_length=8)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// hashids = Hashids(salt=app.config["HASHIDS_SALT"], min_length=8)  # a value of its own
    /// ```
    SecretKeySalt
}

static META: RuleMeta = RuleMeta {
    id: "python/secret-key-as-salt",
    title: "Secret key used as a Hashids salt",
    cwe: &[327],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "the application's secret key is the Hashids salt, which can be recovered from encoded ids; give Hashids a salt of its own",
    family: Family::Python,
    keywords: &["hashids"],
    calls: &["Hashids"],
    on: 0,
};

/// `X.config["SECRET_KEY"]`, `X.secret_key`, `settings.SECRET_KEY`.
fn names_secret_key(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Index(base, key) => {
            key.as_str() == Some("SECRET_KEY")
                && matches!(&base.kind, ExprKind::Attr(_, a) if a == "config")
        }
        ExprKind::Attr(_, a) if a == "secret_key" => true,
        ExprKind::Attr(_, a) if a == "SECRET_KEY" => cx
            .path_of(e)
            .is_some_and(|p| p.starts_with("django.conf.settings")),
        ExprKind::Name(n) => crate::rules::support::single_def(cx, n)
            .is_some_and(|v| !matches!(v.kind, ExprKind::Name(_)) && names_secret_key(cx, v)),
        _ => false,
    }
}

impl Rule for SecretKeySalt {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site.is(&["hashids.Hashids"]) {
            return;
        }
        if let Some((e, _)) = site.kwarg("salt").or_else(|| site.arg(0))
            && names_secret_key(cx, e)
        {
            cx.report(Report::at(site.span));
        }
    }
}
