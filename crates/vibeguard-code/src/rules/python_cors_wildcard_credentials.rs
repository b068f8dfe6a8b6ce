use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags Starlette/FastAPI `CORSMiddleware` and flask-cors `CORS(...)` configured with
    /// the wildcard origin `"*"` (or a match-everything regex) while allowing credentials.
    ///
    /// ## Why is this bad?
    /// Any web site a logged-in user visits can then send credentialed requests to the API
    /// and read the answers: the same-origin policy no longer protects the user's session
    /// (CWE-942).
    ///
    /// ## Example
    /// ```text
    /// app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
    /// ```
    PythonCorsWildcardCredentials
}

static META: Meta = Meta {
    id: "python/cors-wildcard-credentials",
    title: "CORS allows any origin with credentials",
    cwe: &[942],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "CORS allows every origin together with credentials; list the allowed origins explicitly",
    langs: &[Lang::Python],
    keywords: &["credentials"],
};

impl CodeRule for PythonCorsWildcardCredentials {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let call = lazy_regex!(r"\b(?:add_middleware|CORS|CORSMiddleware)\s*\(");
        let wildcard = lazy_regex!(
            r#"\b(?:allow_origins|origins)\s*=\s*\[?\s*['"]\*['"]|allow_origin_regex\s*=\s*['"]\.\*['"]"#
        );
        let creds = lazy_regex!(r"\b(?:allow_credentials|supports_credentials)\s*=\s*True\b");
        for (start, open, args) in crate::calls::calls(call, file.text) {
            if wildcard.is_match(args) && creds.is_match(args) {
                out.push(crate::calls::hit(start, open, args));
            }
        }
    }
}
