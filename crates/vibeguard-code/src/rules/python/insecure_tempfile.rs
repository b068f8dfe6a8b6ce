use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `tempfile.mktemp()` and `os.tempnam()`/`os.tmpnam()`, and files opened for
    /// writing under a fixed name in a shared temporary directory
    /// (`open("/tmp/report.csv", "w")`, also `/var/tmp`, `/dev/shm`).
    ///
    /// ## Why is this bad?
    /// They give a name, not a file: between choosing the name and creating the file
    /// another local user can create it first (or a symlink in its place) and the program
    /// writes where the attacker wants (CWE-377). A fixed name in `/tmp` is known before
    /// the program even runs.
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
    keywords: &[
        "mktemp",
        "tempnam",
        "tmpnam",
        "/tmp/",
        "/var/tmp/",
        "/dev/shm/",
    ],
    calls: &["mktemp", "tempnam", "tmpnam", "open"],
    on: 0,
};

/// `open("/tmp/name", "w")`: a constant name directly in a directory every user can
/// write, opened to write without `x` (exclusive creation, which refuses an existing
/// file or symlink).
fn writes_fixed_shared_name(site: &CallSite<'_>) -> bool {
    if !site.is(&["open", "io.open", "codecs.open", "builtins.open"]) {
        return false;
    }
    let shared = site
        .arg(0)
        .or_else(|| site.kwarg("file"))
        .and_then(|(_, v)| v.const_str())
        .is_some_and(|p| {
            ["/tmp/", "/var/tmp/", "/dev/shm/"]
                .iter()
                .any(|d| p.strip_prefix(d).is_some_and(|rest| !rest.is_empty()))
        });
    let writes = site
        .arg(1)
        .or_else(|| site.kwarg("mode"))
        .and_then(|(_, v)| v.const_str())
        .is_some_and(|m| (m.contains('w') || m.contains('a')) && !m.contains('x'));
    shared && writes
}

impl Rule for InsecureTempfile {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.is(&["tempfile.mktemp", "os.tempnam", "os.tmpnam"]) {
            cx.report(Report::at(site.span));
        } else if writes_fixed_shared_name(site) {
            cx.report(Report::at(site.span).message(
                "file written under a fixed name in a shared temporary directory; another user can plant it or a symlink first (use tempfile.NamedTemporaryFile or mkstemp)",
            ));
        }
    }
}
