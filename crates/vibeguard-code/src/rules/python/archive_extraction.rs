use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `tarfile` extraction (`extractall`, `extract`, `shutil.unpack_archive`)
    /// without an extraction filter or a list of checked members.
    ///
    /// ## Why is this bad?
    /// Member names in an archive are data: `../../home/app/.bashrc`, absolute paths and
    /// symlinks write outside the target folder when the archive comes from a user or
    /// the network ("tar slip", CWE-22).
    ///
    /// ## Example
    /// ```python
    /// with tarfile.open(upload) as tar:
    ///     tar.extractall(dest)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// with tarfile.open(upload) as tar:
    ///     tar.extractall(dest, filter="data")
    /// ```
    ArchiveExtraction
}

static META: RuleMeta = RuleMeta {
    id: "python/archive-extraction",
    title: "Archive extracted without member checks",
    cwe: &[22],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "tar archive extracted without checking member paths; pass filter=\"data\" or check each member",
    family: Family::Python,
    keywords: &["tarfile", "unpack_archive"],
    calls: &["extractall", "extract", "unpack_archive"],
    on: 0,
};

impl Rule for ArchiveExtraction {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.kwarg("filter").is_some() || site.kwarg("members").is_some() {
            return;
        }
        let tar = match site.name {
            "unpack_archive" => site.is(&["shutil.unpack_archive"]),
            _ => {
                site.path.is_some_and(|p| p.starts_with("tarfile."))
                    || site.path.is_none() && cx.imports("tarfile") && !cx.imports("zipfile")
            }
        };
        if tar && !members_checked(cx, site) {
            cx.report(Report::at(site.span));
        }
    }
}

/// Does the function loop over the archive's members (`for m in tar.getmembers():`,
/// `for m in tar:`) with a check in the loop (an `if`, a `raise`) before extracting all?
fn members_checked(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    use crate::ir::{ExprKind, StmtKind};
    let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
        return false;
    };
    let Some(archive) = recv.as_name() else {
        return false;
    };
    let mut checked = false;
    crate::ir::for_each_nested_stmt(&cx.module().funcs[cx.func()].body, &mut |s| {
        let StmtKind::For { iter, body, .. } = &s.kind else {
            return;
        };
        if s.span.start >= site.span.start {
            return;
        }
        let over_members = iter.as_name() == Some(archive)
            || iter.as_call().is_some_and(|c| {
                matches!(&c.callee.kind, ExprKind::Attr(b, m)
                    if b.as_name() == Some(archive)
                        && matches!(m.as_str(), "getmembers" | "getnames"))
            });
        let mut has_check = false;
        crate::ir::for_each_nested_stmt(body, &mut |t| {
            if matches!(t.kind, StmtKind::If { .. } | StmtKind::Raise(_)) {
                has_check = true;
            }
        });
        checked |= over_members && has_check;
    });
    checked
}
