use crate::calls::{calls, hit};
use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags `app.run(debug=True)` in Flask applications.
    ///
    /// ## Why is this bad?
    /// The Werkzeug debugger serves an interactive Python console on errors: anyone who
    /// can reach the server and trigger an exception can run code on it (CWE-489, CWE-94).
    ///
    /// ## Example
    /// ```text
    /// app.run(host="0.0.0.0", debug=True)
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
    /// ```
    FlaskDebug
}

static META: Meta = Meta {
    id: "python/flask-debug",
    title: "Flask debug mode enabled",
    cwe: &[489, 94],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "Flask debug mode exposes an interactive code console; enable it only from the environment in development",
    langs: &[Lang::Python],
    keywords: &["debug"],
};

impl CodeRule for FlaskDebug {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re = lazy_regex!(r"\b\w*app\.run\s*\(");
        let dbg = lazy_regex!(r"\bdebug\s*=\s*True\b");
        for (start, open, args) in calls(re, file.text) {
            if dbg.is_match(args) {
                out.push(hit(start, open, args));
            }
        }
    }
}
