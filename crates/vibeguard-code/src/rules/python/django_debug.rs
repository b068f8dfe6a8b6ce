use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `DEBUG = True` in a Django settings module (a module that also sets
    /// `INSTALLED_APPS`, `ROOT_URLCONF`, `ALLOWED_HOSTS` or `SECRET_KEY`, or is named
    /// `settings*.py`), and `settings.configure(DEBUG=True)`.
    ///
    /// ## Why is this bad?
    /// Debug pages show settings, source, SQL and tracebacks to anyone who triggers an
    /// error, and Django keeps every query in memory (CWE-489, CWE-215).
    ///
    /// ## Example
    /// ```python
    /// DEBUG = True
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
    /// ```
    DjangoDebug
}

static META: RuleMeta = RuleMeta {
    id: "python/django-debug",
    title: "Django debug mode on",
    cwe: &[489, 215],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "Django DEBUG is on: error pages show settings, source and queries; read it from the environment",
    family: Family::Python,
    keywords: &["DEBUG"],
    calls: &["configure"],
    on: on::ASSIGN,
};

fn is_settings(cx: &Cx<'_, '_>) -> bool {
    let name = cx.path().rsplit('/').next().unwrap_or("");
    if name.starts_with("settings") || cx.path().contains("/settings/") {
        return true;
    }
    let src = cx.whole_text();
    ["INSTALLED_APPS", "ROOT_URLCONF", "MIDDLEWARE", "DATABASES"]
        .iter()
        .any(|k| src.contains(k))
}

impl Rule for DjangoDebug {
    crate::rule_meta!(META);
    /// `settings.configure(DEBUG=True)`: settings given in code (a standalone script or
    /// a one-file app) instead of a settings module.
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.is(&["django.conf.settings.configure"])
            && site
                .kwarg("DEBUG")
                .is_some_and(|(_, v)| const_bool(v) == Some(true))
        {
            cx.report(Report::at(site.span));
        }
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        if !site.top_level || site.target_path.as_deref() != Some("DEBUG") {
            return;
        }
        if const_bool(site.val) == Some(true) && !cx.imports("flask") && is_settings(cx) {
            cx.report(Report::at(site.span));
        }
    }
}
