use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::{ExprKind, StmtKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a Flask app that accepts uploads (`request.files`) when nothing in the file
    /// limits their size: no `MAX_CONTENT_LENGTH`, no check of `content_length` or of the
    /// data's length; and a FastAPI/Starlette handler that reads a whole `UploadFile`
    /// (`await file.read()` with no size) without checking its length.
    ///
    /// ## Why is this bad?
    /// Flask reads the whole body: a client that sends gigabytes fills memory or disk and
    /// takes the service down (CWE-770, CWE-400).
    ///
    /// ## Example
    /// ```python
    /// app = Flask(__name__)
    ///
    /// @app.route("/upload", methods=["POST"])
    /// def upload():
    ///     request.files["doc"].save(path)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// app = Flask(__name__)
    /// app.config["MAX_CONTENT_LENGTH"] = 10 * 1024 * 1024
    /// ```
    UploadSizeUnlimited
}

static META: RuleMeta = RuleMeta {
    id: "python/upload-size-unlimited",
    title: "Uploads accepted without a size limit",
    cwe: &[770, 400],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "this Flask app accepts uploads with no size limit; set MAX_CONTENT_LENGTH",
    family: Family::Python,
    keywords: &["request.files", "UploadFile"],
    calls: &["read"],
    on: on::MODULE,
};

/// Does the file limit upload sizes anywhere?
fn limits_size(src: &str) -> bool {
    [
        "MAX_CONTENT_LENGTH",
        "content_length",
        "MAX_FILE_SIZE",
        "max_size",
        "len(",
        ".tell()",
        "st_size",
    ]
    .iter()
    .any(|k| src.contains(k))
}

impl Rule for UploadSizeUnlimited {
    crate::rule_meta!(META);
    /// FastAPI/Starlette: `await file.read()` with no size on an `UploadFile` parameter
    /// reads the whole upload into memory.
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.name != "read" || !site.call.args.is_empty() {
            return;
        }
        let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
            return;
        };
        let Some(name) = recv.as_name() else { return };
        let upload = cx.module().funcs[cx.func()].params.iter().any(|p| {
            p.name() == Some(name)
                && p.annotation
                    .as_deref()
                    .is_some_and(|a| a.trim().ends_with("UploadFile"))
        });
        if upload && !limits_size(cx.text(cx.module().funcs[cx.func()].span)) {
            cx.report(Report::at(site.span).message(
                "the whole upload is read into memory with no size limit; read at most a maximum size and reject larger files",
            ));
        }
    }
    fn module(&self, cx: &mut Cx<'_, '_>) {
        let src = cx.whole_text();
        if !src.contains("request.files") || limits_size(src) || !cx.imports("flask") {
            return;
        }
        for s in &cx.module().funcs[0].body {
            if let StmtKind::Assign { value, .. } = &s.kind
                && let ExprKind::Call(c) = &value.kind
                && c.callee.last_name() == Some("Flask")
            {
                cx.report(Report::at(s.span));
                return;
            }
        }
    }
}
