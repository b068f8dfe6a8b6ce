use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::flow::value::{ObjKind, Shape};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags file-system paths built from input that reach `fs` (and `fs/promises`)
    /// operations, `res.sendFile` without a `root` option (or with a `root` from input),
    /// `res.download`, the `send` module without a `root`, and the view name of
    /// `res.render`, unless the
    /// path was reduced to a file name (`path.basename`) or checked to stay inside a base
    /// folder after `path.resolve`/`path.normalize`. A path made with `path.join` /
    /// `path.resolve` from input and handed, unchecked, to a function the analysis cannot
    /// see into (a library's or a global one: `extract(dest)`, `zip.extractAllTo(dest)`,
    /// `upload({ filePath })`) is reported too: what else a file path is built for than
    /// to open, write or extract there.
    ///
    /// ## Why is this bad?
    /// `../../etc/passwd` or an absolute path walks out of the intended folder: input
    /// reads configuration and keys or overwrites code (CWE-22).
    ///
    /// ## Example
    /// ```js
    /// res.sendFile(path.join(__dirname, "files", req.query.name));
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const file = path.resolve(BASE, req.query.name);
    /// if (!file.startsWith(BASE + path.sep)) return res.sendStatus(404);
    /// res.sendFile(file);
    /// ```
    JsPathTraversal
}

static META: RuleMeta = RuleMeta {
    id: "js/path-traversal",
    title: "File path built from input",
    cwe: &[22, 23, 36, 73],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "file path built from input; keep it inside a base folder (path.basename, or path.resolve + startsWith)",
    family: Family::Js,
    keywords: &[
        "fs",
        "sendFile",
        "download",
        "createReadStream",
        "path",
        "express-fileupload",
        "send",
        ".render(",
    ],
    calls: &[
        "readFile",
        "readFileSync",
        "writeFile",
        "writeFileSync",
        "appendFile",
        "appendFileSync",
        "createReadStream",
        "createWriteStream",
        "unlink",
        "unlinkSync",
        "rm",
        "rmSync",
        "rmdir",
        "rmdirSync",
        "readdir",
        "readdirSync",
        "mkdir",
        "mkdirSync",
        "rename",
        "renameSync",
        "copyFile",
        "copyFileSync",
        "open",
        "openSync",
        "stat",
        "statSync",
        "access",
        "accessSync",
        "sendFile",
        "download",
        "existsSync",
        "cp",
        "cpSync",
        "truncate",
        "chmod",
        "chmodSync",
        "*",
    ],
    on: 0,
};

impl Rule for JsPathTraversal {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        handed_off(cx, site);
        let fs = site.path.is_some_and(|p| {
            [
                "fs.",
                "fs/promises.",
                "node:fs.",
                "node:fs/promises.",
                "fs-extra.",
            ]
            .iter()
            .any(|f| p.starts_with(f))
        }) || site.path.is_some_and(|p| p.starts_with("fs.promises."));
        // The `send` module (under express.static): `send(req, path)` refuses `..` but
        // serves an absolute path (`/etc/passwd`) unless a `root` option confines it.
        if site.path == Some("send") && site.call.args.len() >= 2 {
            if site.option(2, "root").is_none()
                && let Some((_, v)) = site.arg(1)
            {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            return;
        }
        // express-fileupload: `req.files.doc.mv(dest)` writes the upload to `dest`.
        if site.name == "mv"
            && site.recv.is_some_and(|r| r.all_taint().is_some())
            && cx.imports("express-fileupload")
        {
            if let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            return;
        }
        // Express `res.render(view)`: the view is looked up as a file under the views
        // folder, `..` and absolute paths included, and run as a template.
        if site.name == "render"
            && site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response))
            && let Some((_, v)) = site.arg(0)
        {
            cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            return;
        }
        let res = site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response))
            && matches!(site.name, "sendFile" | "download");
        // `fs.realpathSync(p)` resolves the path (links, `..`) and opens nothing: the
        // canonical form a containment check then tests.
        if fs && !matches!(site.name, "realpath" | "realpathSync") {
            if let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            if matches!(
                site.name,
                "rename" | "renameSync" | "copyFile" | "copyFileSync" | "cp" | "cpSync"
            ) && let Some((_, v)) = site.arg(1)
            {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
        } else if res {
            // sendFile(name, { root: dir }): the root itself is the directory served
            // from; chosen by the client, it serves any file.
            if site.name == "sendFile"
                && let Some((_, root)) = site.option(1, "root")
                && cx.flow(site.span, &root, sink::PATH, accept::REQUEST)
            {
                return;
            }
            // sendFile(name, { root }) keeps the path inside root; @fastify/static's
            // `reply.sendFile(name)` serves from the root the plugin was registered with
            // and refuses `..`.
            if site.name == "sendFile"
                && (site.option(1, "root").is_some()
                    || cx.imports("@fastify/static")
                    || cx.imports("fastify-static")
                    // the method exists on a Fastify reply only through that plugin
                    || cx.framework() == Some(crate::flow::handlers::Framework::Fastify))
            {
                return;
            }
            if let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
        }
    }
}

