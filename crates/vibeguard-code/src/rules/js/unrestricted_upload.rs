use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags upload middleware that accepts any file: multer without a `fileFilter`
    /// (reported as an unrestricted type) or without `limits` (reported as an unlimited
    /// size), and express-fileupload without `limits`.
    ///
    /// ## Why is this bad?
    /// The client chooses the type and the size: scripts and HTML land where the server
    /// may serve them, and gigabyte uploads fill the disk (CWE-434, CWE-770).
    ///
    /// ## Example
    /// ```js
    /// const upload = multer({ dest: "uploads/" });
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const upload = multer({
    ///   dest: "uploads/",
    ///   limits: { fileSize: 10 * 1024 * 1024 },
    ///   fileFilter: (req, file, cb) => cb(null, ["image/png", "image/jpeg"].includes(file.mimetype)),
    /// });
    /// ```
    JsUnrestrictedUpload
}

static META: RuleMeta = RuleMeta {
    id: "js/unrestricted-upload",
    title: "Uploads accepted without type or size limits",
    cwe: &[434, 770],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "uploads accepted without a type filter or a size limit; set fileFilter and limits",
    family: Family::Js,
    keywords: &["multer", "fileupload"],
    calls: &["multer", "fileUpload"],
    on: 0,
};

impl Rule for JsUnrestrictedUpload {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.is(&["multer"]) {
            let filter = site.option(0, "fileFilter").is_some();
            let limits = site.option(0, "limits").is_some();
            if !filter {
                cx.report(Report::at(site.span).message("multer accepts every file type; add a fileFilter that allows only expected types"));
            } else if !limits {
                cx.report(
                    Report::at(site.span)
                        .message("multer accepts files of any size; set limits.fileSize"),
                );
            }
        } else if site.is(&["express-fileupload"]) && site.option(0, "limits").is_none() {
            cx.report(
                Report::at(site.span)
                    .message("express-fileupload accepts files of any size; set limits"),
            );
        }
    }
}
