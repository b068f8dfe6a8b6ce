use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags upload middleware that accepts any file type: multer without a
    /// `fileFilter`. (A missing size limit is `js/upload-size`.)
    ///
    /// ## Why is this bad?
    /// The client chooses the type: scripts and HTML land where the server may serve
    /// them (CWE-434).
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
    title: "Uploads accepted without a type filter",
    cwe: &[434],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "uploads accepted without a type filter; set a fileFilter that allows only expected types",
    family: Family::Js,
    keywords: &["multer", "fileupload"],
    calls: &["multer", "fileUpload"],
    on: 0,
};

impl Rule for JsUnrestrictedUpload {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.is(&["multer"]) && site.option(0, "fileFilter").is_none() {
            cx.report(Report::at(site.span));
        }
    }
}
