//! Shared facts for the missing-ownership-check rules: what a handler reads, loads and
//! checks, from its syntax tree.

use crate::check::{Cx, Report};
use crate::ir::{ExprKind, FuncId, Module, Span};
use std::collections::HashSet;

/// Names, attributes, string constants and called names in a function body.
fn words(m: &Module, f: FuncId) -> HashSet<String> {
    let mut out = HashSet::new();
    // `session` is the user's session only where it is read (`session["user_id"]`,
    // `request.session.get("uid")`); a database session (`db.session.delete(x)`, a
    // `session: Session` parameter) says nothing about the user.
    let user_session = |e: &crate::ir::Expr| match &e.kind {
        ExprKind::Name(n) => n == "session",
        ExprKind::Attr(b, a) => {
            a == "session" && matches!(b.as_name(), Some("request" | "req" | "g"))
        }
        _ => false,
    };
    for p in &m.funcs[f].params {
        if let Some(n) = p.name()
            && n != "session"
        {
            out.insert(n.to_string());
        }
    }
    let mut visit = |e: &crate::ir::Expr| {
        e.walk(&mut |x| match &x.kind {
            ExprKind::Index(b, _) if user_session(b) => {
                out.insert("session".to_string());
            }
            ExprKind::Call(c)
                if matches!(&c.callee.kind, ExprKind::Attr(b, m) if m == "get" && user_session(b)) =>
            {
                out.insert("session".to_string());
            }
            // `req.session.uid`
            ExprKind::Attr(b, a) if user_session(b) => {
                out.insert("session".to_string());
                out.insert(a.clone());
            }
            ExprKind::Name(n) | ExprKind::Attr(_, n) if n == "session" => {}
            ExprKind::Name(n) => {
                out.insert(n.clone());
            }
            ExprKind::Attr(_, a) => {
                out.insert(a.clone());
            }
            ExprKind::Str(s) if s.len() < 64 => {
                out.insert(s.to_ascii_lowercase());
            }
            _ => {}
        })
    };
    crate::flow::walk_exprs(&m.funcs[f].body, &mut visit);
    out
}

fn id_like(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    w == "id"
        || w == "pk"
        || w == "uuid"
        || w.ends_with("_id")
        || w.ends_with("id") && w.len() <= 12 && w.chars().all(|c| c.is_ascii_alphabetic())
}

const LOADERS: &[&str] = &[
    "get_or_404",
    "first_or_404",
    "filter_by",
    "filter",
    "get_object_or_404",
    "find_one",
    "findById",
    "findByPk",
    "findOne",
    "findUnique",
    "findUniqueOrThrow",
    "findFirst",
    "findFirstOrThrow",
    "upsert",
    "objects",
    "query",
    "execute",
    "delete",
    "update",
    "destroy",
    "findByIdAndUpdate",
    "findByIdAndDelete",
    "where",
    "select",
];

const USER_REFS: &[&str] = &[
    "current_user",
    "get_jwt_identity",
    "user_id",
    "userId",
    "owner",
    "owner_id",
    "ownerId",
    "auth",
    "authenticated_userid",
    "get_current_user",
    "currentUser",
    "session",
    "identity",
];

/// Does a loader call of `f` name the current user in its arguments
/// (`filter(owner=request.user)`, `find({ owner: req.user.id })`)?
fn scopes_load_to_user(m: &Module, f: FuncId) -> bool {
    let mut found = false;
    let mut visit = |c: &crate::ir::Call| {
        let loader = c.callee.last_name().is_some_and(|n| {
            LOADERS.contains(&n) || matches!(n, "find" | "findAll" | "findMany" | "all")
        });
        if found || !loader {
            return;
        }
        for a in &c.args {
            a.value.walk(&mut |x| match &x.kind {
                ExprKind::Attr(_, n) | ExprKind::Name(n)
                    if n == "user" || USER_REFS.contains(&n.as_str()) =>
                {
                    found = true;
                }
                _ => {}
            });
        }
    };
    crate::flow::walk_calls(&m.funcs[f].body, &mut visit);
    found
}

/// Facts about one handler.
struct Handler {
    id: FuncId,
    takes_id: bool,
    loads: bool,
    checks_user: bool,
}

fn facts(m: &Module, f: FuncId) -> Handler {
    let w = words(m, f);
    let takes_id = m.funcs[f]
        .params
        .iter()
        .filter_map(|p| p.name())
        .any(id_like)
        || w.iter().any(|x| {
            id_like(x)
                && (w.contains("args")
                    || w.contains("GET")
                    || w.contains("params")
                    || w.contains("query")
                    || w.contains("form")
                    || w.contains("body"))
        });
    let loads = LOADERS.iter().any(|l| w.contains(*l));
    let checks_user = USER_REFS.iter().any(|u| w.contains(*u))
        || w.contains("user")
            && (w.contains("request")
                || w.contains("g")
                || w.contains("req")
                // Koa: `ctx.state.user`
                || w.contains("ctx") && w.contains("state"));
    Handler {
        id: f,
        takes_id,
        loads,
        checks_user,
    }
}

/// Report handlers that load a record by an id from the request and never refer to the
/// current user, when a sibling handler in the same file does.
pub fn check(cx: &mut Cx<'_, '_>) {
    let m = cx.module();
    let handlers: Vec<Handler> = (0..m.funcs.len())
        .filter(|&f| cx.is_handler(f))
        .map(|f| facts(m, f))
        .collect();
    // The file's convention: a handler checks the user of a record it loads by id, or
    // scopes a query to the current user (`Note.find({ owner: req.user.id })`).
    let any_checked = handlers
        .iter()
        .any(|h| h.takes_id && h.loads && h.checks_user || scopes_load_to_user(m, h.id));
    if !any_checked {
        return;
    }
    for h in handlers
        .iter()
        .filter(|h| h.takes_id && h.loads && !h.checks_user)
    {
        let f = &m.funcs[h.id];
        let span = if f.name_span != Span::default() {
            f.name_span
        } else {
            f.span
        };
        cx.report(Report::at(span));
    }
}
