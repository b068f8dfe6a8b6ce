use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `verify_mode = OpenSSL::SSL::VERIFY_NONE` (assignments and options) and
    /// `verify: false` / `ssl: { verify: false }` in HTTP clients, RestClient's `verify_ssl:`,
    /// Typhoeus' `ssl_verifypeer:` and Excon's `ssl_verify_peer:` set to false or VERIFY_NONE.
    ///
    /// ## Why is this bad?
    /// Anyone on the network path can impersonate the server and read or change the
    /// traffic, credentials included (CWE-295).
    ///
    /// ## Example
    /// ```ruby
    /// http.verify_mode = OpenSSL::SSL::VERIFY_NONE
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// http.verify_mode = OpenSSL::SSL::VERIFY_PEER
    /// ```
    RubyTlsVerificationDisabled
}

static META: RuleMeta = RuleMeta {
    id: "ruby/tls-verification-disabled",
    title: "TLS certificate verification disabled",
    cwe: &[295],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "TLS certificate verification is disabled; traffic can be intercepted",
    family: Family::Ruby,
    keywords: &["VERIFY_NONE", "verify"],
    calls: &[
        "new", "start", "get", "post", "put", "patch", "delete", "execute", "request",
    ],
    on: on::ASSIGN,
};

impl Rule for RubyTlsVerificationDisabled {
    crate::rule_meta!(META);
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        if site
            .target_path
            .as_deref()
            .is_some_and(|t| t.ends_with("verify_mode"))
            && cx.text(site.value.span).ends_with("VERIFY_NONE")
        {
            cx.report(Report::at(site.span));
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        for a in &site.call.args {
            let off = match a.name.as_deref() {
                Some("verify_mode") | Some("ssl_verify_mode") => {
                    cx.text(a.value.span).ends_with("VERIFY_NONE")
                }
                Some("verify") => a.value.is_false(),
                // RestClient's `verify_ssl:`, Typhoeus' `ssl_verifypeer:`, Excon's
                // `ssl_verify_peer:`: false or VERIFY_NONE.
                Some("verify_ssl") | Some("ssl_verifypeer") | Some("ssl_verify_peer") => {
                    a.value.is_false() || cx.text(a.value.span).ends_with("VERIFY_NONE")
                }
                Some("ssl") => a.value.prop("verify").is_some_and(|v| v.is_false()),
                _ => false,
            };
            if off {
                cx.report(Report::at(site.span));
                return;
            }
        }
    }
}
