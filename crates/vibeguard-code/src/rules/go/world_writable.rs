use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::const_num;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags files and folders created or changed with a mode that lets every user write
    /// them (`os.WriteFile(p, data, 0777)`, `os.Chmod(p, 0666)`, `os.MkdirAll(p, 0777)`).
    ///
    /// ## Why is this bad?
    /// Any local user or compromised service can then change the configuration, data or
    /// code the program trusts (CWE-732).
    ///
    /// ## Example
    /// ```go
    /// os.WriteFile(path, data, 0777)
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// os.WriteFile(path, data, 0600)
    /// ```
    GoWorldWritable
}

static META: RuleMeta = RuleMeta {
    id: "go/world-writable",
    title: "File made writable by everyone",
    cwe: &[732, 276],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "mode lets every user write this file; drop the write bit for others (0600, 0644, 0750)",
    family: Family::Go,
    keywords: &["os."],
    calls: &[
        "WriteFile",
        "OpenFile",
        "Chmod",
        "Mkdir",
        "MkdirAll",
        "Lchmod",
    ],
    on: 0,
};

/// Which argument is the mode, by call.
const MODES: &[(&str, usize)] = &[
    ("os.WriteFile", 2),
    ("io/ioutil.WriteFile", 2),
    ("os.OpenFile", 2),
    ("os.Chmod", 1),
    ("os.Lchmod", 1),
    ("os.Mkdir", 1),
    ("os.MkdirAll", 1),
];

impl Rule for GoWorldWritable {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // f.Chmod(mode) on an *os.File.
        let arg = match MODES.iter().find(|(p, _)| site.is(&[p])) {
            Some((_, i)) => site.arg(*i),
            None if site.name == "Chmod" && site.path.is_none() && site.positional() == 1 => {
                site.arg(0)
            }
            None => None,
        };
        if let Some((_, v)) = arg
            && const_num(v).is_some_and(|m| (m as i64) & 0o002 != 0)
        {
            cx.report(Report::at(site.span));
        }
    }
}
