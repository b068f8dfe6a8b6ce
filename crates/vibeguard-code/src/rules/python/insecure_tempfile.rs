use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `tempfile.mktemp()` and `os.tempnam()`/`os.tmpnam()`.
    ///
    /// ## Why is this bad?
    /// They return a name, not a file: between choosing the name and creating the file
    /// another process can create it first (or a symlink in its place) and the program
    /// writes where the attacker wants (CWE-377).
    ///
    /// ## Example
    /// ```python
    /// path = tempfile.mktemp()
    /// with open(path, "w") as f: ...
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// with tempfile.NamedTemporaryFile("w", delete=False) as f: ...
    /// ```
    InsecureTempfile
}

static META: RuleMeta = RuleMeta {
    id: "python/insecure-tempfile",
    title: "Temporary file name created unsafely",
    cwe: &[377],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "mktemp returns a name another process can take first; use NamedTemporaryFile or mkstemp",
    family: Family::Python,
    keywords: &["mktemp", "tempnam", "tmpnam"],
    calls: &["mktemp", "tempnam", "tmpnam"],
    on: 0,
};

impl Rule for InsecureTempfile {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.is(&["tempfile.mktemp", "os.tempnam", "os.tmpnam"]) {
            cx.report(Report::at(site.span));
        }
    }
}
