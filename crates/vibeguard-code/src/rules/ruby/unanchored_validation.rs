use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::flow::value::{ObjKind, Shape};
use crate::ir::{DictKey, Expr, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags Rails format validations (`validates :name, format: /.../`,
    /// `format: { with: /.../ }`, `validates_format_of :name, with: /.../`) whose regular
    /// expression (written there or held by a constant) is not anchored at both ends of
    /// the string with `\A` and `\z` (or `\Z`).
    ///
    /// ## Why is this bad?
    /// In Ruby `^` and `$` match at every line break, and a pattern without anchors
    /// matches anywhere: `"ok\n<script>..."` passes `/^[a-z]+$/`, and `/\w+/` accepts
    /// any value with one word character. The check lets through the data it was meant
    /// to keep out (CWE-625, CWE-185).
    ///
    /// ## Example
    /// ```ruby
    /// validates :username, format: { with: /^[a-z0-9_]+$/ }
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// validates :username, format: { with: /\A[a-z0-9_]+\z/ }
    /// ```
    RubyUnanchoredValidation
}

static META: RuleMeta = RuleMeta {
    id: "ruby/unanchored-validation",
    title: "Format validation not anchored to the whole value",
    cwe: &[625, 185],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "format validation regex is not anchored with \\A and \\z; ^ and $ match at every line, so other lines pass unchecked",
    family: Family::Ruby,
    keywords: &["validates"],
    calls: &["validates", "validates_format_of"],
    on: 0,
};

/// The source of a regex literal (`/.../` is lowered to `Regexp.new("...")`).
fn regex_source(e: &Expr) -> Option<&str> {
    let ExprKind::Call(c) = &e.kind else {
        return None;
    };
    match &c.callee.kind {
        ExprKind::Attr(r, m)
            if m == "new" && matches!(&r.kind, ExprKind::Name(n) if n == "Regexp") =>
        {
            c.arg(0)?.as_str()
        }
        _ => None,
    }
}

/// `\A ... \z` / `\A ... \Z`: the pattern must match the whole value.
fn anchored(src: &str) -> bool {
    let s = src.trim();
    s.starts_with("\\A")
        && (s.ends_with("\\z") || s.ends_with("\\Z"))
        && !s.ends_with("\\\\z")
        && !s.ends_with("\\\\Z")
}

impl Rule for RubyUnanchoredValidation {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() {
            return;
        }
        let regex = match site.name {
            "validates_format_of" => site.kwarg("with").map(|(e, _)| e),
            _ => match site.kwarg("format").map(|(e, _)| e) {
                Some(e) => match &e.kind {
                    ExprKind::Dict(items) => {
                        // `multiline: true` says the author means every line.
                        if items.iter().any(|(k, v)| {
                            matches!(k, DictKey::Const(n) if n == "multiline")
                                && matches!(v.kind, ExprKind::Bool(true))
                        }) {
                            return;
                        }
                        items.iter().find_map(|(k, v)| match k {
                            DictKey::Const(n) if n == "with" => Some(v),
                            _ => None,
                        })
                    }
                    _ => Some(e),
                },
                None => None,
            },
        };
        if site
            .kwarg("multiline")
            .is_some_and(|(e, _)| matches!(e.kind, ExprKind::Bool(true)))
        {
            return;
        }
        if let Some(src) = regex.and_then(regex_source)
            && !anchored(src)
        {
            cx.report(Report::at(site.span));
            return;
        }
        // A regex held by a constant or variable (`with: EMAIL_REGEX`).
        let held = match site.name {
            "validates_format_of" => site.kwarg("with").map(|(_, v)| v.clone()),
            _ => site.kwarg("format").and_then(|(_, v)| match &v.shape {
                Shape::Map(items) => items
                    .iter()
                    .find(|(k, _)| k.as_ref() == "with")
                    .map(|(_, v)| v.clone()),
                _ => None,
            }),
        };
        if regex.is_some_and(|e| regex_source(e).is_none())
            && let Some(Shape::Obj(ObjKind::Regex(src))) = held.map(|v| v.shape)
            && !anchored(&src)
        {
            cx.report(Report::at(site.span));
        }
    }
}
