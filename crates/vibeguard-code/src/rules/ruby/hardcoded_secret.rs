use crate::check::{AssignSite, CallSite, CompareSite, Cx, Report, Rule, RuleMeta, on};
use crate::flow::value::Val;
use crate::ir::{CmpOp, Expr, ExprKind};
use crate::rule_doc;
use crate::rules::support::{credential_constant, credential_name};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags Rails secrets written as string literals: `config.secret_key_base = "..."`
    /// and `config.secret_token = "..."` (outside the development and test
    /// environments), the `secret:` of the session settings
    /// (`ActionController::Base.session = { secret: "..." }`, `session_store ...,
    /// secret: "..."`), the `password:` of `http_basic_authenticate_with`, and a
    /// password, token or secret compared with a string constant written in the code
    /// (`password == "7001337"` in an `authenticate_or_request_with_http_basic` block,
    /// directly or through a variable).
    ///
    /// ## Why is this bad?
    /// Whoever reads the repository signs session cookies as any user (and, with the
    /// Marshal cookie serializer, runs code), or logs in with the password (CWE-798,
    /// CWE-321).
    ///
    /// ## Example
    /// ```ruby
    /// Rails.application.config.secret_key_base = "3f9c1e..."
    /// http_basic_authenticate_with name: "admin", password: "hunter2"
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// Rails.application.config.secret_key_base = ENV.fetch("SECRET_KEY_BASE")
    /// http_basic_authenticate_with name: "admin", password: Rails.application.credentials.admin_password
    /// ```
    RubyHardcodedSecret
}

static META: RuleMeta = RuleMeta {
    id: "ruby/hardcoded-secret",
    title: "Rails secret or password written in the code",
    cwe: &[798, 321, 259],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "secret written in the code; read it from the environment or Rails credentials",
    family: Family::Ruby,
    keywords: &[
        "secret",
        "http_basic_authenticate_with",
        "password",
        "token",
    ],
    calls: &["http_basic_authenticate_with", "session_store"],
    on: on::ASSIGN | on::COMPARE,
};

/// A non-empty string constant.
fn literal(v: &Val) -> bool {
    v.const_str().is_some_and(|s| !s.trim().is_empty())
}

/// A development or test environment file, whose secrets guard nothing.
fn throwaway_env(path: &str) -> bool {
    path.rsplit_once("config/environments/")
        .is_some_and(|(_, f)| matches!(f, "development.rb" | "test.rb"))
}

impl Rule for RubyHardcodedSecret {
    crate::rule_meta!(META);
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Some(t) = site.target_path.as_deref() else {
            return;
        };
        if (t.ends_with(".secret_key_base") || t.ends_with(".secret_token"))
            && literal(site.val)
            && !throwaway_env(cx.path())
        {
            cx.report(Report::at(site.value.span));
            return;
        }
        // ActionController::Base.session = { key: "_app", secret: "..." }
        if t.ends_with(".session")
            && let Some(v) = site.value.prop("secret")
            && string_literal(v)
        {
            cx.report(Report::at(v.span));
        }
    }
    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        Self::compared(cx, site);
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let key = match site.name {
            "http_basic_authenticate_with" => "password",
            _ => "secret",
        };
        if let Some((e, v)) = site.kwarg(key)
            && literal(v)
        {
            cx.report(Report::at(e.span));
        }
    }
}

impl RubyHardcodedSecret {
    /// `password == "s3cret"`, `token != SECRET`: a credential checked against a
    /// constant the code holds.
    fn compared(cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        if !matches!(site.op, CmpOp::Eq | CmpOp::NotEq) {
            return;
        }
        if credential_name(site.left) && credential_constant(site.rval)
            || credential_name(site.right) && credential_constant(site.lval)
        {
            cx.report(Report::at(site.span));
        }
    }
}

fn string_literal(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Str(s) if !s.trim().is_empty())
}
