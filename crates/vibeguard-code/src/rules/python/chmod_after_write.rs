use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{Call, Expr, ExprKind, Pattern, Span, Stmt, StmtKind, for_each_nested_stmt};
use crate::rule_doc;
use crate::rules::support::{const_num, walk_stmt_exprs};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `os.chmod(path, mode)` (or pathlib's `path.chmod(mode)`) that takes read
    /// access away from other users after the same function already wrote data into
    /// `path` (through `open(path, "w")`, `"a"` or `"x"`, `path.open("w")`, or
    /// `path.write_text`), when the file sets no `umask`: the file was made with the
    /// default permissions, usually readable by everyone, and only restricted once the
    /// data was in it.
    ///
    /// ## Why is this bad?
    /// Between `open` and `chmod` the data is readable by every local user, and a
    /// process that opened the file in that window keeps reading it (and whatever is
    /// written later) after the mode changes. The restrictive mode shows the contents are
    /// meant to be private: keys, tokens, credentials (CWE-732, CWE-276).
    ///
    /// ## Example
    /// ```python
    /// with open(key_path, "w") as f:
    ///     f.write(key)
    /// os.chmod(key_path, 0o600)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    /// with os.fdopen(fd, "w") as f:
    ///     f.write(key)
    /// ```
    ChmodAfterWrite
}

static META: RuleMeta = RuleMeta {
    id: "python/chmod-after-write",
    title: "Private file restricted only after it was written",
    cwe: &[732, 276],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "the file was created readable by others and restricted only now; create it with os.open(path, flags, 0o600) instead",
    family: Family::Python,
    keywords: &["chmod"],
    calls: &["chmod"],
    on: 0,
};

/// Builtin `open` with a mode that creates or writes the file (`w`, `a`, `x`), and its
/// path argument.
fn opened_for_writing<'a>(cx: &Cx<'_, '_>, call: &'a Call) -> Option<&'a Expr> {
    let path = cx.path_of(&call.callee);
    if !matches!(path.as_deref(), Some("open" | "io.open" | "builtins.open")) {
        return None;
    }
    let mode = call.arg(1).or_else(|| call.kwarg("mode"))?.as_str()?;
    mode.contains(['w', 'a', 'x'])
        .then(|| call.arg(0).or_else(|| call.kwarg("file")))?
}

/// Is `e` a call of `open(target, "w")` (same source text for the path), or pathlib's
/// `target.open("w")`?
fn opens_target(cx: &Cx<'_, '_>, e: &Expr, target: &str) -> bool {
    let Some(c) = e.as_call() else { return false };
    if let ExprKind::Attr(recv, m) = &c.callee.kind
        && m == "open"
        && is_target_path(cx, recv, target)
    {
        let mode = c.arg(0).or_else(|| c.kwarg("mode")).and_then(Expr::as_str);
        return mode.is_some_and(|m| m.contains(['w', 'a', 'x']));
    }
    opened_for_writing(cx, c).is_some_and(|p| cx.text(p.span).trim() == target)
}

/// Is `e` a `Path(target)` or `target` itself (a `pathlib.Path` value)?
fn is_target_path(cx: &Cx<'_, '_>, e: &Expr, target: &str) -> bool {
    cx.text(e.span).trim() == target
        || e.as_call().is_some_and(|c| {
            c.callee.last_name() == Some("Path")
                && c.arg(0).is_some_and(|a| cx.text(a.span).trim() == target)
        })
}

/// The names the function binds to `open(target, "w")` (`with open(...) as f`,
/// `f = open(...)`).
fn handles(cx: &Cx<'_, '_>, body: &[Stmt], target: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_nested_stmt(body, &mut |s| match &s.kind {
        StmtKind::With { items, .. } => {
            for (e, pat) in items {
                if let Some(Pattern::Name(n, _)) = pat
                    && opens_target(cx, e, target)
                {
                    out.push(n.clone());
                }
            }
        }
        StmtKind::Assign {
            target: Pattern::Name(n, _),
            value,
        } if opens_target(cx, value, target) => out.push(n.clone()),
        _ => {}
    });
    out
}

