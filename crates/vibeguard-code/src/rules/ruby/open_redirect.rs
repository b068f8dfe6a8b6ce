use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::rules::support::host_is_fixed;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `redirect_to` (Rails) and `redirect` (Sinatra) to a URL from the request,
    /// unless the program fixed the host or passed it through `url_from`, which keeps
    /// only URLs of this site.
    ///
    /// ## Why is this bad?
    /// A link to a trusted site that bounces the visitor to a look-alike login page is a
    /// phishing tool (open redirect, CWE-601); `allow_other_host: true` turns off the
    /// check Rails 7 makes by default.
    ///
    /// ## Example
    /// ```ruby
    /// redirect_to params[:return_to], allow_other_host: true
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// redirect_to url_from(params[:return_to]) || root_path
    /// ```
    RubyOpenRedirect
}

static META: RuleMeta = RuleMeta {
    id: "ruby/open-redirect",
    title: "Redirect to a URL from input",
    cwe: &[601],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "redirect to a URL from the request; use url_from() or allow only paths on this site",
    family: Family::Ruby,
    keywords: &["redirect"],
    calls: &["redirect_to", "redirect"],
    on: 0,
};

impl Rule for RubyOpenRedirect {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() {
            return;
        }
        if let Some((_, v)) = site.arg(0)
            && !host_is_fixed(v)
        {
            cx.flow(site.span, v, sink::REDIRECT, accept::REQUEST);
        }
    }
}
