use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a Rails controller that skips its authentication filter for every action
    /// except a list (`skip_before_action :authenticate_user!, except: [:admin]`,
    /// `skip_before_filter`, `skip_filter`): the filter is named after logging in,
    /// authenticating or requiring a user, or after checking access, permissions or an
    /// admin role (`access_control`, `check_permissions`, `require_admin`).
    ///
    /// ## Why is this bad?
    /// A deny-list opens every action nobody listed, including each one added later:
    /// a new `destroy` action is reachable without logging in (CWE-284, CWE-862).
    ///
    /// ## Example
    /// ```ruby
    /// skip_before_action :authenticate_user!, except: [:edit, :update]
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// skip_before_action :authenticate_user!, only: [:index, :show]
    /// ```
    RubyAuthFilterSkipped
}

static META: RuleMeta = RuleMeta {
    id: "ruby/auth-filter-skipped",
    title: "Authentication skipped for all actions but a list",
    cwe: &[284, 862],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "authentication filter skipped with except:, so every new action is public; list the public actions with only:",
    family: Family::Ruby,
    keywords: &["skip_"],
    calls: &[
        "skip_before_action",
        "skip_before_filter",
        "skip_filter",
        "skip_action_callback",
    ],
    on: 0,
};

/// Filter names that authenticate the caller (`authenticate_user!`, `login_required`,
/// `require_login`, `require_user`, `signed_in?`) or check what the caller may do
/// (`authorize!`, `access_control`, `check_permissions`, `require_admin`).
fn authenticates(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    // `verify_authenticity_token` is the CSRF check, not authentication.
    !n.contains("authenticity")
        && [
            "auth",
            "login",
            "logged_in",
            "signed_in",
            "require_user",
            "sign_in",
            // Authorisation: access, permission and role checks.
            "access_control",
            "check_access",
            "require_access",
            "verify_access",
            "restrict_access",
            "permission",
            "privilege",
            "require_admin",
            "admin_required",
            "ensure_admin",
            "admin_only",
            "require_role",
            "check_role",
        ]
        .iter()
        .any(|w| n.contains(w))
}

impl Rule for RubyAuthFilterSkipped {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() || site.kwarg("except").is_none() {
            return;
        }
        let auth = site
            .call
            .args
            .iter()
            .filter(|a| a.name.is_none())
            .any(|a| a.value.as_str().is_some_and(authenticates));
        if auth {
            cx.report(Report::at(site.span));
        }
    }
}
