use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::rules::support::const_num;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags file and directory modes that let every user write (`os.chmod(p, 0o777)`,
    /// `0o666`, `os.makedirs(p, mode=0o777)`, `os.open(..., 0o777)`, pathlib's
    /// `mkdir`/`touch` with such a mode), `os.umask(0)`, and Django's upload modes
    /// (`FILE_UPLOAD_PERMISSIONS`, `FileSystemStorage(file_permissions_mode=...)`).
    ///
    /// ## Why is this bad?
    /// Any local user or compromised service can replace the file: scripts, configs and
    /// keys become someone else's code and data (CWE-732, CWE-276).
    ///
    /// ## Example
    /// ```python
    /// os.chmod("/var/app/run.sh", 0o777)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// os.chmod("/var/app/run.sh", 0o750)
    /// ```
    WorldWritable
}

static META: RuleMeta = RuleMeta {
    id: "python/world-writable",
    title: "File made writable by everyone",
    cwe: &[732, 276],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "mode lets every user write this file; drop the write bit for others",
    family: Family::Python,
    keywords: &[
        "chmod",
        "umask",
        "makedirs",
        "mkdir",
        "os.open",
        "mkfifo",
        "touch",
        "_PERMISSIONS",
        "permissions_mode",
    ],
    calls: &[
        "chmod",
        "lchmod",
        "fchmod",
        "umask",
        "makedirs",
        "mkdir",
        "mkfifo",
        "open",
        "touch",
        "FileSystemStorage",
    ],
    on: on::ASSIGN,
};

/// Does the constant mode in `e` / `v` let other users write?
fn others_write(cx: &Cx<'_, '_>, e: &crate::ir::Expr, v: &crate::flow::value::Val) -> bool {
    const_num(v).is_some_and(|m| (m as i64) & 0o002 != 0) || {
        let t = cx.text(e.span);
        t.contains("S_IWOTH") || t.contains("S_IRWXO")
    }
}

impl Rule for WorldWritable {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let mode = if site.is(&["os.umask"]) {
            if site.arg(0).is_some_and(|(_, v)| const_num(v) == Some(0.0)) {
                cx.report(Report::at(site.span));
            }
            return;
        } else if site.is(&["os.chmod", "os.lchmod", "os.fchmod"])
            || site.name == "chmod" && site.path.is_none()
        {
            site.arg(1).or_else(|| site.kwarg("mode")).or_else(|| {
                if site.path.is_none() {
                    site.arg(0)
                } else {
                    None
                }
            })
        } else if site.is(&["os.makedirs", "os.mkdir", "os.mkfifo"]) {
            site.kwarg("mode").or_else(|| site.arg(1))
        } else if matches!(site.name, "mkdir" | "touch") && site.path.is_none() {
            // pathlib: `Path(p).mkdir(0o777)`, `Path(p).touch(mode=0o666)`.
            site.kwarg("mode").or_else(|| site.arg(0))
        } else if site.is(&["os.open"]) {
            site.arg(2).or_else(|| site.kwarg("mode"))
        } else if site.is(&[
            "django.core.files.storage.FileSystemStorage",
            "django.core.files.storage.filesystem.FileSystemStorage",
        ]) {
            // The modes Django gives the files and folders the storage saves.
            site.kwarg("file_permissions_mode")
                .filter(|(e, v)| others_write(cx, e, v))
                .or_else(|| site.kwarg("directory_permissions_mode"))
        } else {
            None
        };
        let Some((e, v)) = mode else { return };
        if others_write(cx, e, v) {
            cx.report(Report::at(site.span));
        }
    }
    /// Django settings: `FILE_UPLOAD_PERMISSIONS` / `FILE_UPLOAD_DIRECTORY_PERMISSIONS`,
    /// the modes of every uploaded file and the folders made for them.
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        if site.top_level
            && matches!(
                site.target_path.as_deref(),
                Some("FILE_UPLOAD_PERMISSIONS" | "FILE_UPLOAD_DIRECTORY_PERMISSIONS")
            )
            && others_write(cx, site.value, site.val)
        {
            cx.report(Report::at(site.span));
        }
    }
}
