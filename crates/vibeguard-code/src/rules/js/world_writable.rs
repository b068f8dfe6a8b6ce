use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::const_num;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags file and directory modes that let every user write: `fs.chmod(p, 0o777)`,
    /// `"777"`, `fs.mkdir(p, { mode: 0o777 })`, `fs.writeFile(p, data, { mode: 0o666 })`.
    ///
    /// ## Why is this bad?
    /// Any local user or compromised service can replace the file (CWE-732, CWE-276).
    ///
    /// ## Example
    /// ```js
    /// fs.chmodSync("run.sh", 0o777);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// fs.chmodSync("run.sh", 0o750);
    /// ```
    JsWorldWritable
}

static META: RuleMeta = RuleMeta {
    id: "js/world-writable",
    title: "File made writable by everyone",
    cwe: &[732, 276],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "mode lets every user write this file; drop the write bit for others",
    family: Family::Js,
    keywords: &["chmod", "mode", "0o6", "0o7", "0666", "0777"],
    calls: &[
        "chmod",
        "chmodSync",
        "fchmod",
        "fchmodSync",
        "mkdir",
        "mkdirSync",
        "writeFile",
        "writeFileSync",
        "open",
        "openSync",
    ],
    on: 0,
};

fn others_write(v: &crate::flow::value::Val) -> bool {
    const_num(v).is_some_and(|m| (m as i64) & 0o002 != 0)
        || v.const_str()
            .and_then(|s| i64::from_str_radix(s.trim_start_matches("0o"), 8).ok())
            .is_some_and(|m| m & 0o002 != 0)
}

impl Rule for JsWorldWritable {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site.path.is_some_and(|p| {
            p.starts_with("fs.") || p.starts_with("node:fs.") || p.starts_with("fs/promises.")
        }) {
            return;
        }
        let mode = match site.name {
            "chmod" | "chmodSync" | "fchmod" | "fchmodSync" => site.arg(1).map(|(_, v)| v.clone()),
            "mkdir" | "mkdirSync" => site.option(1, "mode").map(|(_, v)| v),
            "writeFile" | "writeFileSync" => site.option(2, "mode").map(|(_, v)| v),
            "open" | "openSync" => site.arg(2).map(|(_, v)| v.clone()),
            _ => None,
        };
        if mode.is_some_and(|m| others_write(&m)) {
            cx.report(Report::at(site.span));
        }
    }
}
