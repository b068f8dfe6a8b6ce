use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_core::{Confidence, Fix, Severity, TextEdit};

code_rule! {
    /// ## What it does
    /// Flags HTTP clients told not to verify TLS certificates: `verify=False` (requests,
    /// httpx), `ssl._create_unverified_context` and `CERT_NONE`.
    ///
    /// ## Why is this bad?
    /// Without certificate checks anyone on the network path can impersonate the server,
    /// read the traffic (tokens included) and change responses (CWE-295).
    ///
    /// ## Example
    /// ```text
    /// requests.get(url, verify=False)
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// requests.get(url)  # or verify="/path/to/internal-ca.pem"
    /// ```
    PythonTlsVerifyDisabled
}

static META: Meta = Meta {
    id: "python/tls-verify-disabled",
    title: "TLS certificate verification disabled",
    cwe: &[295],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "TLS certificate verification is disabled; keep verification on (point verify= at a CA bundle if needed)",
    langs: &[Lang::Python],
    keywords: &["verify", "_create_unverified_context", "cert_none"],
};

impl CodeRule for PythonTlsVerifyDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re = lazy_regex!(
            r"\bverify\s*=\s*False\b|\bssl\._create_unverified_context\b|\bCERT_NONE\b"
        );
        for m in re.find_iter(file.text) {
            let fix = m.as_str().starts_with("verify").then(|| Fix {
                description: "turn certificate verification back on".to_string(),
                edits: vec![TextEdit {
                    byte_start: m.start(),
                    byte_end: m.end(),
                    replacement: "verify=True".to_string(),
                }],
            });
            out.push(Hit {
                start: m.start(),
                end: m.end(),
                fix,
            });
        }
    }
}
