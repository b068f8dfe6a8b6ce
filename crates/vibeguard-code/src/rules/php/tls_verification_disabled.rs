use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false)`, `CURLOPT_SSL_VERIFYHOST` set to
    /// 0, and stream contexts with `'verify_peer' => false`.
    ///
    /// ## Why is this bad?
    /// Anyone on the network path can impersonate the server and read or change the
    /// traffic, credentials included (CWE-295).
    ///
    /// ## Example
    /// ```php
    /// curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// curl_setopt($ch, CURLOPT_CAINFO, '/etc/ssl/internal-ca.pem');
    /// ```
    PhpTlsVerificationDisabled
}

static META: RuleMeta = RuleMeta {
    id: "php/tls-verification-disabled",
    title: "TLS certificate verification disabled",
    cwe: &[295],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "TLS certificate verification is disabled; traffic can be intercepted",
    family: Family::Php,
    keywords: &[
        "VERIFYPEER",
        "VERIFYHOST",
        "verify_peer",
        "verify",
        "withoutVerifying",
    ],
    calls: &[
        "curl_setopt",
        "stream_context_create",
        "curl_setopt_array",
        "Client",
        "withOptions",
        "withoutVerifying",
        "request",
        "requestAsync",
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "getAsync",
        "postAsync",
    ],
    on: 0,
};

impl Rule for PhpTlsVerificationDisabled {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let off = |e: &crate::ir::Expr| {
            e.is_false() || matches!(e.kind, crate::ir::ExprKind::Num(n) if n == 0.0)
        };
        // Guzzle's and Laravel's HTTP clients: `new Client(['verify' => false])`,
        // `$client->request('GET', $url, ['verify' => false])`, `Http::withoutVerifying()`,
        // `Http::withOptions(['verify' => false])`.
        let guzzle = cx.imports("GuzzleHttp") || cx.imports("Illuminate.Support.Facades.Http");
        if guzzle {
            if site.name == "withoutVerifying" && site.recv.is_some() {
                cx.report(Report::at(site.span));
                return;
            }
            let options = match site.name {
                "Client" if site.call.is_new => Some(0),
                "withOptions" => Some(0),
                "request" | "requestAsync" => Some(2),
                "get" | "post" | "put" | "patch" | "delete" | "head" | "getAsync" | "postAsync" => {
                    Some(1)
                }
                _ => None,
            };
            if let Some(i) = options
                && site.option(i, "verify").is_some_and(|(e, _)| off(e))
            {
                cx.report(Report::at(site.span));
                return;
            }
        }
        match site.name {
            "curl_setopt" => {
                let opt = site.arg(1).map(|(e, _)| cx.text(e.span)).unwrap_or("");
                if matches!(opt, "CURLOPT_SSL_VERIFYPEER" | "CURLOPT_SSL_VERIFYHOST")
                    && site.arg(2).is_some_and(|(e, _)| off(e))
                {
                    cx.report(Report::at(site.span));
                }
            }
            _ => {
                let text = cx.text(site.span);
                let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                if compact.contains("'verify_peer'=>false")
                    || compact.contains("\"verify_peer\"=>false")
                    || compact.contains("CURLOPT_SSL_VERIFYPEER=>false")
                {
                    cx.report(Report::at(site.span));
                }
            }
        }
    }
}
