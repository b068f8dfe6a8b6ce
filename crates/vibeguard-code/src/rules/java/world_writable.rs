use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags files made writable by every user: `PosixFilePermission.OTHERS_WRITE` given
    /// to a permission set (`perms.add(...)`, `EnumSet.of(...)`),
    /// `PosixFilePermissions.fromString` of a mode whose "others" part has `w`,
    /// `file.setWritable(true, false)` (writable by all, not only the owner), and Android's
    /// `MODE_WORLD_WRITEABLE` / `MODE_WORLD_READABLE` passed to `openFileOutput`,
    /// `getSharedPreferences`, `getDir`, ...
    ///
    /// ## Why is this bad?
    /// Any local user or app can then change the file: replace a script that runs later,
    /// alter configuration or data, or (world-readable on Android) read another app's
    /// private files (CWE-732, CWE-276).
    ///
    /// ## Example
    /// ```java
    /// Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-x---"));
    /// ```
    JavaWorldWritable
}

static META: RuleMeta = RuleMeta {
    id: "java/world-writable",
    title: "File made writable by everyone",
    cwe: &[732, 276],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "permissions let every user write (or, on Android, read) this file; keep it to the owner",
    family: Family::Java,
    keywords: &["OTHERS_WRITE", "fromString", "setWritable", "MODE_WORLD_"],
    calls: &["*"],
    on: 0,
};

/// `PosixFilePermission.OTHERS_WRITE`, `Context.MODE_WORLD_WRITEABLE`, or the bare
/// constant after a static import.
fn world_constant(e: &Expr) -> bool {
    let name = match &e.kind {
        ExprKind::Attr(_, a) => a.as_str(),
        ExprKind::Name(n) => n.as_str(),
        _ => return false,
    };
    matches!(
        name,
        "OTHERS_WRITE" | "MODE_WORLD_WRITEABLE" | "MODE_WORLD_READABLE"
    )
}

/// The constant itself, or a bitwise combination that includes it.
fn or_ed_world(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Binary(_, l, r) => or_ed_world(l) || or_ed_world(r),
        _ => world_constant(e),
    }
}

impl Rule for JavaWorldWritable {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let hit = match site.name {
            "fromString" => site
                .arg(0)
                .and_then(|(_, v)| v.const_str())
                .is_some_and(|m| m.len() == 9 && m.as_bytes()[7] == b'w'),
            "setWritable" => {
                site.positional() == 2
                    && site.arg(0).is_some_and(|(e, _)| e.is_true())
                    && site.arg(1).is_some_and(|(e, _)| e.is_false())
            }
            // A constant passed to a call, alone or or-ed with others
            // (`MODE_PRIVATE | MODE_WORLD_READABLE`).
            _ => site.call.args.iter().any(|a| or_ed_world(&a.value)),
        };
        if hit {
            cx.report(Report::at(site.span));
        }
    }
}
