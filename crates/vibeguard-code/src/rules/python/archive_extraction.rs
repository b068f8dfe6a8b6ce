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
        if tar {
            cx.report(Report::at(site.span));
        }
    }
}