/// Does the call put data into the file: `f.write(...)` on a handle, `json.dump(x, f)`
/// or `print(x, file=f)` with a handle as an argument, `open(target, "w").write(...)`,
/// or `Path(target).write_text(...)`?
fn writes(cx: &Cx<'_, '_>, call: &Call, target: &str, names: &[String]) -> bool {
    let is_handle = |e: &Expr| e.as_name().is_some_and(|n| names.iter().any(|h| h == n));
    if let ExprKind::Attr(recv, method) = &call.callee.kind {
        match method.as_str() {
            "write" | "writelines" if is_handle(recv) || opens_target(cx, recv, target) => {
                return true;
            }
            "write_text" | "write_bytes" if is_target_path(cx, recv, target) => return true,
            _ => {}
        }
    }
    let writer = call
        .callee
        .last_name()
        .is_some_and(|n| n.starts_with("dump") || WRITERS.contains(&n));
    writer && call.args.iter().any(|a| is_handle(&a.value))
}

/// Calls that write into a file object they are given (`json.dump(x, f)`,
/// `print(x, file=f)`, `csv.writer(f)`); `os.fchmod(f, ...)` or `f.close()` write nothing.
const WRITERS: &[&str] = &[
    "safe_dump",
    "copyfileobj",
    "print",
    "writer",
    "DictWriter",
    "write",
];

/// Does the current function put data into `target` before `before`?
fn written_earlier(cx: &Cx<'_, '_>, target: &str, before: Span) -> bool {
    let body = &cx.module().funcs[cx.func()].body;
    let names = handles(cx, body, target);
    let mut found = false;
    for s in body {
        walk_stmt_exprs(s, &mut |e| {
            if !found
                && e.span.start < before.start
                && let Some(call) = e.as_call()
            {
                found = writes(cx, call, target, &names);
            }
        });
    }
    found
}

/// `stat` bits for the owner and the group: a mode made only of these keeps other
/// users out.
const OWNER_GROUP_BITS: &[&str] = &[
    "S_IRUSR", "S_IWUSR", "S_IXUSR", "S_IRWXU", "S_IREAD", "S_IWRITE", "S_IEXEC", "S_IRGRP",
    "S_IWGRP", "S_IXGRP", "S_IRWXG",
];

/// Does the mode keep other users from reading the file (`0o600`, `0o400`,
/// `stat.S_IRUSR | stat.S_IWUSR`)? Such a mode says the contents are meant to be private.
/// A mode built from the file's current one (`st.st_mode | stat.S_IEXEC`) or from the
/// project's own constants is not known, and not taken as private.
fn denies_others_read(text: &str, mode: &crate::flow::value::Val) -> bool {
    match const_num(mode) {
        Some(m) => (m as i64) & 0o004 == 0,
        None => text.split('|').all(|bit| {
            let bit = bit.trim();
            OWNER_GROUP_BITS.contains(&bit.strip_prefix("stat.").unwrap_or(bit))
        }),
    }
}

/// The file and the mode of `os.chmod(path, mode)` or of pathlib's `path.chmod(mode)`.
fn chmod_target<'a>(
    site: &CallSite<'a>,
) -> Option<(&'a Expr, (&'a Expr, &'a crate::flow::value::Val))> {
    if site.is(&["os.chmod"]) {
        let (path, _) = site.arg(0)?;
        return Some((path, site.arg(1).or_else(|| site.kwarg("mode"))?));
    }
    match &site.call.callee.kind {
        ExprKind::Attr(recv, _) if site.path.is_none() && site.name == "chmod" => {
            Some((recv, site.arg(0).or_else(|| site.kwarg("mode"))?))
        }
        _ => None,
    }
}

impl Rule for ChmodAfterWrite {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some((path, (mode_expr, mode))) = chmod_target(site) else {
            return;
        };
        let private = denies_others_read(cx.text(mode_expr.span), mode);
        // A umask set anywhere in the file may already have created it private.
        if !private || cx.whole_text().contains("umask(") {
            return;
        }
        let target = cx.text(path.span).trim();
        if written_earlier(cx, target, site.span) {
            cx.report(Report::at(site.span));
        }
    }
}
