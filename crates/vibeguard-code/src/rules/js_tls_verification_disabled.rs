use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags `rejectUnauthorized: false` and setting `NODE_TLS_REJECT_UNAUTHORIZED` to `0`.
    ///
    /// ## Why is this bad?
    /// Node then accepts any certificate, so anyone on the path can impersonate the
    /// server and read or alter the traffic (CWE-295).
    ///
    /// ## Example
    /// ```text
    /// https.request({ host, rejectUnauthorized: false });
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// https.request({ host, ca: fs.readFileSync("internal-ca.pem") });
    /// ```
    JsTlsVerificationDisabled
}

static META: Meta = Meta {
    id: "js/tls-verification-disabled",
    title: "TLS certificate verification disabled",
    cwe: &[295],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "TLS certificate verification is disabled; trust a specific CA (ca: ...) instead",
    langs: &[Lang::JavaScript],
    keywords: &["rejectunauthorized", "node_tls_reject_unauthorized"],
};

impl CodeRule for JsTlsVerificationDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re = lazy_regex!(
            r#"\brejectUnauthorized\s*:\s*false\b|NODE_TLS_REJECT_UNAUTHORIZED['"]?\]?\s*=\s*['"]?0"#
        );
        for m in re.find_iter(file.text) {
            out.push(Hit {
                start: m.start(),
                end: m.end(),
                fix: None,
            });
        }
    }
}
