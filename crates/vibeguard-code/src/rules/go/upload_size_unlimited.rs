use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::flow::value::ObjKind;
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::rules::support::walk_stmt_exprs;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `r.ParseMultipartForm(n)` and `r.FormFile(name)` on an HTTP request when
    /// nothing in the file caps the body's size (`http.MaxBytesReader` on the request
    /// body, or `http.MaxBytesHandler` around the handlers).
    ///
    /// ## Why is this bad?
    /// The memory argument only decides what is kept in memory: the rest of every file
    /// part is written to temporary files with no limit, so one client can fill the disk
    /// and take the service down (CWE-770, CWE-400).
    ///
    /// ## Example
    /// ```go
    /// func upload(w http.ResponseWriter, r *http.Request) {
    ///     r.ParseMultipartForm(32 << 20)
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// func upload(w http.ResponseWriter, r *http.Request) {
    ///     r.Body = http.MaxBytesReader(w, r.Body, 10<<20)
    ///     if err := r.ParseMultipartForm(10 << 20); err != nil {
    ///         http.Error(w, "too large", http.StatusRequestEntityTooLarge)
    ///         return
    ///     }
    /// }
    /// ```
    GoUploadSizeUnlimited
}

static META: RuleMeta = RuleMeta {
    id: "go/upload-size-unlimited",
    title: "Uploads accepted without a size limit",
    cwe: &[770, 400],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "multipart upload parsed with no cap on the request body; wrap r.Body in http.MaxBytesReader",
    family: Family::Go,
    keywords: &["ParseMultipartForm", "FormFile"],
    calls: &["ParseMultipartForm", "FormFile"],
    on: 0,
};

/// Does any function of the file call `MaxBytesReader` or `MaxBytesHandler`?
fn caps_body(cx: &Cx<'_, '_>) -> bool {
    let mut found = false;
    for f in &cx.module().funcs {
        for s in &f.body {
            walk_stmt_exprs(s, &mut |e| {
                if let ExprKind::Call(c) = &e.kind
                    && matches!(
                        c.callee.last_name(),
                        Some("MaxBytesReader" | "MaxBytesHandler")
                    )
                {
                    found = true;
                }
            });
            if found {
                return true;
            }
        }
    }
    false
}

impl Rule for GoUploadSizeUnlimited {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site
            .recv
            .is_some_and(|r| matches!(r.shape, crate::flow::value::Shape::Obj(ObjKind::Request(_))))
        {
            return;
        }
        if !caps_body(cx) {
            cx.report(Report::at(site.span));
        }
    }
}
