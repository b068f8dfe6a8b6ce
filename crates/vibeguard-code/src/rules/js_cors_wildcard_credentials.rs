use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags CORS configured to allow any origin (`origin: '*'`, `origin: true`, or an
    /// `Access-Control-Allow-Origin: *` header) in a file that also allows credentials.
    ///
    /// ## Why is this bad?
    /// With credentials allowed, any web site a logged-in user visits can call the API
    /// with the user's cookies and read the answers (CWE-942).
    ///
    /// ## Example
    /// ```text
    /// app.use(cors({ origin: true, credentials: true }));
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// app.use(cors({ origin: ["https://app.example.com"], credentials: true }));
    /// ```
    JsCorsWildcardCredentials
}

static META: Meta = Meta {
    id: "js/cors-wildcard-credentials",
    title: "CORS allows any origin with credentials",
    cwe: &[942],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "CORS reflects any origin while allowing credentials; list the allowed origins explicitly",
    langs: &[Lang::JavaScript],
    keywords: &["credentials"],
};

impl CodeRule for JsCorsWildcardCredentials {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let creds = lazy_regex!(
            r#"(?i)\bcredentials['"]?\s*:\s*true\b|Access-Control-Allow-Credentials['"]?\s*,\s*['"]true"#
        );
        if !creds.is_match(file.text) {
            return;
        }
        let any = lazy_regex!(
            r#"\borigin['"]?\s*:\s*(?:['"]\*['"]|true\b)|Access-Control-Allow-Origin['"]?\s*,\s*['"]\*['"]"#
        );
        for m in any.find_iter(file.text) {
            out.push(Hit {
                start: m.start(),
                end: m.end(),
                fix: None,
            });
        }
    }
}
