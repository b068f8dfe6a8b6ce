use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags upload middleware without a size limit: multer and express-fileupload
    /// configured without `limits`; and Express 3 / Connect's `bodyParser()` and
    /// `multipart()`, which accept a multipart upload on every route they are mounted on
    /// and leave its temporary files on disk.
    ///
    /// ## Why is this bad?
    /// The client chooses how much to send: one request with a multi-gigabyte body fills
    /// the disk or the memory of the server (CWE-770, CWE-400).
    ///
    /// ## Example
    /// ```js
    /// const upload = multer({ dest: "uploads/", fileFilter: onlyImages });
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const upload = multer({ dest: "uploads/", fileFilter: onlyImages, limits: { fileSize: 10 * 1024 * 1024 } });
    /// ```
    JsUploadSize
}

static META: RuleMeta = RuleMeta {
    id: "js/upload-size",
    title: "Uploads accepted without a size limit",
    cwe: &[770, 400],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "uploads accepted without a size limit; set limits.fileSize",
    family: Family::Js,
    keywords: &[
        "multer",
        "fileupload",
        "formidable",
        "busboy",
        "bodyParser",
        "multipart",
    ],
    calls: &[
        "multer",
        "fileUpload",
        "formidable",
        "IncomingForm",
        "busboy",
        "Busboy",
        "bodyParser",
        "multipart",
    ],
    on: 0,
};

/// Express 3 / Connect's multipart parser (`multipart()`, and `bodyParser()`, which
/// includes it) writes every file of any multipart request to a temporary file on every
/// route it is mounted on, and never removes them: any client fills the disk.
const MULTIPART_TEMP_FILES: &str = "bodyParser()/multipart() of Express 3 / Connect write every uploaded file of any request to a temporary file that is never removed; use express.json()/express.urlencoded() and an upload parser with limits on the routes that take files";

impl Rule for JsUploadSize {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.is(&[
            "express.bodyParser",
            "express.multipart",
            "connect.bodyParser",
            "connect.multipart",
        ]) {
            cx.report(Report::at(site.span).message(MULTIPART_TEMP_FILES));
            return;
        }
        if site.is(&["multer", "express-fileupload"]) && site.option(0, "limits").is_none() {
            cx.report(Report::at(site.span));
            return;
        }
        // busboy has no size limit unless `limits.fileSize` is given.
        if site.is(&["busboy", "busboy.default"]) && site.option(0, "limits").is_none() {
            cx.report(Report::at(site.span));
            return;
        }
        // formidable limits files to 200 MB unless told `maxFileSize: Infinity`.
        if site.is(&[
            "formidable",
            "formidable.default",
            "formidable.formidable",
            "formidable.IncomingForm",
        ]) {
            let unlimited = ["maxFileSize", "maxTotalFileSize"].iter().any(|k| {
                site.option(0, k).is_some_and(|(e, v)| {
                    e.as_name() == Some("Infinity")
                        || e.dotted().as_deref() == Some("Number.MAX_SAFE_INTEGER")
                        || v.as_const().is_some_and(
                            |c| matches!(c, crate::flow::value::Const::Num(n) if n.is_infinite()),
                        )
                })
            });
            if unlimited {
                cx.report(Report::at(site.span));
            }
        }
    }
}
