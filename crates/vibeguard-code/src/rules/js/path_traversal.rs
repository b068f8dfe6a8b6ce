use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::flow::value::ObjKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags file-system paths built from input that reach `fs` (and `fs/promises`)
    /// operations, `res.sendFile` without a `root` option, and `res.download`, unless the
    /// path was reduced to a file name (`path.basename`) or checked to stay inside a base
    /// folder after `path.resolve`/`path.normalize`. A path joined from input
    /// (`path.join(base, req.query.file)`, `path.resolve(...)`) is reported where it is
    /// built when the function hands it on without any file operation or containment
    /// check of its own (to a helper, another module, or its caller), since the
    /// operation that uses it is out of sight.
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
    keywords: &["fs", "sendFile", "download", "createReadStream", "path"],
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
        "join",
        "resolve",
    ],
    on: 0,
};

impl Rule for JsPathTraversal {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if matches!(site.name, "join" | "resolve") {
            if matches!(
                site.path,
                Some("path.join" | "path.resolve" | "path.posix.join" | "path.posix.resolve")
            ) {
                joined_path(cx, site);
            }
            return;
        }
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

/// Words in a function's text that show it uses or checks the path itself: a file
/// operation (reported, or not, where it happens) or a containment check.
const USES_OR_CHECKS: &[&str] = &[
    "fs.",
    "fsp.",
    "readFile",
    "writeFile",
    "createReadStream",
    "createWriteStream",
    "sendFile",
    "download(",
    "unlink",
    "existsSync",
    "startsWith(",
    "relative(",
    "realpath",
    "'..'",
    "\"..\"",
    "basename(",
    ".indexOf(",
    // `.replace(/\.\.\//g, "")` and sanitizer helpers
    "\\.\\.",
    "sanitiz",
];

/// How far around a join its function is searched for a use or a check (bytes).
const WINDOW: usize = 1500;

/// `path.join(base, input)` whose result leaves the function unused and unchecked.
fn joined_path(cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
    let input = site
        .args
        .iter()
        .any(|v| cx.has_input(v, sink::PATH, accept::REQUEST));
    if !input {
        return;
    }
    // The function's text around the call (a bounded window, so a long function with
    // many joins stays linear).
    let f = cx.module().funcs[cx.func()].span;
    let text = cx.whole_text();
    let mut start = (site.span.start as usize)
        .saturating_sub(WINDOW)
        .max(f.start as usize);
    let mut end = (site.span.end as usize + WINDOW)
        .min(f.end as usize)
        .min(text.len());
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    let body = &text[start..end.max(start)];
    if USES_OR_CHECKS.iter().any(|w| body.contains(w)) {
        return;
    }
    cx.report(Report::at(site.span).message(
        "file path joined from input and handed on unchecked; keep it inside the base folder (path.basename, or path.resolve + startsWith)",
    ));
}
