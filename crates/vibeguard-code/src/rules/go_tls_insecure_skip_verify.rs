use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags `tls.Config{InsecureSkipVerify: true}`.
    ///
    /// ## Why is this bad?
    /// The client accepts any certificate for any host name: a machine in the middle can
    /// read and change the traffic (CWE-295).
    ///
    /// ## Example
    /// ```text
    /// client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// pool := x509.NewCertPool(); pool.AppendCertsFromPEM(caPEM)
    /// cfg := &tls.Config{RootCAs: pool}
    /// ```
    GoInsecureSkipVerify
}

static META: Meta = Meta {
    id: "go/tls-insecure-skip-verify",
    title: "TLS certificate verification disabled",
    cwe: &[295],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "InsecureSkipVerify disables certificate checks; trust a specific CA pool instead",
    langs: &[Lang::Go],
    keywords: &["insecureskipverify"],
};

impl CodeRule for GoInsecureSkipVerify {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re = lazy_regex!(r"\bInsecureSkipVerify\s*:\s*true\b");
        for m in re.find_iter(file.text) {
            out.push(Hit {
                start: m.start(),
                end: m.end(),
                fix: None,
            });
        }
    }
}
