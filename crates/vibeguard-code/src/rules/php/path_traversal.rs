use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags paths built from input that reach `include`/`require` (local and remote file
    /// inclusion) and file functions (`file_get_contents`, `fopen`, `readfile`, `unlink`,
    /// `file_put_contents`, `move_uploaded_file`, ...) and file responses (Laravel's
    /// `response()->download/file`, Symfony's `BinaryFileResponse` and `$this->file()`),
    /// unless reduced with `basename()`, checked after `realpath()`, or checked to hold no
    /// `..`.
    ///
    /// ## Why is this bad?
    /// `../../etc/passwd` walks out of the intended folder; an included file runs as code
    /// (CWE-22, CWE-98).
    ///
    /// ## Example
    /// ```php
    /// include "pages/" . $_GET['page'] . ".php";
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $page = basename($_GET['page']);
    /// include "pages/" . $page . ".php";
    /// ```
    PhpPathTraversal
}

static META: RuleMeta = RuleMeta {
    id: "php/path-traversal",
    title: "File path built from input",
    cwe: &[22, 23, 98],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "file path built from input; use basename() or check the realpath() stays inside the base folder",
    family: Family::Php,
    keywords: &[
        "include",
        "require",
        "file_get_contents",
        "fopen",
        "readfile",
        "unlink",
        "file_put_contents",
        "file(",
        "download(",
        "BinaryFileResponse",
        "->move(",
    ],
    calls: &[
        "include",
        "file_get_contents",
        "fopen",
        "readfile",
        "file",
        "unlink",
        "file_put_contents",
        "copy",
        "rename",
        "mkdir",
        "rmdir",
        "opendir",
        "scandir",
        "move_uploaded_file",
        "is_file",
        "parse_ini_file",
        "download",
        "BinaryFileResponse",
        "move",
    ],
    on: 0,
};

impl Rule for PhpPathTraversal {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // Laravel's `response()->download($path)` / `response()->file($path)`, Symfony's
        // `new BinaryFileResponse($path)` and `$this->file($path)` in a controller.
        // An uploaded file moved under a name from input: `$request->file('f')->move($dir,
        // $name)` (Laravel and Symfony's UploadedFile).
        if site.name == "move"
            && site.positional() == 2
            && site.recv.is_some_and(|r| r.taint.is_some())
        {
            if let Some((_, v)) = site.arg(1) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            return;
        }
        let file_response = match site.recv {
            Some(_) => {
                matches!(site.name, "download" | "file")
                    && match &site.call.callee.kind {
                        crate::ir::ExprKind::Attr(b, _) => {
                            b.as_call().is_some_and(|c| {
                                c.callee.as_name() == Some("response") && c.args.is_empty()
                            }) || (site.name == "file" && b.as_name() == Some("this"))
                        }
                        _ => false,
                    }
            }
            None => site.call.is_new && site.name == "BinaryFileResponse",
        };
        if file_response {
            if let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            return;
        }
        if site.recv.is_some() {
            return;
        }
        let arg = if matches!(site.name, "move_uploaded_file" | "copy" | "rename") {
            1
        } else {
            0
        };
        if let Some((_, v)) = site.arg(arg) {
            // Remote URLs are php/ssrf's.
            if v.prefix.as_deref().is_some_and(|p| p.starts_with("http")) {
                return;
            }
            cx.flow(site.span, v, sink::PATH, accept::REQUEST);
        }
    }
}
