//! Whether data a rule sees was read from a file, and whether that file is the program's
//! own: named by a constant path, or one built only from constants and the program's own
//! location (`__file__`, `Path(__file__).parent / "cache.pkl"`). A path from a
//! parameter, the environment or a download is not, and neither is a temporary
//! directory (`/tmp`, `tempfile.gettempdir()`), which other local users can write to.

use crate::check::Cx;
use crate::ir::{BinOp, Expr, ExprKind, Pattern, StmtKind};
use std::cell::Cell;

/// Calls that open a file named by their first argument.
const OPENERS: &[&str] = &[
    "open",
    "io.open",
    "builtins.open",
    "codecs.open",
    "gzip.open",
    "gzip.GzipFile",
    "bz2.open",
    "bz2.BZ2File",
    "lzma.open",
    "lzma.LZMAFile",
];

/// Calls that build a path object from their arguments.
const PATH_BUILDERS: &[&str] = &[
    "pathlib.Path",
    "pathlib.PurePath",
    "pathlib.PosixPath",
    "pathlib.WindowsPath",
    "Path",
    "os.path.join",
    "os.path.dirname",
    "os.path.abspath",
    "os.path.realpath",
    "os.path.normpath",
    "os.fspath",
    "str",
];

/// Methods of a path that give another path of the same origin.
const PATH_METHODS: &[&str] = &[
    "resolve",
    "absolute",
    "joinpath",
    "with_suffix",
    "with_name",
    "with_stem",
    "expanduser",
];

/// Methods that read a file's content, of a file object (`read`) or of a path
/// (`read_bytes`, `open`).
const FILE_READS: &[&str] = &["read", "readlines", "read_bytes", "read_text"];

/// How deep the walk through variables and nested calls goes...
const MAX_DEPTH: u32 = 16;
/// ...and how many expressions it visits in all (a variable assigned from itself
/// several times would otherwise branch).
const MAX_STEPS: u32 = 200;

/// `e` is a file object or file content read from the program's own file.
pub fn reads_own_file(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    file_origin(cx, e, 0, &Cell::new(MAX_STEPS)) == Some(true)
}

/// `e` is a file object or file content (of any origin).
pub fn reads_a_file(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    file_origin(cx, e, 0, &Cell::new(MAX_STEPS)).is_some()
}

/// `None` when `e` is not read from a file; otherwise whether the file is the
/// program's own.
fn file_origin(cx: &Cx<'_, '_>, e: &Expr, depth: u32, steps: &Cell<u32>) -> Option<bool> {
    if depth > MAX_DEPTH || steps.get() == 0 {
        return None;
    }
    steps.set(steps.get() - 1);
    match &e.kind {
        ExprKind::Call(c) => {
            let path = cx.path_of(&c.callee);
            if path.as_deref().is_some_and(|p| OPENERS.contains(&p)) {
                return Some(c.arg(0).is_some_and(|p| own_path(cx, p, depth + 1, steps)));
            }
            let ExprKind::Attr(recv, m) = &c.callee.kind else {
                return None;
            };
            // `Path(P).open("rb")`, `Path(P).read_bytes()`
            if matches!(m.as_str(), "open" | "read_bytes" | "read_text") {
                return Some(own_path(cx, recv, depth + 1, steps));
            }
            // `f.read()` of a file object
            if FILE_READS.contains(&m.as_str()) {
                return file_origin(cx, recv, depth + 1, steps);
            }
            None
        }
        ExprKind::Name(n) => {
            let mut all = None;
            for_each_def(cx, n, &mut |v| {
                let o = file_origin(cx, v, depth + 1, steps);
                all = match (all, o) {
                    (_, None) | (Some(None), _) => Some(None),
                    (None, Some(b)) => Some(Some(b)),
                    (Some(Some(a)), Some(b)) => Some(Some(a && b)),
                };
            });
            all.flatten()
        }
        _ => None,
    }
}

/// A path the program chose: constants, `__file__`, and paths built from them.
fn own_path(cx: &Cx<'_, '_>, e: &Expr, depth: u32, steps: &Cell<u32>) -> bool {
    if depth > MAX_DEPTH || steps.get() == 0 {
        return false;
    }
    steps.set(steps.get() - 1);
    match &e.kind {
        ExprKind::Str(s) => !shared_temp(s),
        ExprKind::Name(n) if n == "__file__" => true,
        ExprKind::Name(n) => {
            let v = cx.value_of(e);
            if let Some(s) = v.const_str() {
                return !shared_temp(s);
            }
            let mut seen = false;
            let mut own = true;
            for_each_def(cx, n, &mut |d| {
                seen = true;
                own = own && own_path(cx, d, depth + 1, steps);
            });
            seen && own
        }
        // `Path(__file__).parent`, `Path(__file__).parents[1]`
        ExprKind::Attr(b, a) if matches!(a.as_str(), "parent" | "parents") => {
            own_path(cx, b, depth + 1, steps)
        }
        ExprKind::Index(b, k) if matches!(k.kind, ExprKind::Num(_)) => {
            own_path(cx, b, depth + 1, steps)
        }
        // `BASE / "cache.pkl"`, `HERE + "/cache.pkl"`
        ExprKind::Binary(BinOp::Div | BinOp::Add, l, r) => {
            own_path(cx, l, depth + 1, steps) && own_path(cx, r, depth + 1, steps)
        }
        ExprKind::Template(_) => {
            let v = cx.value_of(e);
            v.is_trusted() && v.const_str().is_none_or(|s| !shared_temp(s))
        }
        ExprKind::Call(c) => {
            let builder = cx
                .path_of(&c.callee)
                .is_some_and(|p| PATH_BUILDERS.contains(&p.as_str()));
            let method = match &c.callee.kind {
                ExprKind::Attr(b, m) if PATH_METHODS.contains(&m.as_str()) => {
                    own_path(cx, b, depth + 1, steps)
                }
                _ => false,
            };
            (builder || method)
                && c.args
                    .iter()
                    .all(|a| own_path(cx, &a.value, depth + 1, steps))
        }
        _ => false,
    }
}

/// A directory every local user can write to.
fn shared_temp(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    ["/tmp", "/var/tmp", "/dev/shm", "\\temp", "%temp%"]
        .iter()
        .any(|t| p.starts_with(t) || p.contains(&format!("{t}/")))
}

/// Each value `name` is bound to in the current function (assignments and `with ...
/// as name`), or failing any there, at module level.
fn for_each_def<'m>(cx: &Cx<'_, 'm>, name: &str, f: &mut dyn FnMut(&'m Expr)) {
    let module = cx.module();
    let mut visit = |body: &'m [crate::ir::Stmt]| {
        let mut any = false;
        crate::ir::for_each_nested_stmt(body, &mut |s| match &s.kind {
            StmtKind::Assign {
                target: Pattern::Name(n, _),
                value,
            } if n == name => {
                any = true;
                f(value);
            }
            StmtKind::With { items, .. } => {
                for (value, target) in items {
                    if matches!(target, Some(Pattern::Name(n, _)) if n == name) {
                        any = true;
                        f(value);
                    }
                }
            }
            _ => {}
        });
        any
    };
    let Some(func) = module.funcs.get(cx.func()) else {
        return;
    };
    if !visit(&func.body)
        && cx.func() != 0
        && let Some(top) = module.funcs.first()
    {
        visit(&top.body);
    }
}
