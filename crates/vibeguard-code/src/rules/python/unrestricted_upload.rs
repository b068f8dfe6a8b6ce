use crate::check::{Cx, Report, Rule, RuleMeta, on};
use crate::ir::{Expr, ExprKind, FuncId, Span};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a function that takes an uploaded file (`request.files[...]`,
    /// `request.FILES[...]`) and saves, reads or stores it without checking its type
    /// anywhere: no extension or content-type check, no magic-byte check, no validator.
    ///
    /// ## Why is this bad?
    /// The client chooses the type: `shell.php`, an HTML page with scripts or a
    /// polyglot lands on the server where a web server may run or serve it
    /// (unrestricted upload of a dangerous file type, CWE-434).
    ///
    /// ## Example
    /// ```python
    /// f = request.files["doc"]
    /// f.save(os.path.join(UPLOADS, secure_filename(f.filename)))
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// name = secure_filename(f.filename)
    /// if not name.lower().endswith((".pdf", ".png")):
    ///     abort(400)
    /// f.save(os.path.join(UPLOADS, name))
    /// ```
    UnrestrictedUpload
}

static META: RuleMeta = RuleMeta {
    id: "python/unrestricted-upload",
    title: "Upload stored without a type check",
    cwe: &[434],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "uploaded file stored without checking its type; allow only known extensions or content types",
    family: Family::Python,
    keywords: &["files", "FILES"],
    calls: &[],
    on: on::FUNCTION,
};

/// Words of a function body that show a type check.
const CHECKS: &[&str] = &[
    "endswith",
    "splitext",
    "mimetype",
    "content_type",
    "magic",
    "imghdr",
    "filetype",
    "guess_type",
    "suffix",
    "extension",
    "extensions",
    "what",
    "from_buffer",
    "verify",
];

fn is_check_word(w: &str) -> bool {
    let l = w.to_ascii_lowercase();
    CHECKS.contains(&w)
        || l.contains("allowed")
        || l.contains("safe")
        || l.contains("valid")
        || l.contains("permitted")
        || l.starts_with("check")
        || l.contains("_ext")
}

/// `".pdf"`, `".jpg"`: an extension literal; `b"\xff\xd8..."`: magic bytes.
fn extension_literal(s: &str) -> bool {
    s.starts_with('.')
        && (3..=5).contains(&s.len())
        && s[1..].chars().all(|c| c.is_ascii_alphanumeric())
        || s.starts_with('\u{ff}')
        || s.starts_with("%PDF")
        || s.starts_with("\u{89}PNG")
}

/// `request.files[...]`, `request.files.get(...)`, `request.FILES[...]`.
fn upload_access(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Attr(b, a) => {
            (a == "files" || a == "FILES") && b.as_name().is_some_and(|n| n == "request")
        }
        _ => false,
    }
}

fn scan(cx: &Cx<'_, '_>, f: FuncId) -> (Option<Span>, bool, bool) {
    let mut access = None;
    let mut checked = false;
    let mut stored = false;
    let mut visit = |e: &Expr| {
        e.walk(&mut |x| match &x.kind {
            _ if upload_access(x) && access.is_none() => access = Some(x.span),
            _ if upload_access(x) => {}
            ExprKind::Name(n) | ExprKind::Attr(_, n) => {
                if is_check_word(n) {
                    checked = true;
                }
                if matches!(
                    n.as_str(),
                    "save"
                        | "read"
                        | "write"
                        | "stream"
                        | "execute"
                        | "put_object"
                        | "upload_fileobj"
                ) {
                    stored = true;
                }
            }
            ExprKind::Str(s) | ExprKind::Bytes(s) if extension_literal(s) => checked = true,
            _ => {}
        })
    };
    crate::flow::walk_exprs(&cx.module().funcs[f].body, &mut visit);
    (access, checked, stored)
}

impl Rule for UnrestrictedUpload {
    crate::rule_meta!(META);
    fn function(&self, cx: &mut Cx<'_, '_>, f: FuncId) {
        if f == 0 {
            return;
        }
        let (access, checked, stored) = scan(cx, f);
        if let Some(span) = access
            && stored
            && !checked
        {
            cx.report(Report::at(span));
        }
    }
}