/// Modules and globals whose functions are no file operations (or are the fs sinks
/// above): a joined path passed to them is not handed off.
const NOT_CONSUMERS: &[&str] = &[
    "path",
    "node:path",
    "fs",
    "node:fs",
    "fs/promises",
    "node:fs/promises",
    "fs-extra",
    "console",
    "JSON",
    "String",
    "Number",
    "Boolean",
    "Object",
    "Array",
    "Promise",
    "Math",
    "Date",
    "Set",
    "Map",
    "RegExp",
    "Buffer",
    "Symbol",
    "Reflect",
    "url",
    "node:url",
    "util",
    "node:util",
    "assert",
    "node:assert",
    "encodeURIComponent",
    "encodeURI",
    "decodeURIComponent",
    "decodeURI",
    "require",
    "debug",
    "winston",
    "pino",
    "bunyan",
    "log4js",
    "logger",
    "log",
    "chalk",
    "express",
];

/// Method names that store, compare, format, log or answer with a value rather than
/// open a file there.
const NOT_CONSUMER_METHODS: &[&str] = &[
    "push",
    "unshift",
    "add",
    "set",
    "has",
    "get",
    "delete",
    "includes",
    "indexOf",
    "startsWith",
    "endsWith",
    "concat",
    "join",
    "split",
    "replace",
    "replaceAll",
    "slice",
    "substring",
    "toString",
    "then",
    "catch",
    "finally",
    "resolve",
    "reject",
    "emit",
    "send",
    "json",
    "status",
    "end",
    "write",
    "setHeader",
    "header",
    "log",
    "info",
    "warn",
    "error",
    "debug",
    "trace",
    "fatal",
    "verbose",
    "test",
    "match",
    "exec",
    "relative",
    "format",
    "assign",
    "keys",
    "values",
    "entries",
    "map",
    "filter",
    "forEach",
    "some",
    "every",
    "find",
    "reduce",
    "sort",
];

/// A path built with `path.join`/`path.resolve` from request input, passed unchecked to
/// a function whose body the analysis cannot see (a global, or a library's function or
/// method). Functions of this file and of the project are followed through their
/// summaries instead.
fn handed_off(cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
    // Cheap test first: a normalised value carrying request input.
    let candidate = site.args.iter().any(|v| {
        (v.normalized || matches!(v.shape, Shape::Map(_)))
            && cx.has_input(v, sink::PATH, accept::REQUEST)
    });
    if !candidate {
        return;
    }
    if let Some(p) = site.path {
        let root = p.split('.').next().unwrap_or(p);
        if NOT_CONSUMERS.contains(&root) || p.starts_with('.') || p.starts_with('/') {
            return;
        }
        // A function of another module of the project (`import { Utils } from "./utils"`):
        // followed through that module's summary, not guessed at.
        let mut base = &site.call.callee;
        while let ExprKind::Attr(b, _) = &base.kind {
            base = b;
        }
        if let ExprKind::Name(alias) = &base.kind
            && cx
                .module()
                .imports
                .iter()
                .any(|i| &i.alias == alias && (i.level > 0 || i.path.starts_with('.')))
        {
            return;
        }
    } else {
        // A method of a value: not of a class of this file, not of the response.
        let Some(r) = site.recv else { return };
        if matches!(
            r.shape,
            Shape::Obj(
                ObjKind::Instance(_)
                    | ObjKind::Response
                    | ObjKind::Request(_)
                    | ObjKind::WebContext
            )
        ) || matches!(r.shape, Shape::Func(_))
        {
            return;
        }
    }
    if NOT_CONSUMER_METHODS.contains(&site.name) {
        return;
    }
    for (i, a) in site.call.args.iter().enumerate() {
        let v = &site.args[i];
        let joined = match &a.value.kind {
            ExprKind::Dict(_) => {
                // `upload({ filePath: path.join(dir, name) })`
                let Shape::Map(fields) = &v.shape else {
                    continue;
                };
                fields
                    .iter()
                    .find(|(k, fv)| {
                        fv.normalized
                            && a.value.prop(k).is_some_and(|e| joined_path(cx, e, 0))
                            && cx.has_input(fv, sink::PATH, accept::REQUEST)
                    })
                    .map(|(_, fv)| fv.clone())
            }
            _ => (v.normalized
                && cx.has_input(v, sink::PATH, accept::REQUEST)
                && joined_path(cx, &a.value, 0))
            .then(|| v.clone()),
        };
        if let Some(v) = joined {
            cx.flow(site.span, &v, sink::PATH, accept::REQUEST);
            return;
        }
    }
}

/// Is `e` a `path.join(...)` / `path.resolve(...)` call, or a local variable the function
/// (or one enclosing it) assigns one?
fn joined_path(cx: &Cx<'_, '_>, e: &Expr, depth: u32) -> bool {
    match &e.kind {
        ExprKind::Call(c) => cx.path_of(&c.callee).is_some_and(|p| {
            matches!(
                p.as_str(),
                "path.join"
                    | "path.resolve"
                    | "node:path.join"
                    | "node:path.resolve"
                    | "path.posix.join"
                    | "path.posix.resolve"
            )
        }),
        ExprKind::Name(n) if depth < 2 => {
            crate::rules::support::assigned_in_scope(cx, n, |v| joined_path(cx, v, depth + 1))
        }
        _ => false,
    }
}
