use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on, replace};
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags TLS certificate checks turned off: `verify=False` in requests/httpx,
    /// `ssl=False`/`verify_ssl=False` in aiohttp, `ssl._create_unverified_context()`,
    /// `check_hostname = False`, `verify_mode = ssl.CERT_NONE`, `cert_reqs=CERT_NONE`
    /// (urllib3 also `cert_reqs="NONE"`), and paramiko clients that accept any SSH host
    /// key (`set_missing_host_key_policy(AutoAddPolicy())`). `CERT_OPTIONAL` is not
    /// flagged: on a client socket Python treats it as `CERT_REQUIRED`.
    ///
    /// ## Why is this bad?
    /// Without certificate checks anyone on the network path (public Wi-Fi, a
    /// compromised router, a malicious proxy) can impersonate the server and read or
    /// change the traffic, credentials included (CWE-295).
    ///
    /// ## Example
    /// ```python
    /// requests.get(url, verify=False)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// requests.get(url)  # or verify="/path/to/internal-ca.pem"
    /// ```
    PythonTlsVerifyDisabled
}

static META: RuleMeta = RuleMeta {
    id: "python/tls-verify-disabled",
    title: "TLS certificate verification disabled",
    cwe: &[295],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "TLS certificate verification is disabled; traffic can be intercepted",
    family: Family::Python,
    keywords: &[
        "verify",
        "ssl",
        "cert_none",
        "check_hostname",
        "unverified",
        "host_key_policy",
    ],
    calls: &["*"],
    on: on::ASSIGN,
};

impl Rule for PythonTlsVerifyDisabled {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.is(&[
            "ssl._create_unverified_context",
            "ssl._create_stdlib_context",
        ]) {
            let fix = replace(
                site.call.callee.span,
                "ssl.create_default_context",
                "use ssl.create_default_context(), which verifies certificates",
            );
            let fix =
                (cx.text(site.call.callee.span) == "ssl._create_unverified_context").then_some(fix);
            cx.report(Report::at(site.span).fix(fix));
            return;
        }
        // paramiko: accept whatever host key the server presents.
        if site.name == "set_missing_host_key_policy"
            && let Some((e, _)) = site.arg(0).or_else(|| site.kwarg("policy"))
        {
            let named = match &e.kind {
                crate::ir::ExprKind::Call(c) => cx.path_of(&c.callee),
                _ => cx.path_of(e),
            };
            if named.is_some_and(|p| {
                matches!(
                    p.as_str(),
                    "paramiko.AutoAddPolicy"
                        | "paramiko.client.AutoAddPolicy"
                        | "paramiko.WarningPolicy"
                        | "paramiko.client.WarningPolicy"
                )
            }) {
                cx.report(Report::at(site.span).message(
                    "SSH host key accepted without verification; load known hosts and keep RejectPolicy",
                ));
            }
            return;
        }
        for key in ["verify", "verify_ssl", "ssl"] {
            if let Some((_, v)) = site.kwarg(key)
                && const_bool(v) == Some(false)
            {
                let ok_lib = site.path.is_some_and(|p| {
                    ["requests", "httpx", "aiohttp", "urllib3"]
                        .iter()
                        .any(|l| p.starts_with(l))
                }) || site.path.is_none()
                    && (cx.imports("requests") || cx.imports("httpx") || cx.imports("aiohttp"));
                if !ok_lib {
                    continue;
                }
                // verify=False -> verify=True (the value only: nothing else moves).
                let fix = (key == "verify")
                    .then(|| site.kwarg(key))
                    .flatten()
                    .filter(|(e, _)| matches!(e.kind, crate::ir::ExprKind::Bool(false)))
                    .map(|(e, _)| {
                        crate::check::replace(
                            e.span,
                            "True",
                            "set verify=True so certificates are checked",
                        )
                    });
                cx.report(Report::at(site.span).fix(fix));
                return;
            }
        }
        // A context made by hand verifies nothing unless the code turns it on.
        if site.is(&["ssl.SSLContext"]) {
            let protocol = site
                .arg(0)
                .and_then(|(e, _)| cx.path_of(e))
                .unwrap_or_default();
            let client = protocol.ends_with("PROTOCOL_TLS_CLIENT");
            let src = cx.whole_text();
            if !client && !src.contains("CERT_REQUIRED") && !src.contains("load_default_certs") {
                cx.report(Report::at(site.span).message(
                    "SSLContext created without certificate verification; use ssl.create_default_context()",
                ));
            }
            return;
        }
        if site.is(&["OpenSSL.SSL.Context"]) && !cx.whole_text().contains("set_verify") {
            cx.report(Report::at(site.span).message(
                "pyOpenSSL context without set_verify(VERIFY_PEER) does not check certificates",
            ));
            return;
        }
        for key in ["cert_reqs", "verify_mode"] {
            if let Some((e, v)) = site.kwarg(key) {
                let none = cx.path_of(e).is_some_and(|p| p.ends_with("CERT_NONE"))
                    // urllib3 also takes the names as strings ("CERT_NONE" or "NONE").
                    || matches!(v.const_str(), Some("CERT_NONE" | "NONE"));
                if none {
                    cx.report(Report::at(site.span));
                    return;
                }
            }
        }
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Some(t) = &site.target_path else { return };
        let off = if t.ends_with(".check_hostname") {
            const_bool(site.val) == Some(false)
        } else if t.ends_with(".verify_mode") {
            cx.path_of(site.value)
                .is_some_and(|p| p.ends_with("CERT_NONE"))
        } else if t.ends_with(".verify") {
            const_bool(site.val) == Some(false) && (cx.imports("requests") || cx.imports("httpx"))
        } else if t.ends_with("_create_default_https_context") {
            cx.path_of(site.value)
                .is_some_and(|p| p.ends_with("_create_unverified_context"))
        } else {
            false
        };
        if off {
            cx.report(Report::at(site.span));
        }
    }
}
