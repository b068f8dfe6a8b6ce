use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::flow::value::{Const, Shape, Val};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false)`, `CURLOPT_SSL_VERIFYHOST` set to
    /// 0, stream contexts with `'verify_peer' => false`, and HTTP clients given options that
    /// turn verification off (Guzzle and Laravel `'verify' => false`, `withoutVerifying()`,
    /// WordPress Requests `'verifyname' => false`, pecl_http `'verifypeer' => false`,
    /// SendGrid `verifySSLCerts: false`), written in place or passed in a variable.
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
        "verifySSLCerts",
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
        "putAsync",
        "patchAsync",
        "deleteAsync",
        "headAsync",
        "optionsAsync",
        "options",
        "trace",
        "send",
        "sendAsync",
        "Session",
        "request_multiple",
        "setOptions",
        "setSslOptions",
        "addSslOptions",
    ],
    on: 0,
};

impl Rule for PhpTlsVerificationDisabled {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let off = |e: &crate::ir::Expr| {
            e.is_false() || matches!(e.kind, crate::ir::ExprKind::Num(n) if n == 0.0)
        };
        // HTTP clients: Guzzle's and Laravel's (`new Client(['verify' => false])`,
        // `$client->request('GET', $url, $options)`, `Http::withoutVerifying()`,
        // `Http::withOptions($options)`), WordPress Requests (`'verify'`/`'verifyname'`,
        // also per request of `request_multiple`), pecl_http (`setSslOptions(['verifypeer'
        // => false])`, `setOptions(['ssl' => ...])`) and SendGrid (`verifySSLCerts: false`):
        // an options array, written in place or held in a variable, that turns a
        // verification off.
        if site.name == "withoutVerifying" && site.recv.is_some() {
            cx.report(Report::at(site.span));
            return;
        }
        for (k, a) in site.call.args.iter().enumerate() {
            if let Some(n) = a.name.as_deref()
                && n.to_ascii_lowercase().starts_with("verify")
                && off(&a.value)
            {
                cx.report(Report::at(site.span));
                return;
            }
            if site.name != "curl_setopt_array"
                && site.name != "stream_context_create"
                && disables_verification(&site.args[k], 0)
            {
                cx.report(Report::at(site.span));
                return;
            }
        }
        // SendGrid's `new Client($url, $headers, $version, $path, $curl, $retry, false)`.
        if site.call.is_new
            && site.path == Some("SendGrid.Client")
            && site.arg(6).is_some_and(|(e, _)| off(e))
        {
            cx.report(Report::at(site.span));
            return;
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

/// Does an options array (or one nested in it: `['ssl' => [...]]`, the requests of
/// `request_multiple`) set a TLS verification option of an HTTP client to false?
fn disables_verification(v: &Val, depth: u32) -> bool {
    if depth > 2 {
        return false;
    }
    let off = |x: &Val| {
        matches!(x.as_const(), Some(Const::Bool(false)))
            || matches!(x.as_const(), Some(Const::Num(n)) if *n == 0.0)
    };
    match &v.shape {
        Shape::Map(kv) => kv.iter().any(|(k, x)| {
            (matches!(
                &**k,
                "verify"
                    | "verifyname"
                    | "verifypeer"
                    | "verifyhost"
                    | "verify_peer"
                    | "verify_host"
            ) && off(x))
                || disables_verification(x, depth + 1)
        }),
        Shape::Seq(xs) => xs.iter().any(|x| disables_verification(x, depth + 1)),
        _ => false,
    }
}
