use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::{ExprKind, StmtKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags uploaded files saved under the name the client sent
    /// (`f.save(os.path.join(UPLOADS, f.filename))`) without `secure_filename` and
    /// without checking the extension, and Flask apps that accept uploads
    /// (`request.files`) with no `MAX_CONTENT_LENGTH` anywhere in the file.
    ///
    /// ## Why is this bad?
    /// The client chooses the name and the type: `shell.php`, `../app.py` or a 10 GB
    /// body land on the server's disk (CWE-434, CWE-22, CWE-770).
    ///
    /// ## Example
    /// ```python
    /// f = request.files["doc"]
    /// f.save(os.path.join(UPLOADS, f.filename))
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// app.config["MAX_CONTENT_LENGTH"] = 10 * 1024 * 1024
    /// name = secure_filename(f.filename)
    /// if not name.lower().endswith((".pdf", ".png")):
    ///     abort(400)
    /// f.save(os.path.join(UPLOADS, name))
    /// ```
    UnrestrictedUpload
}

static META: RuleMeta = RuleMeta {
    id: "python/unrestricted-upload",
    title: "Upload saved without name, type or size checks",
    cwe: &[434, 770],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "uploaded file saved without checking its name, type or size; use secure_filename, allow only known extensions and set MAX_CONTENT_LENGTH",
    family: Family::Python,
    keywords: &["files", "upload", "filename"],
    calls: &["save"],
    on: on::MODULE,
};

/// Does the function check an extension or content type anywhere (`endswith`,
/// `splitext`, `rsplit('.')`, `mimetype`, `ALLOWED_EXTENSIONS`)?
fn checks_type(text: &str) -> bool {
    [
        "endswith",
        "splitext",
        "rsplit('.'",
        "rsplit(\".\"",
        "mimetype",
        "content_type",
        "ALLOWED",
        "allowed_file",
        "imghdr",
        "magic.",
    ]
    .iter()
    .any(|k| text.contains(k))
}

impl Rule for UnrestrictedUpload {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_none() || site.name != "save" {
            return;
        }
        let Some((e, v)) = site.arg(0).or_else(|| site.kwarg("dst")) else {
            return;
        };
        let uses_client_name = cx.text(e.span).contains(".filename");
        let func_text = cx.text(cx.module().funcs[cx.func()].span);
        if (uses_client_name
            || cx.is_tainted(v, crate::check::sink::PATH, crate::check::accept::INPUT))
            && !func_text.contains("secure_filename")
            && !checks_type(func_text)
        {
            cx.report(Report::at(site.span));
        }
    }
    fn module(&self, cx: &mut Cx<'_, '_>) {
        let src = cx.whole_text();
        if !src.contains("request.files")
            || src.contains("MAX_CONTENT_LENGTH")
            || !cx.imports("flask")
        {
            return;
        }
        // Report at the Flask(...) app creation.
        for s in &cx.module().funcs[0].body {
            if let StmtKind::Assign { value, .. } = &s.kind
                && let ExprKind::Call(c) = &value.kind
                && c.callee.last_name() == Some("Flask")
            {
                cx.report(Report::at(s.span).message(
                    "this Flask app accepts uploads with no MAX_CONTENT_LENGTH: a client can send a body of any size",
                ));
                return;
            }
        }
    }
}
