use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::flow::value::ObjKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags file-system paths built from input that reach `fs` (and `fs/promises`)
    /// operations, `res.sendFile` without a `root` option, and `res.download`, unless the
    /// path was reduced to a file name (`path.basename`) or checked to stay inside a base
    /// folder after `path.resolve`/`path.normalize`.
    ///
    /// ## Why is this bad?
    /// `../../etc/passwd` or an absolute path walks out of the intended folder: input
    /// reads configuration and keys or overwrites code (CWE-22).
    ///
    /// ## Example
    /// ```js
    /// res.sendFile(path.join(__dirname, "files", req.query.name));
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const file = path.resolve(BASE, req.query.name);
    /// if (!file.startsWith(BASE + path.sep)) return res.sendStatus(404);
    /// res.sendFile(file);
    /// ```
    JsPathTraversal
}

static META: RuleMeta = RuleMeta {
    id: "js/path-traversal",
    title: "File path built from input",
    cwe: &[22, 23, 36, 73],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "file path built from input; keep it inside a base folder (path.basename, or path.resolve + startsWith)",
    family: Family::Js,
    keywords: &["fs", "sendFile", "download", "createReadStream"],
    calls: &[
        "readFile",
        "readFileSync",
        "writeFile",
        "writeFileSync",
        "appendFile",
        "appendFileSync",
        "createReadStream",
        "createWriteStream",
        "unlink",
        "unlinkSync",
        "rm",
        "rmSync",
        "rmdir",
        "rmdirSync",
        "readdir",
        "readdirSync",
        "mkdir",
        "mkdirSync",
        "rename",
        "renameSync",
        "copyFile",
        "copyFileSync",
        "open",
        "openSync",
        "stat",
        "statSync",
        "access",
        "accessSync",
        "sendFile",
        "download",
        "existsSync",
        "cp",
        "cpSync",
        "truncate",
        "chmod",
        "chmodSync",
    ],
    on: 0,
};

impl Rule for JsPathTraversal {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let fs = site.path.is_some_and(|p| {
            [
                "fs.",
                "fs/promises.",
                "node:fs.",
                "node:fs/promises.",
                "fs-extra.",
            ]
            .iter()
            .any(|f| p.starts_with(f))
        }) || site.path.is_some_and(|p| p.starts_with("fs.promises."));
        let res = site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response))
            && matches!(site.name, "sendFile" | "download");
        if fs {
            if let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            if matches!(
                site.name,
                "rename" | "renameSync" | "copyFile" | "copyFileSync" | "cp" | "cpSync"
            ) && let Some((_, v)) = site.arg(1)
            {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
        } else if res {
            // sendFile(name, { root }) keeps the path inside root.
            if site.name == "sendFile" && site.option(1, "root").is_some() {
                return;
            }
            if let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
        }
    }
}
