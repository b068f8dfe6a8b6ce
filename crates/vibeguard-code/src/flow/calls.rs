//! Calls: resolving the callee, running the rules that asked for it, and computing the
//! result — a summary for functions of this file or of a project module, a library model,
//! or by default the receiver's and arguments' data.

use super::engine::{Engine, accepts};
use super::interp::root_key;
use super::summary::{SinkRecord, concat, substitute};
use super::value::{
    Hop, ObjKind, Origin, Shape, SourceKind, Trace, Val, class, join_taint, neutralize,
};
use crate::check::{CallSite, Cx};
use crate::ir::*;
use crate::syntax::Family;
use std::sync::Arc;
use vibeguard_core::Confidence;

/// Members of a Tornado `RequestHandler` that read the request (the signed
/// `get_secure_cookie` is the server's own data).
const TORNADO_INPUT: &[&str] = &[
    "request",
    "get_argument",
    "get_arguments",
    "get_query_argument",
    "get_query_arguments",
    "get_body_argument",
    "get_body_arguments",
    "get_cookie",
    "path_args",
    "path_kwargs",
];

/// A Python identifier (a member name `getattr` can read as written).
fn is_identifier(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Ruby `String` methods (and ActiveSupport's) that give back the receiver's text,
/// trimmed, recased or frozen: what was built from input stays built from it.
const RUBY_TEXT_METHODS: &[&str] = &[
    "to_s",
    "to_str",
    "freeze",
    "dup",
    "strip",
    "lstrip",
    "rstrip",
    "chomp",
    "chop",
    "squish",
    "squeeze",
    "strip_heredoc",
    "downcase",
    "upcase",
    "capitalize",
    "swapcase",
    "scrub",
    "unicode_normalize",
    "b",
];

/// ActiveRecord's names of a model's table and columns (`quoted_table_name`,
/// `primary_key`), read bare in the model or on the class: the schema's, not input.
pub(crate) const RUBY_SCHEMA_NAMES: &[&str] = &[
    "table_name",
    "quoted_table_name",
    "primary_key",
    "quoted_primary_key",
    "column_names",
    "arel_table",
    "inheritance_column",
    "sequence_name",
];

/// The marker field of a `configparser.ConfigParser()` value (a map from
/// `section\0key` to the value set there).
pub(crate) const CONFIG_PARSER: &str = "\0configparser";

/// Methods of model classes that look records up (their result is stored data, not the
/// arguments passed in).
const QUERY_METHODS: &[&str] = &[
    "filter",
    "filter_by",
    "where",
    "find",
    "find_by",
    "first",
    "all",
    "get",
    "get_or_404",
    "first_or_404",
    "one",
    "one_or_none",
    "scalar",
    "exists",
    "count",
    "find_one",
    "find_all",
    "order_by",
    "exclude",
    "values",
    "values_list",
    "annotate",
    "select_related",
    // Mongoose, Sequelize, Prisma, TypeORM lookups
    "findById",
    "findOne",
    "findByPk",
    "findAll",
    "findUnique",
    "findFirst",
    "findMany",
    "findOneBy",
    "findBy",
];

/// Python DB-API methods of a connection or cursor (`sqlite3.connect(...).execute(sql,
/// params)`, asyncpg's `conn.fetchrow(sql, id)`): what they return is stored rows, not the
/// parameters bound into the query.
const DB_API_METHODS: &[&str] = &[
    "execute",
    "executemany",
    "fetch",
    "fetchrow",
    "fetchval",
    "fetchone",
    "fetchall",
    "fetchmany",
];

impl<'m> Engine<'m> {
    /// `base.name`.
    pub(crate) fn attr_of(&self, bv: &Val, name: &str, span: Span) -> Val {
        // Ruby's `Pathname#cleanpath` / `#realpath` / `#expand_path` read without
        // parentheses: the normalised path.
        if self.family == Family::Ruby
            && matches!(name, "cleanpath" | "realpath" | "expand_path")
            && !matches!(bv.shape, Shape::Ref(_))
        {
            return Val {
                taint: bv.all_taint(),
                normalized: true,
                prefix: bv.prefix.clone(),
                ..Val::default()
            };
        }
        // ActiveRecord's schema names (`User.quoted_table_name`, `self.class.primary_key`).
        if self.family == Family::Ruby
            && RUBY_SCHEMA_NAMES.contains(&name)
            && bv.all_taint().is_none()
            && !matches!(bv.shape, Shape::Obj(_) | Shape::Map(_))
        {
            return Val::trusted();
        }
        // A relation's `to_sql`: ActiveRecord quoted the values it binds (a fragment
        // spliced into the relation was reported where it was passed).
        if self.family == Family::Ruby && name == "to_sql" && !matches!(bv.shape, Shape::Ref(_)) {
            let taint = neutralize(&bv.all_taint(), class::SQL);
            return Val {
                trusted: taint.is_none(),
                taint,
                ..Val::default()
            };
        }
        // A sanitizer method read without parentheses (`name.shellescape`), as called.
        if self.family == Family::Ruby
            && !matches!(bv.shape, Shape::Ref(_))
            && let Some(bits) = super::models::method_sanitizer(name)
        {
            let base = bv.all_taint();
            if base.is_none() {
                return Val::trusted();
            }
            return Val {
                taint: neutralize(&base, bits),
                ..Val::default()
            };
        }
        // Ruby's text methods read without parentheses (`sql.squish`, `q.to_s`,
        // `"x".freeze`): the same text, still built from its parts.
        if self.family == Family::Ruby
            && RUBY_TEXT_METHODS.contains(&name)
            && !matches!(
                bv.shape,
                Shape::Ref(_) | Shape::Obj(_) | Shape::Map(_) | Shape::Seq(_)
            )
        {
            if bv.is_const() {
                return bv.clone();
            }
            return Val {
                taint: bv.all_taint(),
                built: bv.built,
                prefix: bv.prefix.clone(),
                trusted: bv.trusted,
                built_safe: bv.built_safe,
                ..Val::default()
            };
        }
        match &bv.shape {
            Shape::Ref(p) => {
                // `Settings.ALG`: a field of another class of this file, set to a
                // constant where it is declared.
                if self.family == Family::Java
                    && let Some(c) = self.file_class_constant(p, name)
                {
                    return c;
                }
                // `Constants.TIMEOUT`: a final field of a class of the project, set to
                // a constant.
                if self.family == Family::Java
                    && let Some(c) = self.project_constant(p, name, span)
                {
                    return c;
                }
                let mut v = self.ref_value(&format!("{p}.{name}"), span);
                if bv.taint.is_some() {
                    v.taint = join_taint(&v.taint, &bv.taint);
                }
                return v;
            }
            Shape::Obj(ObjKind::Request(strong)) => return self.request_attr(*strong, name, span),
            Shape::Obj(ObjKind::WebContext) => return self.context_attr(name, span),
            Shape::Obj(ObjKind::Exception) => {
                // The HTTP status, the error's class name and its symbolic code
                // (`ENOENT`) say which error it was, not what it contained.
                if matches!(
                    name,
                    "status" | "statusCode" | "status_code" | "code" | "name" | "expose" | "errno"
                ) {
                    return Val::trusted();
                }
                return Val::tainted(bv.taint.clone());
            }
            Shape::Obj(ObjKind::Instance(cls)) => {
                if self.family == Family::Go
                    && let Some(v) = self.beego_controller_attr(cls, name, span)
                {
                    return v;
                }
                if let Some(v) = self.field_value(cls, name, span) {
                    return v;
                }
                // `self.ENVIRONMENTS` of `class Deployer: ENVIRONMENTS = ("a", "b")`: the
                // class's own attribute, set where the class is defined.
                if self.family == Family::Python
                    && self.class_constant(cls, name)
                    && let Some(v) = self.globals.as_ref().and_then(|g| g.get(name))
                {
                    return v.clone();
                }
                // A PHP controller's `$this->request` (CakePHP, CodeIgniter 4, Yii) and
                // CodeIgniter 3's `$this->input`: the request being handled.
                if self.family == Family::Php
                    && matches!(name, "request" | "input")
                    && super::handlers::php_controller_class(self.module, cls)
                {
                    return Val::obj(ObjKind::Request(true));
                }
                // A Django class-based view's `self.request`, and `self.kwargs` /
                // `self.args`, the URL's parameters, in any of its methods.
                if self.family == Family::Python
                    && matches!(name, "request" | "kwargs" | "args")
                    && (self.imports_prefix("django") || self.imports_prefix("rest_framework"))
                    && super::handlers::django_view_class(self.module, cls)
                {
                    return self.handler_member(name, span, "URL parameters");
                }
                // A Django form's `cleaned_data`: each declared field converted and
                // validated by its class (numbers, dates, UUIDs, slugs and choices are
                // no text to inject); the others carry what the form was given.
                // A DRF `Serializer`'s `validated_data` likewise.
                let form_base = match name {
                    "cleaned_data" => Some("Form"),
                    "validated_data" => Some("Serializer"),
                    _ => None,
                };
                if self.family == Family::Python
                    && let Some(form_base) = form_base
                    && let Some(c) = self.module.classes.iter().find(|c| &c.name == cls)
                    && !c.bases.is_empty()
                    && c.bases
                        .iter()
                        .all(|b| b.rsplit('.').next() == Some(form_base))
                    && !c.fields.is_empty()
                {
                    // A plain `forms.Form`: every field is declared in its class.
                    let mut v = Val::default();
                    for (field, ty) in &c.fields {
                        let kind = ty.rsplit('.').next().unwrap_or("");
                        let fv = if matches!(
                            kind,
                            "IntegerField"
                                | "FloatField"
                                | "DecimalField"
                                | "BooleanField"
                                | "NullBooleanField"
                                | "UUIDField"
                                | "DateField"
                                | "DateTimeField"
                                | "TimeField"
                                | "DurationField"
                                | "SlugField"
                                | "ChoiceField"
                                | "TypedChoiceField"
                                | "MultipleChoiceField"
                        ) {
                            Val::trusted()
                        } else {
                            Val::tainted(bv.taint.clone())
                        };
                        v = v.with_field(field, fv);
                    }
                    return v;
                }
                // The standard library's `http.server`: a request handler's `self.path`,
                // `self.headers` and `self.rfile` are the client's request.
                if self.family == Family::Python
                    && matches!(name, "path" | "headers" | "rfile" | "requestline")
                    && self.imports_prefix("http.server")
                    && super::handlers::stdlib_http_handler_class(self.module, cls)
                {
                    return self.source_label(
                        super::value::SourceKind::Request,
                        true,
                        span,
                        "request data",
                    );
                }
                // `socketserver`: a request handler's `self.request` is the client's
                // connection (what `recv` reads from it is the client's), `self.rfile`
                // the stream of what the client sent.
                if self.family == Family::Python
                    && matches!(name, "request" | "rfile")
                    && (self.imports_prefix("socketserver") || self.imports_prefix("SocketServer"))
                    && super::handlers::socketserver_handler_class(self.module, cls)
                {
                    return self.source_label(
                        super::value::SourceKind::Network,
                        true,
                        span,
                        "a client connection",
                    );
                }
                if self.family == Family::Python
                    && TORNADO_INPUT.contains(&name)
                    && self.imports_prefix("tornado")
                    && super::handlers::tornado_class(self.module, cls)
                {
                    return self.handler_member(name, span, "request data");
                }
            }
            Shape::Map(_) => {
                if let Some(v) = bv.field(name) {
                    return v;
                }
                // Ruby: `{ q: params[:q] }.to_json` is the text of the whole hash.
                if self.family == Family::Ruby
                    && matches!(
                        name,
                        "to_json" | "to_s" | "inspect" | "to_yaml" | "to_query"
                    )
                {
                    return Val::tainted(bv.all_taint());
                }
                return Val::tainted(bv.taint.clone());
            }
            _ => {}
        }
        // Lengths, and Ruby's numeric conversions read as attributes (`x.to_i`).
        if matches!(name, "length" | "size" | "len" | "to_i" | "to_f" | "to_r") {
            return Val::trusted();
        }
        Val {
            taint: bv.all_taint(),
            ..Val::default()
        }
    }

    pub(crate) fn index_value(&self, base: &Val, key: &Val, span: Span) -> Val {
        if let Shape::Obj(ObjKind::Request(strong)) = &base.shape
            && let Some(k) = key.const_str()
        {
            return self.request_attr(*strong, k, span);
        }
        if let Shape::Ref(p) = &base.shape {
            if self.family == Family::Python
                && &**p == "os.environ"
                && let Some(v) = self.environment_value(Some(key), span)
            {
                return v;
            }
            // $_GET['x'] and friends are Refs in PHP; os.environ['X'] stays clean.
            let v = self.ref_value(p, span);
            if v.taint.is_some() {
                return v;
            }
        }
        super::interp::index_of(base, key)
    }

    /// The dotted path an expression names, with imports resolved (no evaluation).
    pub fn path_of(&self, e: &Expr) -> Option<String> {
        match &e.kind {
            ExprKind::Name(n) => match self.lookup(n) {
                Some(v) => v.ref_path().map(str::to_string),
                None => self.free_name(n, e.span).ref_path().map(str::to_string),
            },
            ExprKind::Attr(b, a) => self.path_of(b).map(|p| format!("{p}.{a}")),
            _ => None,
        }
    }

    pub(crate) fn eval_call(&mut self, call: &'m Call, span: Span) -> Val {
        if self.family == Family::Java && !self.field_writes.is_empty() && self.current_func() != 0
        {
            self.note_fields_at_call(call);
        }
        // `require("child_process").exec(cmd)`, `require("escape-html")(s)`: a module
        // required inline is the module, as if bound to a name first.
        let inline_require = |e: &Expr| -> Option<Val> {
            let c = e.as_call()?;
            if self.family != Family::Js
                || c.callee.as_name() != Some("require")
                || c.args.len() != 1
                || self.lookup("require").is_some()
            {
                return None;
            }
            c.arg(0).and_then(|a| a.as_str()).map(Val::reference)
        };
        let (recv, callee) = match &call.callee.kind {
            ExprKind::Attr(b, name) => {
                let r = inline_require(b).unwrap_or_else(|| self.eval(b));
                let c = self.attr_of(&r, name, call.callee.span);
                (Some(r), c)
            }
            ExprKind::Call(_) if let Some(m) = inline_require(&call.callee) => (None, m),
            // (A called name is looked up, not called: Ruby's bare method names are
            // calls only as values.)
            // PHP `$f(...)`, `new $cls(...)`: the variable `f` (see `lower::php`).
            ExprKind::Name(n) if self.family == Family::Php && n.starts_with('$') => {
                (None, self.lookup(&n[1..]).unwrap_or_default())
            }
            ExprKind::Name(n) => (
                None,
                self.lookup(n)
                    .unwrap_or_else(|| self.free_name(n, call.callee.span)),
            ),
            _ => (None, self.eval(&call.callee)),
        };
        let mut args = Vec::with_capacity(call.args.len());
        for a in &call.args {
            args.push(self.eval(&a.value));
        }
        let name = call.callee.last_name().unwrap_or("");
        let path: Option<Arc<str>> = match &callee.shape {
            Shape::Ref(p) => Some(p.clone()),
            _ => None,
        };
        self.fire_call(call, span, path.as_deref(), name, recv.as_ref(), &args);
        if self.family == Family::Php {
            self.php_dynamic_call(call, span, &callee, &args);
        }
        if self.family == Family::Python {
            self.forward_call(call, span, path.as_deref(), name, recv.is_some(), &args);
        }
        if self.rules.local
            && let Some(v) =
                self.local_call_source(call, span, path.as_deref(), name, recv.as_ref(), &args)
        {
            self.local_blocks(call, &v);
            return v;
        }
        // PHP: a URL whose host the program wrote (`"https://api.example.com/?q=" . $q`)
        // passed on keeps that host; the function it is passed to sees a parameter
        // without the literal, so its input is marked safe as a URL here.
        if self.family == Family::Php {
            for a in args.iter_mut() {
                if a.taint.is_some() && a.prefix.as_deref().is_some_and(super::guards::fixes_host) {
                    a.taint = super::value::neutralize(
                        &a.taint,
                        super::value::class::URL | super::value::class::REDIRECT,
                    );
                }
            }
        }
        if self.family == Family::Java
            && let ExprKind::Attr(b, _) = &call.callee.kind
            && let Some(r) = &recv
            && let Some(v) = self.java_collection_call(b, r, name, &args, span)
        {
            return v;
        }
        // JavaScript `new Set([...])` / `Array.from([...])` of a literal: its elements, as
        // Python's `set(...)` below (a constant allowlist stays one).
        if self.family == Family::Js
            && args.len() == 1
            && (call.is_new && name == "Set" || path.as_deref() == Some("Array.from"))
            && let Shape::Seq(xs) = &args[0].shape
            && args[0].taint.is_none()
        {
            return Val {
                shape: Shape::Seq(xs.clone()),
                ..Val::default()
            };
        }
        if self.family == Family::Python {
            match path.as_deref() {
                // list(...) / tuple(...) / set(...) / frozenset(...) of a literal: its
                // elements (a constant table stays a constant table).
                Some("collections.deque" | "deque" | "list" | "tuple" | "set" | "frozenset")
                    if args.len() <= 1 =>
                {
                    let items = match args.first().map(|a| &a.shape) {
                        None => Some(Vec::new()),
                        Some(Shape::Seq(xs)) if args[0].taint.is_none() => Some(xs.to_vec()),
                        _ => None,
                    };
                    if let Some(items) = items {
                        return Val {
                            shape: Shape::Seq(Arc::new(items)),
                            ..Val::default()
                        };
                    }
                }
                // getattr(module, name) with a name the program chose at run time (from
                // its configuration, not from input): one of the module's members
                // (`module.*`); calling it builds an object of one of its classes.
                Some("getattr")
                    if args.len() >= 2
                        && args[1].const_str().is_none()
                        && args[1].all_taint().is_none() =>
                {
                    if let Shape::Ref(m) = &args[0].shape {
                        return Val::reference(&format!("{m}.*"));
                    }
                }
                // getattr(os, "system"): the member the constant names.
                Some("getattr") if args.len() == 2 => {
                    if let (Shape::Ref(m), Some(attr)) = (&args[0].shape, args[1].const_str())
                        && is_identifier(attr)
                    {
                        return self.ref_value(&format!("{m}.{attr}"), span);
                    }
                }
                Some(p) if p.ends_with(".*") => {
                    let mut v = Val::obj(ObjKind::Instance(p.to_string()));
                    v.taint = self.built_from(span, &args);
                    return v;
                }
                Some(
                    "configparser.ConfigParser"
                    | "configparser.RawConfigParser"
                    | "configparser.SafeConfigParser",
                ) => {
                    let parser = Val::default().with_field(CONFIG_PARSER, Val::trusted());
                    // Under the `local` threat model what the files it reads hold is input.
                    if self.rules.local {
                        let config = super::value::LocalOrigin::Config;
                        return Val {
                            taint: self.local_source(config, span).taint,
                            ..parser
                        };
                    }
                    return parser;
                }
                _ => {}
            }
        }
        if let Some(v) = self.container_op(call, name, recv.as_ref(), &args) {
            return v;
        }
        // `const run = util.promisify(exec)`: the same function, returning a promise.
        if self.family == Family::Js
            && matches!(
                path.as_deref(),
                Some("util.promisify" | "node:util.promisify")
            )
            && let Some(
                f @ Val {
                    shape: Shape::Ref(_),
                    ..
                },
            ) = args.first()
        {
            return f.clone();
        }
        // `path.normalize(p).replace(/^(\.\.(\/|\\|$))+/, "")`: the leading `..` steps
        // (the only ones left after normalising) removed.
        if self.family == Family::Js
            && matches!(name, "replace" | "replaceAll")
            && let Some(r) = &recv
            && r.normalized
            && args.len() == 2
            && args[1].const_str() == Some("")
            && let Shape::Obj(ObjKind::Regex(p)) = &args[0].shape
            && (p.starts_with("^(\\.\\.") || p.starts_with("^(?:\\.\\."))
        {
            return Val {
                taint: neutralize(&r.taint, class::NO_PARENT),
                ..r.clone()
            };
        }
        // Hono: `c.req.valid("json")` after `zValidator("json", z.object({...}))`.
        if self.family == Family::Js
            && name == "valid"
            && recv.as_ref().is_some_and(|r| {
                r.all_taint().is_some() || matches!(r.shape, Shape::Obj(ObjKind::Request(_)))
            })
            && let Some(target) = call.arg(0).and_then(|a| a.as_str())
            && let Some(schema) = self.hono_valid_schema(target)
        {
            let input = self
                .source_label(
                    super::value::SourceKind::Request,
                    true,
                    span,
                    "validated request data",
                )
                .taint;
            return self.zod_parsed_refined(schema, &input);
        }
        // `Body.parse(req.body)` with `const Body = z.object({ id: z.number(), ... })`:
        // fields the schema types as numbers, booleans, enums or UUIDs come out as such.
        if self.family == Family::Js
            && matches!(
                name,
                "parse"
                    | "parseAsync"
                    | "safeParse"
                    | "safeParseAsync"
                    | "validate"
                    | "validateAsync"
                    | "validateSync"
            )
            && !args.is_empty()
            && args[0].all_taint().is_some()
            && let ExprKind::Attr(b, _) = &call.callee.kind
            && let Some(schema) = b.as_name().and_then(|n| self.zod_object(n))
        {
            let input = args[0].all_taint();
            let v = self.zod_parsed_refined(schema, &input);
            // Joi's `schema.validate(x)` gives `{ value, error }`.
            if name == "validate" && self.joi_schema(b) {
                let wrapped = Val {
                    shape: Shape::Map(Arc::new(Vec::new())),
                    ..Val::default()
                };
                return wrapped
                    .with_field("error", Val::trusted())
                    .with_field("value", v);
            }
            if name.starts_with("safe") {
                let wrapped = Val {
                    shape: Shape::Map(Arc::new(Vec::new())),
                    ..Val::default()
                };
                return wrapped
                    .with_field("success", Val::trusted())
                    .with_field("data", v);
            }
            return v;
        }
        // `s.replace(/[^a-z0-9-]/g, "")`: every character outside a plain set removed.
        if self.family == Family::Js
            && matches!(name, "replace" | "replaceAll")
            && let Some(r) = &recv
            && args.len() == 2
            && args[1].const_str() == Some("")
            && let Some(bits) = strips_to_plain(call, name)
        {
            return Val::tainted(neutralize(&r.all_taint(), bits));
        }
        // `s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")`: every special character of a
        // regular expression (or of an LDAP filter) escaped with a backslash.
        if self.family == Family::Js
            && matches!(name, "replace" | "replaceAll")
            && let Some(r) = &recv
            && args.len() == 2
            && let Some(bits) = self.escapes_specials(call, name, &args[1])
        {
            return Val::tainted(neutralize(&r.all_taint(), bits));
        }
        // `new URLSearchParams({ q: x })`: a query string, every value percent-encoded.
        if self.family == Family::Js
            && call.is_new
            && name == "URLSearchParams"
            && call
                .arg(0)
                .is_some_and(|a| matches!(a.kind, ExprKind::Dict(_)))
        {
            return Val::tainted(neutralize(
                &all_args(&args),
                class::URL
                    | class::REDIRECT
                    | class::PATH
                    | class::HTML
                    | class::HEADER
                    | class::LOG
                    | class::SHELL
                    | class::SQL,
            ));
        }
        // A join under a constant base whose other parts were checked free of `..` steps
        // stays under the base: Node's `path.join(BASE, name)` and Java's `Paths.get` /
        // `Path.of(BASE, name)` keep even an absolute `name` there; Python's
        // `os.path.join` drops the base for an absolute part, so `name` must also have
        // been checked not absolute.
        let join_needs = match (self.family, path.as_deref()) {
            (Family::Js, Some("path.join" | "node:path.join")) => Some(class::NO_PARENT),
            (Family::Java, Some(p))
                if args.len() >= 2 && (p.ends_with("Paths.get") || p.ends_with("Path.of")) =>
            {
                Some(class::NO_PARENT)
            }
            (Family::Python, Some("os.path.join" | "posixpath.join")) => {
                Some(class::NO_PARENT | class::NOT_ABS)
            }
            _ => None,
        };
        // (Node: any base the input did not choose, `path.join(__dirname, "files")` too.)
        if let Some(needs) = join_needs
            && args.first().is_some_and(|a| {
                a.const_str().is_some() || self.family == Family::Js && a.all_taint().is_none()
            })
            && args.iter().any(|a| a.all_taint().is_some())
            && args.iter().all(|a| {
                a.all_taint()
                    .is_none_or(|t| t.iter().all(|l| l.neutral & needs == needs))
            })
        {
            let mut v = super::interp::concat_all(&args);
            v.taint = neutralize(&v.taint, class::PATH);
            v.built = false;
            return v;
        }
        // A tagged SQL template (`sql\`... ${x}\`` of drizzle, postgres.js, @vercel/postgres,
        // slonik, `Prisma.sql`): the values become bound parameters.
        if self.family == Family::Js
            && matches!(call.args.as_slice(), [a] if a.name.as_deref() == Some("<template>"))
            && matches!(name, "sql" | "SQL")
        {
            return Val::tainted(neutralize(&all_args(&args), class::SQL));
        }
        // The members of an archive (`new AdmZip(file).getEntries()`, `JSZip.loadAsync`):
        // names chosen by whoever made the archive (`../../etc/cron.d/x`).
        if self.family == Family::Js
            && matches!(
                path.as_deref(),
                Some("adm-zip.AdmZip.getEntries" | "jszip.loadAsync" | "jszip.JSZip.loadAsync")
            )
        {
            return self.source_label(
                super::value::SourceKind::Request,
                true,
                span,
                "archive entries",
            );
        }
        // Next.js `headers()` / `cookies()` from `next/headers`: the incoming request's.
        if self.family == Family::Js
            && matches!(
                path.as_deref(),
                Some("next/headers.headers" | "next/headers.cookies")
            )
        {
            return Val::obj(ObjKind::Request(true));
        }
        if self.family == Family::Js
            && let Some(p) = path.as_deref()
            && let Some(v) = self.js_template_call(p, call, &args)
        {
            return v;
        }
        // `Object.assign(target, ...sources)` of object literals: one object with the
        // properties of all, later ones winning; the target (a variable) becomes it.
        if self.family == Family::Js
            && path.as_deref() == Some("Object.assign")
            && !args.is_empty()
            && args.iter().all(|a| matches!(a.shape, Shape::Map(_)))
            && call.args.iter().all(|a| !a.spread && a.name.is_none())
        {
            let mut merged = args[0].clone();
            for a in &args[1..] {
                if let Shape::Map(fields) = &a.shape {
                    for (k, v) in fields.iter() {
                        merged = merged.with_field(k, v.clone());
                    }
                }
                merged.taint = join_taint(&merged.taint, &a.taint);
            }
            if let Some(ExprKind::Name(n)) = call.arg(0).map(|e| &e.kind) {
                self.set_var(n, merged.clone());
            }
            return merged;
        }
        let v = self.call_result(
            call,
            span,
            &callee,
            recv.as_ref(),
            path.as_deref(),
            name,
            &args,
        );
        if let ExprKind::Attr(b, _) = &call.callee.kind
            && super::models::mutates(name)
            && path.is_none()
        {
            let t = args
                .iter()
                .fold(None, |t, a| join_taint(&t, &a.all_taint()));
            // Java: what `writeObject` / `writeUTF` put in a stream is serialized by the
            // program: reading it back gives that value, not an object graph of the
            // input's choosing.
            let t = if self.family == Family::Java && name.starts_with("write") && name != "write" {
                super::value::neutralize(&t, super::value::class::DESERIALIZE)
            } else {
                t
            };
            // Java: `sb.append("<img src=").append(escapeHtml4(x))`: the escaped text is
            // an unquoted attribute value, where HTML escaping does not hold it.
            let t = if self.family == Family::Java && name == "append" && appends_unquoted_attr(b) {
                super::interp::reopen_html_taint(&t)
            } else {
                t
            };
            // JS `url.searchParams.set("q", v)` / `.append(...)`: the value lands
            // percent-encoded in the URL's query string; it names no host, path step,
            // quote or markup of the URL it is added to.
            let t = if self.family == Family::Js
                && matches!(name, "set" | "append")
                && matches!(&b.kind, ExprKind::Attr(_, a) if a == "searchParams")
            {
                super::value::neutralize(&t, super::value::class::ALL)
            } else {
                t
            };
            // The path shows where the data went in (`argList.add("echo " + p)`).
            let t = match b.as_name() {
                Some(n) if t.is_some() => super::value::with_hop(
                    &t,
                    &self.file,
                    span,
                    self.line_of(span.start),
                    &format!("added to `{n}`"),
                ),
                _ => t,
            };
            // Java: writing to a stream wrapper writes into the stream it wraps.
            if self.family == Family::Java
                && let Some(n) = b.as_name()
                && let Some(inner) = self.wrapped_stream(n)
            {
                self.taint_into(inner, &t);
            }
            // Java: `sb.append(a).append(b)` returns `sb` itself; what the later links
            // add lands in the builder the chain started from.
            let mut target: &Expr = b;
            if self.family == Family::Java {
                while let Some(c) = target.as_call()
                    && let ExprKind::Attr(inner, m) = &c.callee.kind
                    && matches!(m.as_str(), "append" | "insert")
                {
                    target = inner;
                }
            }
            self.taint_into(target, &t);
        }
        self.decode_into(call, span, name, recv.as_ref(), &args);
        if self.rules.local && self.family == Family::Go {
            self.go_local_scan_into(call, span, path.as_deref(), name, recv.is_some());
        }
        // Java methods that fill the array they are given with the receiver's data:
        // `random.nextBytes(buf)`, `in.read(buf)`, `in.readFully(buf)`.
        if self.family == Family::Java
            && matches!(name, "nextBytes" | "read" | "readFully")
            && let Some(r) = &recv
            && let Some(a) = call.arg(0)
        {
            let t = r.all_taint();
            self.taint_into(a, &t);
        }
        // Java `e.printStackTrace(new PrintWriter(sw))` / `e.printStackTrace(pw)`: the
        // trace is written into the writer, and through it into the buffer it wraps.
        if self.family == Family::Java
            && name == "printStackTrace"
            && let Some(r) = &recv
            && let Some(mut a) = call.arg(0)
        {
            let t = r.all_taint();
            if t.is_some() {
                while let Some(c) = a.as_call()
                    && c.is_new
                    && let Some(inner) = c.arg(0)
                {
                    a = inner;
                }
                if let Some(n) = a.as_name()
                    && let Some(inner) = self.wrapped_stream(n)
                {
                    self.taint_into(inner, &t);
                }
                self.taint_into(a, &t);
            }
        }
        // `request.args.get("q")`: quote the whole read in the path.
        match &call.callee.kind {
            ExprKind::Attr(b, _) => self.widen_source(v, b.span, span),
            _ => v,
        }
    }

    /// The data an object built from `args` carries: theirs, and the request's when the
    /// request object itself is handed over (a wrapper around it).
    pub(crate) fn built_from(&self, span: Span, args: &[Val]) -> super::value::Taint {
        let mut t = None;
        for a in args {
            t = join_taint(&t, &a.all_taint());
            if let Shape::Obj(ObjKind::Request(strong)) = a.shape {
                let src = self.source_label(
                    super::value::SourceKind::Request,
                    strong,
                    span,
                    "request data",
                );
                t = join_taint(&t, &src.taint);
            }
        }
        t
    }

    /// Python lists, deques and `configparser` objects (and PHP arrays appended to) held
    /// in a local variable, element
    /// by element: `append`/`appendleft`/`insert`/`extend`, `pop`/`popleft`/`remove`, and a
    /// parser's `set(section, key, v)` / `get(section, key)`. The variable is rewritten so
    /// that a later `lst[1]` or `get` reads the element actually there.
    fn container_op(
        &mut self,
        call: &'m Call,
        name: &str,
        recv: Option<&Val>,
        args: &[Val],
    ) -> Option<Val> {
        // PHP's `$list[] = $v` is lowered as `list.append(v)`.
        if self.family != Family::Python && !(self.family == Family::Php && name == "append") {
            return None;
        }
        let ExprKind::Attr(b, _) = &call.callee.kind else {
            return None;
        };
        let var = b.as_name()?;
        let r = recv?;
        if call.args.iter().any(|a| a.spread || a.name.is_some()) && name != "get" {
            return None;
        }
        let (updated, result) = match &r.shape {
            Shape::Seq(items) if r.taint.is_none() => {
                let mut items = items.as_ref().clone();
                let index = |v: &Val, len: usize| -> Option<usize> {
                    match v.as_const() {
                        Some(super::value::Const::Num(n)) if n.fract() == 0.0 => {
                            let i = if *n < 0.0 {
                                len as i64 + *n as i64
                            } else {
                                *n as i64
                            };
                            usize::try_from(i).ok()
                        }
                        _ => None,
                    }
                };
                let result = match (name, args) {
                    ("append", [x]) => {
                        items.push(x.clone());
                        Val::constant(super::value::Const::Null)
                    }
                    ("appendleft", [x]) => {
                        items.insert(0, x.clone());
                        Val::constant(super::value::Const::Null)
                    }
                    ("insert", [i, x]) => {
                        let at = index(i, items.len())?.min(items.len());
                        items.insert(at, x.clone());
                        Val::constant(super::value::Const::Null)
                    }
                    ("extend", [xs]) => match &xs.shape {
                        Shape::Seq(more) if xs.taint.is_none() => {
                            items.extend(more.iter().cloned());
                            Val::constant(super::value::Const::Null)
                        }
                        _ => return None,
                    },
                    ("pop", []) if !items.is_empty() => items.pop()?,
                    ("popleft", []) if !items.is_empty() => items.remove(0),
                    ("pop", [i]) => {
                        let at = index(i, items.len())?;
                        if at >= items.len() {
                            return None;
                        }
                        items.remove(at)
                    }
                    ("remove", [x]) => {
                        let c = x.as_const()?;
                        let at = items.iter().position(|it| it.as_const() == Some(c))?;
                        items.remove(at);
                        Val::constant(super::value::Const::Null)
                    }
                    _ => return None,
                };
                (
                    Val {
                        shape: Shape::Seq(Arc::new(items)),
                        ..r.clone()
                    },
                    result,
                )
            }
            Shape::Map(_) if r.field(CONFIG_PARSER).is_some() => {
                let key = |s: &Val, k: &Val| -> Option<String> {
                    Some(format!("{}\0{}", s.const_str()?, k.const_str()?))
                };
                match (name, args) {
                    ("set", [sec, k, v]) => {
                        let updated = match key(sec, k) {
                            Some(key) => r.with_field(&key, v.clone()),
                            // An unknown key: any read may find the value.
                            None => Val {
                                taint: join_taint(&r.taint, &v.all_taint()),
                                ..r.clone()
                            },
                        };
                        (updated, Val::constant(super::value::Const::Null))
                    }
                    ("add_section" | "read" | "read_string" | "has_section", _) => {
                        return Some(Val::unknown());
                    }
                    ("get", [sec, k, ..]) => {
                        let found = key(sec, k).and_then(|key| r.field(&key));
                        let fallback = call
                            .args
                            .iter()
                            .zip(args)
                            .find(|(a, _)| a.name.as_deref() == Some("fallback"))
                            .map(|(_, v)| v.clone());
                        let v = match (found, fallback) {
                            (Some(v), _) if r.taint.is_none() => v,
                            (Some(v), _) => Val::tainted(r.taint.clone()).join(&v),
                            (None, Some(f)) => Val::tainted(r.taint.clone()).join(&f),
                            (None, None) => Val::tainted(r.taint.clone()),
                        };
                        return Some(v);
                    }
                    _ => return None,
                }
            }
            // `opts.update({"host": x})`: the dict's fields, the new ones set one by one.
            Shape::Map(_) if name == "update" => match args {
                [
                    Val {
                        shape: Shape::Map(more),
                        taint: None,
                        ..
                    },
                ] => {
                    let mut updated = r.clone();
                    for (k, v) in more.iter() {
                        updated = updated.with_field(k, v.clone());
                    }
                    (updated, Val::constant(super::value::Const::Null))
                }
                _ => return None,
            },
            _ => return None,
        };
        self.set_var(var, updated);
        Some(result)
    }

    /// Go's decoders fill the value their argument points to: `json.NewDecoder(r.Body).
    /// Decode(&in)`, `json.Unmarshal(data, &in)`, gin's `c.ShouldBindJSON(&in)`. The
    /// pointed-to variable takes the data of the receiver and the other arguments.
    fn decode_into(
        &mut self,
        call: &'m Call,
        span: Span,
        name: &str,
        recv: Option<&Val>,
        args: &[Val],
    ) {
        if self.family != Family::Go || !super::models::decodes_into(name) {
            return;
        }
        let mut t = recv.map(|r| r.all_taint()).unwrap_or_default();
        if recv.is_some_and(|r| r.is_obj(&ObjKind::WebContext)) {
            t = join_taint(&t, &self.context_attr("Body", span).taint);
        }
        for (a, v) in call.args.iter().zip(args) {
            if !matches!(a.value.kind, ExprKind::Unary(_, _)) {
                t = join_taint(&t, &v.all_taint());
            }
        }
        // Only gin's binders (`c.ShouldBindJSON(&in)`, `c.Bind(&in)`) enforce `binding`
        // tags; a struct another decoder fills keeps no field it restricts.
        let gin_binder = name.starts_with("ShouldBind") || name.starts_with("Bind");
        for a in &call.args {
            if let ExprKind::Unary(_, inner) = &a.value.kind {
                self.taint_into(inner, &t);
                if !gin_binder
                    && let Some(n) = inner.as_name()
                    && let Some(cur) = self.lookup(n)
                    && let Shape::Obj(ObjKind::Instance(cls)) = &cur.shape
                    && self
                        .module
                        .classes
                        .iter()
                        .any(|c| &c.name == cls && !c.fields.is_empty())
                {
                    let plain = Val {
                        taint: cur.all_taint(),
                        ..Val::default()
                    };
                    self.set_var(n, plain);
                }
            }
        }
    }

    /// APIs that call the function they are handed with the arguments they are handed:
    /// `loop.run_in_executor(None, exec, code)`, `asyncio.to_thread(os.system, cmd)`,
    /// `executor.submit(eval, src)`, `loop.call_soon(f, x)`, `pool.apply_async(f, (x,))`,
    /// `threading.Thread(target=os.system, args=(cmd,))`, `threading.Timer(1, f, (x,))`.
    /// The rules see the call made; a function of this file runs with those arguments.
    fn forward_call(
        &mut self,
        call: &Call,
        span: Span,
        path: Option<&str>,
        name: &str,
        method: bool,
        args: &[Val],
    ) {
        let positional = |i: usize| {
            call.args
                .iter()
                .enumerate()
                .filter(|(_, a)| a.name.is_none() && !a.spread)
                .nth(i)
                .map(|(k, _)| k)
        };
        // A literal tuple of arguments (`args=(cmd,)`), element by element.
        let tuple = |j: usize| -> Option<(Vec<Arg>, Vec<Val>)> {
            let (ExprKind::List(items), Shape::Seq(vals)) =
                (&call.args[j].value.kind, &args[j].shape)
            else {
                return None;
            };
            if items.len() != vals.len() {
                return None;
            }
            let fa = items
                .iter()
                .map(|e| Arg {
                    name: None,
                    value: e.clone(),
                    spread: false,
                })
                .collect();
            Some((fa, vals.to_vec()))
        };
        let kwarg = |n: &str| call.args.iter().position(|a| a.name.as_deref() == Some(n));
        // The function's position, and whether the arguments follow it one by one (`true`)
        // or come as a tuple (`args=` or the next positional argument).
        let spread_after = |i: usize| positional(i).map(|k| (k, true));
        let placed = match (method, name, path) {
            (true, "run_in_executor" | "call_later" | "call_at", _) => spread_after(1),
            (true, "submit" | "call_soon" | "call_soon_threadsafe", _) => spread_after(0),
            // A partial binds the arguments the function will be called with.
            (_, _, Some("asyncio.to_thread" | "functools.partial")) => spread_after(0),
            (true, "apply_async" | "apply", _) => positional(0).map(|k| (k, false)),
            (_, _, Some("threading.Thread" | "multiprocessing.Process")) => {
                kwarg("target").map(|k| (k, false))
            }
            (_, _, Some("threading.Timer")) => kwarg("function")
                .or_else(|| positional(1))
                .map(|k| (k, false)),
            _ => None,
        };
        // `map(f, items)` / `executor.map(f, items)`: `f` gets each element.
        if placed.is_none()
            && (path == Some("map") || method && name == "map")
            && let (Some(k), Some(j)) = (positional(0), positional(1))
            && call.args.len() == 2
        {
            let fargs = vec![Arg {
                name: None,
                value: call.args[j].value.clone(),
                spread: false,
            }];
            let fvals = vec![super::interp::element_of(&args[j])];
            return self.forward_to(call, k, span, &args[k], fargs, fvals);
        }
        let Some((k, one_by_one)) = placed else {
            return;
        };
        let (fargs, fvals): (Vec<Arg>, Vec<Val>) = if one_by_one {
            (call.args[k + 1..].to_vec(), args[k + 1..].to_vec())
        } else {
            let j = kwarg("args").or_else(|| {
                call.args
                    .iter()
                    .enumerate()
                    .skip(k + 1)
                    .find(|(_, a)| a.name.is_none() && !a.spread)
                    .map(|(j, _)| j)
            });
            match j {
                Some(j) => match tuple(j) {
                    Some(t) => t,
                    None => return,
                },
                None => (Vec::new(), Vec::new()),
            }
        };
        if fargs.iter().any(|a| a.spread) {
            return;
        }
        self.forward_to(call, k, span, &args[k], fargs, fvals);
    }

    /// Run the call `call.args[k](fargs)` that a forwarding API makes.
    fn forward_to(
        &mut self,
        call: &Call,
        k: usize,
        span: Span,
        target: &Val,
        fargs: Vec<Arg>,
        fvals: Vec<Val>,
    ) {
        let inner = Call {
            callee: call.args[k].value.clone(),
            args: fargs,
            is_new: false,
        };
        match &target.shape {
            Shape::Ref(p) => {
                let p = p.clone();
                let n = p.rsplit('.').next().unwrap_or("").to_string();
                self.fire_call(&inner, span, Some(&p), &n, None, &fvals);
            }
            Shape::Func(id) => {
                let id = *id;
                let bound = self.bind_args(id, &inner, &fvals, None);
                self.apply_summary(id, span, bound);
            }
            _ => {}
        }
    }

    /// A member of a framework handler object (`self.request`, `self.kwargs`): the
    /// request object itself for `request`, else request input described as `what`.
    fn handler_member(&self, name: &str, span: Span, what: &str) -> Val {
        if name == "request" {
            Val::obj(ObjKind::Request(true))
        } else {
            self.source_label(super::value::SourceKind::Request, true, span, what)
        }
    }

    /// PHP: a call whose function, class or method is named by a value (`$f(...)`,
    /// `new $cls(...)`, `$obj->$method(...)`) runs whatever that value names, as
    /// `call_user_func($f, ...)` does: the rules of `call_user_func` see it, with the
    /// name's value as the callable.
    fn php_dynamic_call(&mut self, call: &Call, span: Span, callee: &Val, args: &[Val]) {
        let named = match &call.callee.kind {
            ExprKind::Name(n) if n.starts_with('$') => callee.clone(),
            ExprKind::Attr(..) | ExprKind::Index(..) if call.is_new => callee.clone(),
            ExprKind::Attr(_, m) if m.starts_with('$') && m.len() > 1 => {
                match self.lookup(&m[1..]) {
                    Some(v) => v,
                    None => return,
                }
            }
            _ => return,
        };
        if named.taint.is_none() {
            return;
        }
        let mut cargs = Vec::with_capacity(call.args.len() + 1);
        cargs.push(Arg {
            name: None,
            value: call.callee.clone(),
            spread: false,
        });
        cargs.extend(call.args.iter().cloned());
        let inner = Call {
            callee: Expr::new(
                ExprKind::Name("call_user_func".to_string()),
                call.callee.span,
            ),
            args: cargs,
            is_new: false,
        };
        let mut vals = Vec::with_capacity(args.len() + 1);
        vals.push(named);
        vals.extend(args.iter().cloned());
        self.fire_call(&inner, span, None, "call_user_func", None, &vals);
    }

    /// Ruby: `obj[key]` is the method `[]` of `obj` (Sequel's `DB["SELECT ..."]` runs the
    /// SQL it is given). When the key is not a constant and some rule asks for `[]`, the
    /// rules see the subscript as the call `obj.[](key)`.
    pub(super) fn ruby_index_call(
        &mut self,
        obj: &Expr,
        key: &Expr,
        span: Span,
        recv: &Val,
        kv: &Val,
    ) {
        if kv.as_const().is_some() || !self.index.calls.contains_key("[]") {
            return;
        }
        let inner = Call {
            callee: Expr::new(ExprKind::Attr(Box::new(obj.clone()), "[]".into()), obj.span),
            args: vec![Arg {
                name: None,
                value: key.clone(),
                spread: false,
            }],
            is_new: false,
        };
        let path = self.path_of(obj).map(|p| format!("{p}.[]"));
        self.fire_call(
            &inner,
            span,
            path.as_deref(),
            "[]",
            Some(recv),
            std::slice::from_ref(kv),
        );
    }

    fn fire_call(
        &mut self,
        call: &Call,
        span: Span,
        path: Option<&str>,
        name: &str,
        recv: Option<&Val>,
        args: &[Val],
    ) {
        if name == "render" && recv.is_none() && self.capture_partial.is_some() {
            self.capture_render(call, args);
        }
        let index = self.index;
        // Rules are indexed by the callee's last name as written and as resolved
        // (`django_redirect` imported as `from django.shortcuts import redirect as ...`).
        let resolved = path
            .and_then(|p| p.rsplit('.').next())
            .filter(|r| *r != name);
        let by_name = index.calls.get(name);
        let by_resolved = resolved.and_then(|r| index.calls.get(r));
        if by_name.is_none() && by_resolved.is_none() && index.any_call.is_empty() {
            return;
        }
        let site = CallSite {
            call,
            span,
            path,
            name,
            recv,
            args,
        };
        let rules = self.rules;
        let list = by_name
            .into_iter()
            .flatten()
            .chain(by_resolved.into_iter().flatten())
            .chain(index.any_call.iter());
        for &i in list {
            if self.active[i] {
                rules.rules[i].call(
                    &mut Cx {
                        engine: self,
                        rule: i,
                    },
                    &site,
                );
            }
        }
    }

    /// Rails: a `render` of the partial being looked for (`render "row", item: x`,
    /// `render partial: "shop/row", locals: { item: x }`, `collection: items, as: :item`,
    /// `object: x`): the values its locals get.
    fn capture_render(&mut self, call: &Call, args: &[Val]) {
        let Some((dir, name)) = self.capture_partial.clone() else {
            return;
        };
        let mut target: Option<&str> = None;
        let mut short_form = false;
        let mut first_positional = true;
        for (a, v) in call.args.iter().zip(args) {
            match a.name.as_deref() {
                Some("partial" | "action" | "template") => target = v.const_str(),
                None if first_positional && !a.spread => {
                    first_positional = false;
                    target = v.const_str();
                    short_form = true;
                }
                _ => {}
            }
        }
        // `render locals: { ... }` with no template renders the action's own.
        let hit = match target {
            Some(t) => match t.rsplit_once('/') {
                Some((d, n)) => d == dir && n == name,
                None => t == name,
            },
            None => !short_form && self.module.funcs[self.current_func()].name == name,
        };
        if !hit {
            return;
        }
        self.partial_rendered = true;
        let alias = call
            .args
            .iter()
            .zip(args)
            .find(|(a, _)| a.name.as_deref() == Some("as"))
            .and_then(|(_, v)| v.const_str().map(str::to_string))
            .unwrap_or_else(|| name.clone());
        let mut got: Vec<(String, Val)> = Vec::new();
        for (a, v) in call.args.iter().zip(args) {
            match a.name.as_deref() {
                Some("locals") => {
                    if let Shape::Map(items) = &v.shape {
                        got.extend(items.iter().map(|(k, x)| (k.to_string(), x.clone())));
                    }
                }
                Some("collection") => got.push((alias.clone(), super::interp::element_of(v))),
                Some("object") => got.push((alias.clone(), v.clone())),
                Some("partial" | "as" | "layout" | "formats" | "spacer_template" | "cached") => {}
                Some(k) if short_form && k != "&" => got.push((k.to_string(), v.clone())),
                _ => {}
            }
        }
        for (k, v) in got {
            let v = match self.partial_locals.get(&k) {
                Some(old) => super::interp::join_vals(old, &v),
                None => v,
            };
            self.partial_locals.insert(k, v);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn call_result(
        &mut self,
        call: &'m Call,
        span: Span,
        callee: &Val,
        recv: Option<&Val>,
        path: Option<&str>,
        name: &str,
        args: &[Val],
    ) -> Val {
        // NestJS's `host.switchToHttp().getResponse()` (exception filters, guards,
        // interceptors): the response being built.
        if self.family == Family::Js
            && name == "getResponse"
            && args.is_empty()
            && matches!(&call.callee.kind, ExprKind::Attr(b, _)
                if b.as_call().is_some_and(|c| c.callee.last_name() == Some("switchToHttp")))
        {
            return Val::obj(ObjKind::Response);
        }
        // Go: echo's, fiber's, iris's `c.Request()` / `c.Response()` accessors give the
        // request and response objects themselves.
        if self.family == Family::Go
            && args.is_empty()
            && matches!(
                callee.shape,
                Shape::Obj(ObjKind::Request(_) | ObjKind::Response)
            )
            && recv.is_some_and(|r| r.is_obj(&ObjKind::WebContext))
        {
            return callee.clone();
        }
        // express-validator's `matchedData(req)`: the fields the route's validators
        // checked; those they restrict (`isIn`, `isInt`, ...) carry no text of the
        // client's choosing.
        if self.family == Family::Js
            && call.callee.as_name() == Some("matchedData")
            && let Some(h) = self
                .handlers
                .get(self.current_func())
                .and_then(Option::as_ref)
            && h.framework == super::handlers::Framework::Express
        {
            let mut v = self.source_label(
                super::value::SourceKind::Request,
                true,
                span,
                "request data",
            );
            for r in &h.route_params {
                if let Some((_, field)) = r.split_once(':') {
                    v = v.with_field(field, Val::trusted());
                }
            }
            return v;
        }
        // h3 / Nitro / Nuxt: `getQuery(event)`, `readBody(event)`, ... of a handler's
        // request event.
        if self.family == Family::Js
            && call
                .callee
                .as_name()
                .is_some_and(|n| H3_REQUEST_READERS.contains(&n))
            && args
                .first()
                .is_some_and(|a| matches!(a.shape, Shape::Obj(ObjKind::Request(_))))
        {
            return self.source_label(
                super::value::SourceKind::Request,
                true,
                span,
                "request data",
            );
        }
        // argparse: `args = parser.parse_args()` after `parser.add_argument("env",
        // choices=["staging", "prod"])` / `type=int` / `action="store_true"` in the
        // same function: those options hold one of the listed values, a number or a
        // flag.
        if self.family == Family::Python
            && matches!(name, "parse_args" | "parse_intermixed_args")
            && let ExprKind::Attr(b, _) = &call.callee.kind
            && let Some(parser) = b.as_name()
        {
            let fields = argparse_restricted(&self.module.funcs[self.current_func()].body, parser);
            if !fields.is_empty() {
                let mut v = Val::default();
                for f in fields {
                    v = v.with_field(&f, Val::trusted());
                }
                return v;
            }
        }
        // `require("../package.json")`: a data file of the project itself, read when the
        // module loads; its fields (`.version`, `.name`) are the developer's.
        if self.family == Family::Js
            && call.callee.as_name() == Some("require")
            && args.len() == 1
            && args[0]
                .const_str()
                .is_some_and(|p| p.starts_with('.') && p.ends_with(".json"))
        {
            return Val::trusted();
        }
        if quotes_sql(name) && !super::models::is_known_sanitizer(self.family, path, name, recv) {
            let base = super::models::escaped_input(recv, args);
            return Val {
                trusted: base.is_none(),
                taint: super::value::neutralize(&base, super::value::class::SQL),
                ..Val::default()
            };
        }
        // `new URL(path, request.url)`: resolved against the URL this server was reached
        // at, so the host is this site's unless `path` names another.
        if call.is_new
            && name == "URL"
            && args.len() == 2
            && call.arg(1).is_some_and(|b| match &b.kind {
                ExprKind::Attr(_, a) if a == "url" || a == "nextUrl" => true,
                // Next.js `new URL(path, req.nextUrl.origin)` / `.href`.
                ExprKind::Attr(inner, a) if a == "origin" || a == "href" => {
                    matches!(&inner.kind, ExprKind::Attr(_, n) if n == "nextUrl")
                }
                _ => false,
            })
        {
            return args[0].clone();
        }
        if let Shape::Func(id) = callee.shape {
            let bound = self.bind_args(id, call, args, None);
            let v = self.apply_summary(id, span, bound);
            // `assertAllowed(url)` throws unless the check holds: past it, it holds.
            if let Some(called) = self.called_summary(call) {
                let refs = called.refinements(call, called.summary.guard_exit.as_deref());
                self.apply_exit_refinements(call, &refs);
            }
            return v;
        }
        // `Tools.run(x)`: a static or class method called on a class of this file.
        if self.family == Family::Python
            && let Some((class, method)) = path.and_then(|p| p.split_once('.'))
            && !method.contains('.')
            && self.module.classes.iter().any(|c| c.name == class)
            && let Some(mid) = self.method_of(class, method)
        {
            let decorated = |n: &str| {
                self.module.funcs[mid]
                    .decorators
                    .iter()
                    .any(|d| d.last_name() == Some(n))
            };
            let cls =
                decorated("classmethod").then(|| Val::obj(ObjKind::Instance(class.to_string())));
            if cls.is_some() || decorated("staticmethod") {
                let bound = self.bind_args(mid, call, args, cls);
                return self.apply_summary(mid, span, bound);
            }
        }
        // `PageSchema().load(request.args)`: a marshmallow schema's result, each
        // declared field converted and validated by its class (numbers, booleans,
        // dates, UUIDs, `OneOf` choices are no text to inject).
        if self.family == Family::Python
            && name == "load"
            && let Some(r) = recv
            && let Shape::Obj(ObjKind::Instance(cls)) = &r.shape
            && let Some(c) = self.module.classes.iter().find(|c| &c.name == cls)
            && c.bases
                .iter()
                .any(|b| b.rsplit('.').next() == Some("Schema"))
            && !c.fields.is_empty()
            && self.method_of(cls, name).is_none()
        {
            let input = args.first().map(|a| a.all_taint()).unwrap_or_default();
            let mut v = Val::default();
            for (field, ty) in &c.fields {
                let clean = matches!(
                    ty.rsplit('.').next().unwrap_or(""),
                    "Int"
                        | "Integer"
                        | "Float"
                        | "Decimal"
                        | "Number"
                        | "Bool"
                        | "Boolean"
                        | "UUID"
                        | "Date"
                        | "DateTime"
                        | "Time"
                        | "TimeDelta"
                        | "OneOf"
                );
                let fv = if clean {
                    Val::trusted()
                } else {
                    Val::tainted(input.clone())
                };
                v = v.with_field(field, fv);
            }
            return v;
        }
        // self.method(...) / this.method(...) / instance.method(...)
        if let Some(r) = recv
            && let Shape::Obj(ObjKind::Instance(cls)) = &r.shape
            && let Some(mid) = self.method_of(cls, name)
        {
            // A `@staticmethod` takes no object.
            let is_static = self.module.funcs[mid]
                .decorators
                .iter()
                .any(|d| d.last_name() == Some("staticmethod"));
            // A Go method's receiver is its first parameter.
            let self_val = (self.family == Family::Python && !is_static
                || self.family == Family::Go)
                .then(|| r.clone());
            let bound = self.bind_args(mid, call, args, self_val);
            return self.apply_summary(mid, span, bound);
        }
        // instance.method(...) on an object of a class of another project module.
        if let Some(r) = recv
            && let Shape::Obj(ObjKind::Instance(cls)) = &r.shape
            && cls.contains('.')
            && let Some(v) = self.project_method(call, span, cls, name, r, args)
        {
            return v;
        }
        // Java: `Status.valueOf(s)` / `Enum.valueOf(Status.class, s)`: a static `valueOf` of
        // a type other than the text types gives a value of that type (an enum constant, a
        // number, a boolean) or throws; none is text of the caller's choosing.
        if self.family == Family::Java
            && name == "valueOf"
            && let ExprKind::Attr(cls, _) = &call.callee.kind
            && let Some(cls) = cls.last_name()
            && cls.starts_with(|c: char| c.is_ascii_uppercase())
            && !matches!(
                cls,
                "String" | "StringBuilder" | "StringBuffer" | "CharBuffer" | "Optional"
            )
            && self.lookup(cls).is_none()
        {
            return Val::trusted();
        }
        // Java streams mapped through a number or UUID parser (`.map(Long::parseLong)`,
        // `.mapToInt(Integer::parseInt)`): every element is a number now (or the parse threw).
        if self.family == Family::Java
            && recv.is_some()
            && matches!(name, "map" | "mapToInt" | "mapToLong" | "mapToDouble")
            && let Some(ExprKind::Other(inner)) = call.arg(0).map(|a| &a.kind)
            && let [r] = inner.as_slice()
            && let ExprKind::Attr(cls, m) = &r.kind
            && match cls.last_name() {
                Some("Integer" | "Long" | "Short" | "Double" | "Float" | "Byte") => {
                    m.starts_with("parse") || m == "valueOf"
                }
                Some("UUID") => m == "fromString",
                _ => false,
            }
        {
            return Val::trusted();
        }
        // Vert.x `rc.request()` / `rc.response()`: the request being handled and its
        // response.
        if self.family == Family::Java
            && let Some(Shape::Obj(ObjKind::Request(strong))) = recv.map(|r| &r.shape)
            && args.is_empty()
        {
            match name {
                // (WebFlux `exchange.getRequest()` / `getResponse()` too.)
                "request" | "getRequest" => return Val::obj(ObjKind::Request(*strong)),
                "response" | "getResponse" => return Val::obj(ObjKind::Response),
                _ => {}
            }
        }
        // res.status(500).send(...): the chain keeps the response.
        if let Some(r) = recv
            && r.is_obj(&ObjKind::Response)
            && matches!(
                name,
                "getWriter"
                    | "getOutputStream"
                    | "writer"
                    | "status"
                    | "set"
                    | "header"
                    | "type"
                    | "cookie"
                    | "append"
                    | "vary"
                    | "code"
                    | "headers"
                    | "clearCookie"
                    | "setHeader"
                    // PSR-7 responses (immutable: each returns the new response)
                    | "getBody"
                    | "withHeader"
                    | "withAddedHeader"
                    | "withStatus"
                    // Vert.x HttpServerResponse
                    | "putHeader"
                    | "setStatusCode"
                    | "setStatusMessage"
                    | "setChunked"
            )
        {
            return Val::obj(ObjKind::Response);
        }
        // `new HashMap<>()`, `new ArrayList<>()`, `new Vector<>(5)` (an initial
        // capacity): an empty container whose elements are tracked by key and position.
        let capacity_only = |a: &[Val]| {
            a.is_empty()
                || a.len() == 1 && matches!(a[0].as_const(), Some(super::value::Const::Num(_)))
        };
        if self.family == Family::Java && call.is_new && capacity_only(args) {
            if JAVA_MAPS.contains(&name) {
                return Val {
                    shape: Shape::Map(Arc::new(Vec::new())),
                    ..Val::default()
                };
            }
            if JAVA_LISTS.contains(&name) {
                return Val {
                    shape: Shape::Seq(Arc::new(Vec::new())),
                    ..Val::default()
                };
            }
        }
        // Java: `helper(x)` inside a class calls the class's own method.
        if self.family == Family::Java
            && recv.is_none()
            && let Some(p) = path
            && !p.contains('.')
            && let Some(cls) = self.module.funcs[self.current_func()].class.clone()
            && let Some(mid) = self.method_of_arity(&cls, p, call.args.len())
        {
            let bound = self.bind_args(mid, call, args, None);
            return self.apply_summary(mid, span, bound);
        }
        // `new com.example.Helper(request)`: a class of another file of the project; its
        // methods resolve by the class's name.
        if self.family == Family::Java
            && call.is_new
            && let Some(p) = path
            && let Some(project) = self.project
            && !self.module.classes.iter().any(|c| c.name == p)
            && project.java_class(&self.file, p).is_some()
        {
            return Val::reference(p);
        }
        if let Some(p) = path {
            if let Some(cls) = self.module.classes.iter().find(|c| c.name == p) {
                if self.family == Family::Python
                    && let Some(v) = self.record_value(cls, call, args)
                {
                    return v;
                }
                let mut v = Val::obj(ObjKind::Instance(cls.name.clone()));
                if self.family == Family::Python {
                    v.taint = self.built_from(span, args);
                }
                return v;
            }
            if let Some(v) = self.project_call(call, span, p, args) {
                // Java: a method of the project given only values the program chose
                // (`Config.command("echo")`) gives a value the program chose, as an
                // unresolved one does.
                if self.family == Family::Java
                    && v.all_taint().is_none()
                    && matches!(v.shape, Shape::Unknown)
                    && recv.is_none_or(|r| r.all_taint().is_none())
                    && args.iter().all(|a| a.is_trusted())
                {
                    return Val::trusted();
                }
                return v;
            }
        }
        // `items.map((item, i) => ...)`: each element becomes what the callback returns
        // for it; the index it is also given is a number.
        if self.family == Family::Js
            && matches!(name, "map" | "flatMap")
            && let Some(r) = recv
            && call.args.len() == 1
            && let ExprKind::Func(id) = call.args[0].value.kind
            && !self.is_handler(id)
            && !matches!(r.shape, Shape::Ref(_) | Shape::Obj(_))
        {
            let n = self.module.funcs[id].params.len();
            let mut bound = vec![super::interp::element_of(r), Val::trusted(), r.clone()];
            bound.resize(n.max(1), Val::unknown());
            bound.truncate(n);
            let ret = self.apply_summary(id, call.args[0].value.span, bound);
            return Val {
                taint: ret.all_taint(),
                trusted: ret.is_trusted(),
                ..Val::default()
            };
        }
        // A database driver's query or row read (`$pdo->query($sql)->fetchAll()`,
        // `db.query(sql, [id])`): the rows stored there, not the query's text or values.
        if super::db_reads::reads_rows(self.family, name, recv) {
            self.run_callbacks(call, recv, args, path);
            return self.io_source(SourceKind::Stored, span, "rows read from the database");
        }
        if let Some(v) = self.call_model(call, span, path, name, recv, args) {
            self.run_callbacks(call, recv, args, path);
            return v;
        }
        self.run_callbacks(call, recv, args, path);
        // The text of a converted value (`id.String()` of a parsed UUID, `n.toString()`).
        if let Some(r) = recv
            && r.is_trusted()
            && args.is_empty()
            && matches!(name, "String" | "toString" | "to_s" | "hex" | "toFixed")
        {
            return Val::trusted();
        }
        // Java: a method of an object of a class this file does not define, called
        // with values the program chose (`thing.describe("x")`, `Config.get("k")`),
        // gives a value the program chose; called with input, its result carries
        // the input (`helper.transform(param)`): Java code passes data through its own
        // classes' methods. A method of a value the program chose, with no input
        // (`"abc".getBytes()`), gives a value the program chose.
        if self.family == Family::Java
            && let Some(r) = recv
            && let Some(v) = super::models::fold_string_method(r, name, args)
        {
            return v;
        }
        if self.family == Family::Java
            && let Some(r) = recv
            && r.all_taint().is_none()
            && callee.all_taint().is_none()
            && matches!(r.shape, Shape::Unknown | Shape::Ref(_) | Shape::Const(_))
        {
            let chosen = args.iter().all(|a| a.is_trusted());
            if chosen && (!args.is_empty() || r.is_trusted()) {
                return Val::trusted();
            }
            // A lookup by input (`repo.findByName(name)`) gives stored data, not
            // the input.
            if !args.is_empty() && !matches!(r.shape, Shape::Ref(_)) && !looks_up(name) {
                return Val::tainted(all_args(args));
            }
        }
        // Java: `new String(bytes)`, `new StringBuilder("x")` of values the program chose.
        if self.family == Family::Java
            && call.is_new
            && !args.is_empty()
            && callee.all_taint().is_none()
            && args.iter().all(|a| a.is_trusted())
        {
            return Val::trusted();
        }
        // A method of a local object that carries no input (a cursor, a client, a
        // collection) consumes its arguments: what it returns is its own data.
        if let Some(r) = recv
            && r.all_taint().is_none()
            && callee.all_taint().is_none()
            && (!matches!(r.shape, Shape::Ref(_))
                || self.class_like_ref(r) && QUERY_METHODS.contains(&name)
                || self.family == Family::Python && DB_API_METHODS.contains(&name)
                // `Doc.findById(id)` of a model module: the stored record.
                || self.family == Family::Js
                    && QUERY_METHODS.contains(&name)
                    && name.starts_with("find"))
        {
            return Val::unknown();
        }
        let mut t = callee.all_taint();
        for a in args {
            t = join_taint(&t, &a.all_taint());
        }
        Val::tainted(t)
    }

    /// Lambdas passed to a call receive the call's data (`items.forEach(x => ...)`,
    /// `promise.then(data => ...)`, `map(lambda x: ..., xs)`).
    fn run_callbacks(
        &mut self,
        call: &'m Call,
        recv: Option<&Val>,
        args: &[Val],
        path: Option<&str>,
    ) {
        if self.request_stream(call, recv) {
            return;
        }
        let Some(mut input) = self.callback_input(call, recv, args) else {
            return;
        };
        // `exec(cmd, (err, stdout) => ...)`, `fs.readFile(p, (err, data) => ...)`: the
        // callback gets what the program printed or the file holds, not the arguments.
        if self.family == Family::Js && path.is_some_and(output_callback) {
            input = Val::unknown();
        }
        for a in &call.args {
            if let ExprKind::Func(id) = a.value.kind {
                if self.is_handler(id) || self.status[id] != super::engine::Status::NotStarted {
                    continue;
                }
                let n = self.module.funcs[id].params.len();
                self.apply_summary(id, a.value.span, vec![input.clone(); n]);
            }
        }
    }

    /// Ruby, under the `local` threat model: the block of a file read gets what the
    /// read gives (`File.open(name) { |f| f.read }` the file, `File.foreach(name) { |l|
    /// ... }` its lines), which the usual callback run (skipped for a source) would not.
    fn local_blocks(&mut self, call: &'m Call, input: &Val) {
        if self.family != Family::Ruby {
            return;
        }
        for a in &call.args {
            if let ExprKind::Func(id) = a.value.kind
                && !self.is_handler(id)
                && self.status[id] == super::engine::Status::NotStarted
            {
                let n = self.module.funcs[id].params.len();
                self.apply_summary(id, a.value.span, vec![input.clone(); n]);
            }
        }
    }

    /// Node's request body read as a stream: `req.on("data", chunk => { body += chunk })`.
    /// The listener's chunk is request data, and so is every variable of the enclosing
    /// handler the listener appends it to (`body += chunk`, `chunks.push(chunk)`), which
    /// the `"end"` listener then reads.
    fn request_stream(&mut self, call: &'m Call, recv: Option<&Val>) -> bool {
        let Some(Shape::Obj(ObjKind::Request(strong))) = recv.map(|r| &r.shape) else {
            return false;
        };
        if self.family != Family::Js
            || !matches!(call.callee.last_name(), Some("on" | "once" | "addListener"))
            || call.arg(0).and_then(|a| a.as_str()) != Some("data")
        {
            return false;
        }
        let body = self.source_label(
            super::value::SourceKind::Request,
            *strong,
            call.callee.span,
            "the request body stream",
        );
        let module = self.module;
        for a in &call.args {
            let ExprKind::Func(id) = a.value.kind else {
                continue;
            };
            let f = &module.funcs[id];
            if let Some(chunk) = f.params.first().and_then(|p| p.name()) {
                let mentions = |e: &Expr| {
                    let mut m = false;
                    e.walk(&mut |x| m = m || matches!(&x.kind, ExprKind::Name(n) if n == chunk));
                    m
                };
                let mut targets: Vec<&str> = Vec::new();
                for_each_nested_stmt(&f.body, &mut |s| match &s.kind {
                    StmtKind::AugAssign {
                        target: Pattern::Name(x, _),
                        value,
                        ..
                    }
                    | StmtKind::Assign {
                        target: Pattern::Name(x, _),
                        value,
                    } if mentions(value) => targets.push(x),
                    // `chunks.push(chunk)`, also as an arrow function's expression body.
                    StmtKind::Expr(e) | StmtKind::Return(Some(e)) => {
                        if let Some(c) = e.as_call()
                            && let ExprKind::Attr(b, m) = &c.callee.kind
                            && m == "push"
                            && let ExprKind::Name(x) = &b.kind
                            && c.args.iter().any(|a| mentions(&a.value))
                        {
                            targets.push(x);
                        }
                    }
                    _ => {}
                });
                for x in targets {
                    if let Some(cur) = self.lookup(x) {
                        self.set_var(x, cur.join(&body));
                    }
                }
            }
            if self.status[id] == super::engine::Status::NotStarted {
                let n = f.params.len();
                self.apply_summary(id, a.value.span, vec![body.clone(); n]);
            }
        }
        true
    }

    /// A reference to a class or to something not imported (`User.query`, a model from a
    /// star import): its methods are queries, not transformations of their arguments.
    fn class_like_ref(&self, r: &Val) -> bool {
        let Some(p) = r.ref_path() else { return false };
        let root = p.split('.').next().unwrap_or(p);
        let imported = self.module.imports.iter().any(|i| {
            i.path.split('.').next() == Some(root) || i.path.starts_with(&format!(".{root}"))
        });
        !imported
            || p.split('.')
                .any(|seg| seg.starts_with(|c: char| c.is_ascii_uppercase()))
    }

    /// Does the body of Python class `class` assign `name` with no method setting
    /// `self.name`?
    pub(crate) fn class_constant(&self, class: &str, name: &str) -> bool {
        if let Some(set) = self.class_consts.borrow().get(class) {
            return set.contains(name);
        }
        let mut set = std::collections::HashSet::new();
        if let Some(c) = self.module.classes.iter().find(|c| c.name == class)
            && let Some(body) = self.module.funcs.first().and_then(|f| {
                f.body.iter().find_map(|s| match &s.kind {
                    StmtKind::Block(b) if s.span == c.span => Some(b),
                    _ => None,
                })
            })
        {
            for s in body {
                if let StmtKind::Assign {
                    target: Pattern::Name(n, _),
                    ..
                } = &s.kind
                {
                    set.insert(n.clone());
                }
            }
            for &m in &c.methods {
                remove_self_assigned(&self.module.funcs[m].body, &mut set);
            }
        }
        let hit = set.contains(name);
        self.class_consts
            .borrow_mut()
            .insert(class.to_string(), Arc::new(set));
        hit
    }

    /// A method of `class` called `name` taking `n` arguments (Java overloads).
    fn method_of_arity(&self, class: &str, name: &str, n: usize) -> Option<FuncId> {
        let c = self.module.classes.iter().find(|c| c.name == class)?;
        c.methods.iter().copied().find(|&m| {
            let f = &self.module.funcs[m];
            f.name == name && f.params.len() == n
        })
    }

    pub(crate) fn method_of(&self, class: &str, name: &str) -> Option<FuncId> {
        let c = self.module.classes.iter().find(|c| c.name == class)?;
        c.methods
            .iter()
            .copied()
            .find(|&m| self.module.funcs[m].name == name)
    }

    /// Argument values for each parameter of `id`.
    /// An object of a record class of this file, built field by field: a dataclass,
    /// `NamedTuple` or pydantic model (its annotated fields in order), or a class whose
    /// only method is an `__init__` that stores its parameters (`self.host = host`).
    /// Each field keeps its own value, so the constant one of a mixed object stays safe.
    fn record_value(&self, cls: &crate::ir::Class, call: &Call, args: &[Val]) -> Option<Val> {
        use crate::ir::{Pattern, StmtKind};
        if !cls.bases.iter().all(|b| {
            matches!(
                b.rsplit('.').next().unwrap_or(""),
                "NamedTuple" | "BaseModel" | "object"
            )
        }) || call.args.iter().any(|a| a.spread)
        {
            return None;
        }
        let methods: Vec<FuncId> = cls.methods.clone();
        // (field, the parameter it stores or None for a program-chosen value)
        let mut fields: Vec<(String, Option<String>)> = Vec::new();
        let mut params: Vec<String> = Vec::new();
        match methods.as_slice() {
            [] => {
                if cls.fields.is_empty() {
                    return None;
                }
                for (f, _) in &cls.fields {
                    fields.push((f.clone(), Some(f.clone())));
                    params.push(f.clone());
                }
            }
            [init] if self.module.funcs[*init].name == "__init__" => {
                let func = &self.module.funcs[*init];
                params = func
                    .params
                    .iter()
                    .skip(1)
                    .map(|p| p.name().map(str::to_string))
                    .collect::<Option<Vec<_>>>()?;
                for st in &func.body {
                    let StmtKind::Assign {
                        target: Pattern::Attr(obj, field, _),
                        value,
                    } = &st.kind
                    else {
                        return None;
                    };
                    if obj.as_name() != Some("self") {
                        return None;
                    }
                    match &value.kind {
                        ExprKind::Name(n) if params.contains(n) => {
                            fields.push((field.clone(), Some(n.clone())))
                        }
                        ExprKind::Str(_)
                        | ExprKind::Num(_)
                        | ExprKind::Bool(_)
                        | ExprKind::Null => fields.push((field.clone(), None)),
                        _ => return None,
                    }
                }
            }
            _ => return None,
        }
        // The value each parameter receives: positional in order, then by keyword;
        // one not passed keeps the default the class wrote.
        let mut bound: Vec<Option<Val>> = vec![None; params.len()];
        let mut pi = 0;
        for (a, v) in call.args.iter().zip(args) {
            match &a.name {
                None => {
                    if pi >= bound.len() {
                        return None;
                    }
                    bound[pi] = Some(v.clone());
                    pi += 1;
                }
                Some(n) => {
                    let j = params.iter().position(|p| p == n)?;
                    bound[j] = Some(v.clone());
                }
            }
        }
        let mut out = Val::default();
        for (field, param) in fields {
            let v = match param.and_then(|p| params.iter().position(|q| *q == p)) {
                Some(j) => bound[j].clone().unwrap_or_else(Val::trusted),
                None => Val::trusted(),
            };
            out = out.with_field(&field, v);
        }
        Some(out)
    }

    fn bind_args(&self, id: FuncId, call: &Call, args: &[Val], self_val: Option<Val>) -> Vec<Val> {
        let func = &self.module.funcs[id];
        let n = func.params.len();
        let mut out: Vec<Option<Val>> = vec![None; n];
        let mut pi = 0;
        if let Some(s) = self_val
            && n > 0
        {
            out[0] = Some(s);
            pi = 1;
        }
        let mut rest: Vec<Val> = Vec::new();
        let rest_at = func.params.iter().position(|p| p.kind == ParamKind::Rest);
        let kw_at = func.params.iter().position(|p| p.kind == ParamKind::KwRest);
        for (k, a) in call.args.iter().enumerate() {
            let v = &args[k];
            if a.spread {
                for slot in out.iter_mut().skip(pi) {
                    let cur = slot.take().unwrap_or_default();
                    *slot = Some(Val::tainted(join_taint(&cur.taint, &v.all_taint())));
                }
                continue;
            }
            match &a.name {
                None => {
                    if Some(pi) == rest_at || pi >= n {
                        rest.push(v.clone());
                    } else {
                        out[pi] = Some(v.clone());
                        pi += 1;
                    }
                }
                Some(nm) => {
                    match func
                        .params
                        .iter()
                        .position(|p| p.name() == Some(nm.as_str()))
                    {
                        Some(j) => out[j] = Some(v.clone()),
                        None => {
                            if let Some(j) = kw_at {
                                let cur = out[j].take().unwrap_or_default();
                                out[j] = Some(cur.with_field(nm, v.clone()));
                            }
                        }
                    }
                }
            }
        }
        if let Some(r) = rest_at {
            out[r] = Some(Val {
                shape: Shape::Seq(Arc::new(rest)),
                ..Val::default()
            });
        }
        out.into_iter()
            .enumerate()
            .map(|(i, v)| {
                v.unwrap_or_else(|| match &func.params[i].default {
                    Some(d) => self.quiet(d),
                    None => Val::unknown(),
                })
            })
            .collect()
    }

    /// Apply `id`'s summary to argument values: the return value, and findings where an
    /// argument carries input to a sink inside.
    pub(crate) fn apply_summary(&mut self, id: FuncId, span: Span, bound: Vec<Val>) -> Val {
        // A function that only calls itself (recursion, or through a function it calls)
        // still has no caller in the file: its sinks are judged as an uncalled function's.
        if !self.frames.iter().any(|f| f.func == id) {
            self.called[id] = true;
        }
        let Some(s) = self.analyze_function(id) else {
            // Recursive call: the result carries the arguments' data.
            let t = bound
                .iter()
                .fold(None, |t, a| join_taint(&t, &a.all_taint()));
            return Val::tainted(t);
        };
        let fname = self.module.funcs[id].name.clone();
        let hop = self.call_hop(span, &fname);
        let ret = substitute(&s.ret, &bound, &hop);
        for r in &s.records {
            self.instantiate(r, &bound, span, &fname);
        }
        ret
    }

    /// A closure that adds "through `f()`" at a call site to a path.
    pub(crate) fn call_hop(&self, span: Span, fname: &str) -> impl Fn(&Trace) -> Trace + use<> {
        let file = self.file.clone();
        let line = self.line_of(span.start);
        let note = format!("through `{fname}()`");
        move |t: &Trace| {
            Some(Arc::new(Hop {
                file: file.clone(),
                span,
                line,
                note: note.clone(),
                prev: t.clone(),
            }))
        }
    }

    /// A [`crate::check::accept::LITERAL`] sink reached from a parameter, for which this
    /// call passes a literal: reported at the sink when it is in this file (with the
    /// call in its path), else at the call.
    fn report_literal_arg(&mut self, r: &SinkRecord, call_span: Span, fname: &str) {
        let conf = self.rules.rules[r.rule].meta().confidence;
        let base = self.rules.rules[r.rule].meta().message;
        let msg = r.message.as_deref().unwrap_or(base);
        let head = self.hop(call_span, format!("a literal passed to `{fname}()`"), None);
        let trace = concat(&head, &r.trace);
        if Arc::ptr_eq(&r.file, &self.file) || r.file == self.file {
            let message = r.message.as_deref().map(str::to_string);
            self.push_flow_finding(r.rule, r.span, conf, message, &trace, r.fix.clone());
        } else {
            let message = format!(
                "{msg} (the sink is in `{fname}()` at {}:{})",
                r.file, r.line
            );
            self.push_flow_finding(r.rule, call_span, conf, Some(message), &trace, None);
        }
    }

    /// A sink reached from a parameter, seen from a call: report when the argument
    /// carries input, or pass the record on when it comes from the caller's own
    /// parameter.
    pub(crate) fn instantiate(
        &mut self,
        r: &SinkRecord,
        bound: &[Val],
        call_span: Span,
        fname: &str,
    ) {
        // A sink a nested function reaches with its enclosing function's parameter:
        // a record of the enclosing function, reported only where a caller passes input.
        if r.param >= super::value::OUTER_PARAM {
            let rec = SinkRecord {
                param: r.param - super::value::OUTER_PARAM,
                func: self.current_func(),
                built_ok: false,
                ..r.clone()
            };
            if let Some(frame) = self.frames.last_mut() {
                frame.records.push(rec);
            }
            return;
        }
        let Some(arg) = bound.get(r.param as usize) else {
            return;
        };
        if r.accept & crate::check::accept::LITERAL != 0 && written_constant(arg) {
            self.report_literal_arg(r, call_span, fname);
            return;
        }
        let Some(t) = arg.all_taint() else { return };
        let live: Vec<_> = t
            .iter()
            .filter(|l| {
                accepts(self.widen(r.accept), &l.origin)
                    && (l.neutral | r.neutral) & r.class != r.class
            })
            .cloned()
            .collect();
        if live.is_empty() {
            return;
        }
        let note = format!("passed to `{fname}()`");
        let same_file = Arc::ptr_eq(&r.file, &self.file) || r.file == self.file;
        if let Some(l) = live
            .iter()
            .filter(|l| !matches!(l.origin, Origin::Param(_)))
            .max_by_key(|l| {
                matches!(l.origin, Origin::Source(super::value::SourceKind::Request)) as u8 * 2
                    + l.strong as u8
            })
        {
            use super::value::{LocalOrigin, SourceKind};
            let conf = match l.origin {
                Origin::Source(SourceKind::Request) if l.strong => Confidence::High,
                // Rows of the database, at a sink only the `local` threat model opens
                // to them.
                Origin::Source(SourceKind::Local(LocalOrigin::Database)) => Confidence::Low,
                Origin::Source(SourceKind::Stored)
                    if r.accept & crate::check::accept::STORED == 0 =>
                {
                    Confidence::Low
                }
                Origin::Source(_) => Confidence::Medium,
                _ => self.rules.rules[r.rule].meta().confidence,
            };
            let head = self.hop(call_span, note.clone(), l.trace.clone());
            let trace = concat(&head, &r.trace);
            let base = self.rules.rules[r.rule].meta().message;
            if same_file {
                let msg = super::engine::local_message(l, r.accept, None, base);
                self.push_flow_finding(r.rule, r.span, conf, msg, &trace, r.fix.clone());
            } else {
                let msg = format!(
                    "{base} (the sink is in `{fname}()` at {}:{})",
                    r.file, r.line
                );
                let msg = super::engine::local_message(l, r.accept, Some(msg), base);
                self.push_flow_finding(r.rule, call_span, conf, msg, &trace, None);
            }
            return;
        }
        for l in live {
            let Origin::Param(q) = l.origin else { continue };
            let head = self.hop(call_span, note.clone(), l.trace.clone());
            let rec = SinkRecord {
                param: q,
                neutral: l.neutral | r.neutral,
                trace: concat(&head, &r.trace),
                func: self.current_func(),
                ..r.clone()
            };
            if let Some(frame) = self.frames.last_mut() {
                frame.records.push(rec);
            }
        }
    }
}

/// A constant the code writes, as [`crate::check::accept::LITERAL`] sinks take it: a
/// non-empty literal string (not a placeholder such as `"<password>"` or
/// `"${DB_PASS}"`) or an array of literal numbers.
fn written_constant(v: &Val) -> bool {
    if v.is_const() {
        return v
            .const_str()
            .is_some_and(|s| !s.is_empty() && !crate::rules::support::credential_placeholder(s));
    }
    match &v.shape {
        Shape::Seq(items) => !items.is_empty() && v.all_const_elements(),
        // (a map whose every entry is a literal: `keys.put(0, "k3y")` handed on)
        Shape::Map(items) => !items.is_empty() && v.all_const_elements(),
        _ => false,
    }
}

/// A method named for reading stored records (`findByName`, `getUser`, `loadOrder`,
/// `query`, `count`).
/// h3's functions that read a request event (Nitro and Nuxt server routes use the
/// same ones, auto-imported).
const H3_REQUEST_READERS: &[&str] = &[
    "getQuery",
    "getValidatedQuery",
    "readBody",
    "readValidatedBody",
    "readRawBody",
    "readFormData",
    "readMultipartFormData",
    "getRouterParam",
    "getRouterParams",
    "getValidatedRouterParams",
    "getHeader",
    "getHeaders",
    "getRequestHeader",
    "getRequestHeaders",
    "getCookie",
    "parseCookies",
    "getRequestURL",
    "getRequestHost",
    "getRequestPath",
    "toWebRequest",
];

fn looks_up(name: &str) -> bool {
    [
        "find", "get", "load", "fetch", "query", "search", "select", "count", "exists", "read",
        "lookup", "retrieve", "list",
    ]
    .iter()
    .any(|v| {
        name.strip_prefix(v).is_some_and(|rest| {
            rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_uppercase())
        })
    })
}

fn all_args(args: &[Val]) -> super::value::Taint {
    args.iter()
        .fold(None, |t, a| join_taint(&t, &a.all_taint()))
}

/// The key a Java map entry is tracked by: a constant string, or a whole number's text
/// (`map.put(2, v)`).
fn map_key(k: &Val) -> Option<String> {
    match k.as_const().filter(|_| k.is_const())? {
        super::value::Const::Str(s) => Some(s.to_string()),
        c @ super::value::Const::Num(n) if n.fract() == 0.0 => Some(c.text()),
        _ => None,
    }
}

/// Java map classes whose entries are tracked by constant key.
const JAVA_MAPS: &[&str] = &[
    "HashMap",
    "LinkedHashMap",
    "TreeMap",
    "Hashtable",
    "ConcurrentHashMap",
];

/// Java list classes whose elements are tracked by position.
const JAVA_LISTS: &[&str] = &["ArrayList", "LinkedList", "Vector", "CopyOnWriteArrayList"];

impl<'m> Engine<'m> {
    /// A method of a Java map or list held in a local variable whose entries are known
    /// (`map.put("k", v)`, `list.add(v)`, `list.remove(0)`, `list.get(1)`): the variable
    /// is updated and the result is the element concerned. `None` for other calls, and
    /// when a key or index is not a constant (the default rules then merge the data).
    fn java_collection_call(
        &mut self,
        target: &'m Expr,
        r: &Val,
        name: &str,
        args: &[Val],
        span: Span,
    ) -> Option<Val> {
        let list = target.as_name()?;
        // The path shows where input went into the collection.
        let line = self.line_of(span.start);
        let file = self.file.clone();
        let entered = |v: &Val| -> Val {
            if v.taint.is_none() {
                return v.clone();
            }
            Val {
                taint: super::value::with_hop(
                    &v.taint,
                    &file,
                    span,
                    line,
                    &format!("added to `{list}`"),
                ),
                ..v.clone()
            }
        };
        let num = |v: &Val| match v.as_const() {
            Some(super::value::Const::Num(n)) if v.is_const() && *n >= 0.0 => Some(*n as usize),
            _ => None,
        };
        match &r.shape {
            Shape::Map(items) => {
                let (updated, result) = match (name, args) {
                    ("put", [k, v]) => {
                        let k = &map_key(k)?;
                        let prev = r.field(k).unwrap_or_default();
                        (r.with_field(k, entered(v)), prev)
                    }
                    ("putIfAbsent", [k, v]) => {
                        let k = &map_key(k)?;
                        match r.field(k) {
                            Some(prev) => (r.clone(), prev),
                            None => (
                                r.with_field(k, v.clone()),
                                Val::constant(super::value::Const::Null),
                            ),
                        }
                    }
                    ("remove", [k]) => {
                        let k = &map_key(k)?;
                        let prev = r.field(k).unwrap_or_default();
                        let kept: Vec<_> =
                            items.iter().filter(|(x, _)| **x != **k).cloned().collect();
                        let updated = Val {
                            shape: Shape::Map(Arc::new(kept)),
                            ..r.clone()
                        };
                        (updated, prev)
                    }
                    ("getOrDefault", [k, d]) => {
                        let k = &map_key(k)?;
                        let v = match r.field(k) {
                            Some(v) => v,
                            None if r.taint.is_none() => d.clone(),
                            None => Val::tainted(r.taint.clone()).join(d),
                        };
                        return Some(v);
                    }
                    ("clear", []) => (
                        Val {
                            shape: Shape::Map(Arc::new(Vec::new())),
                            ..r.clone()
                        },
                        Val::unknown(),
                    ),
                    ("keySet", []) => {
                        return Some(Val {
                            taint: r.taint.clone(),
                            trusted: r.taint.is_none(),
                            ..Val::default()
                        });
                    }
                    ("values" | "entrySet", []) => return Some(Val::tainted(r.all_taint())),
                    _ => return None,
                };
                self.frame().state.insert(root_key(target), updated);
                Some(result)
            }
            Shape::Seq(items) => {
                let mut items = items.as_ref().clone();
                let result = match (name, args) {
                    ("add" | "addLast" | "offer" | "push", [v]) => {
                        items.push(entered(v));
                        Val::trusted()
                    }
                    ("add", [i, v]) => {
                        let i = num(i).filter(|i| *i <= items.len())?;
                        items.insert(i, entered(v));
                        Val::unknown()
                    }
                    ("addFirst", [v]) => {
                        items.insert(0, entered(v));
                        Val::unknown()
                    }
                    ("set", [i, v]) => {
                        let i = num(i).filter(|i| *i < items.len())?;
                        std::mem::replace(&mut items[i], entered(v))
                    }
                    ("remove", [i]) => {
                        let i = num(i).filter(|i| *i < items.len())?;
                        items.remove(i)
                    }
                    ("removeFirst" | "poll" | "pop", []) if !items.is_empty() => items.remove(0),
                    ("get", [i]) => {
                        let i = num(i)?;
                        return Some(items.get(i).cloned().unwrap_or_default());
                    }
                    ("clear", []) => {
                        items.clear();
                        Val::unknown()
                    }
                    _ => return None,
                };
                let updated = Val {
                    shape: Shape::Seq(Arc::new(items)),
                    ..r.clone()
                };
                self.frame().state.insert(root_key(target), updated);
                Some(result)
            }
            _ => None,
        }
    }
}

/// `escapePath(name)`, `escape_identifier(x)`, `quoteIdent(x)`, `conn.escape_string(x)`:
/// a helper named for quoting SQL identifiers or literals (database drivers and ORMs
/// build DDL from names this way). Bare `escape`/`quote` and helpers for HTML, URLs,
/// shells, regexes and other languages' string literals (`escapeJava`,
/// `escapeEcmaScript`, `escapeCsv`) are not.
fn quotes_sql(name: &str) -> bool {
    let lower = name.to_ascii_lowercase().replace('_', "");
    let rest = match lower
        .strip_prefix("escape")
        .or_else(|| lower.strip_prefix("quote"))
    {
        Some(r) if !r.is_empty() => r,
        _ => return false,
    };
    ![
        "html",
        "xml",
        "url",
        "uri",
        "shell",
        "arg",
        "cmd",
        "regex",
        "regexp",
        "re",
        "js",
        "attr",
        "markup",
        "filter",
        "dn",
        "ldap",
        "xpath",
        "pattern",
        "glob",
        "java",
        "ecmascript",
        "csv",
        "unicode",
    ]
    .iter()
    // `escapeStringRegexp`: the kind of escaping may come after a word.
    .any(|w| rest.starts_with(w) || w.len() > 3 && rest.contains(w))
}

/// Node APIs whose callback receives a program's output or a file's content.
fn output_callback(path: &str) -> bool {
    let path = path.strip_prefix("node:").unwrap_or(path);
    let Some((module, f)) = path.rsplit_once('.') else {
        return false;
    };
    match module {
        "child_process" => matches!(f, "exec" | "execFile"),
        "fs" => matches!(f, "readFile" | "readdir" | "stat" | "lstat"),
        _ => false,
    }
}

/// Template engines that escape what they substitute unless the template says otherwise.
const ESCAPING_RENDER: &[&str] = &[
    "ejs.render",
    "pug.render",
    "nunjucks.render",
    "nunjucks.renderString",
    "mustache.render",
    "handlebars.compile()",
    "pug.compile()",
    "ejs.compile()",
];

/// Markers of unescaped output in a template's text: EJS `<%-`, Pug `!{` / `!=`,
/// Mustache/Handlebars `{{{` / `{{&`, Nunjucks `| safe`.
fn raw_template(text: &str) -> bool {
    text.contains("<%-")
        || text.contains("!{")
        || text.contains("!=")
        || text.contains("{{{")
        || text.contains("{{&")
        || text.contains("safe")
}

impl<'m> Engine<'m> {
    /// A template rendered by an engine that escapes its values: the HTML it gives is
    /// safe however the values came in, when the template is the program's own (a file
    /// name or a literal with no unescaped output). `Handlebars.compile(literal)` gives a
    /// function with that property.
    fn js_template_call(&self, path: &str, call: &Call, args: &[Val]) -> Option<Val> {
        let path = path.strip_prefix("node:").unwrap_or(path);
        let (module, f) = path.rsplit_once('.')?;
        let module = module.to_ascii_lowercase();
        if f == "compile()" {
            return Some(Val::tainted(neutralize(&all_args(args), class::HTML)));
        }
        let template = args.first()?;
        let own = template.all_taint().is_none()
            && call.args.first().is_some_and(|a| !a.spread)
            && template.const_str().is_none_or(|t| !raw_template(t));
        if f == "compile" && matches!(module.as_str(), "handlebars" | "pug" | "ejs") {
            return (own && template.const_str().is_some())
                .then(|| Val::reference(&format!("{module}.compile()")));
        }
        let key = format!("{module}.{f}");
        if !ESCAPING_RENDER.contains(&key.as_str()) || !own {
            return None;
        }
        if f == "renderString" && template.const_str().is_none() {
            return None;
        }
        Some(Val::tainted(neutralize(&all_args(args), class::HTML)))
    }
}

impl<'m> Engine<'m> {
    /// `s.replace(/[set]/g, rep)` where `rep` puts a backslash before the match (`"\\$&"`,
    /// or a callback returning `"\\" + ...`): the sink classes whose special characters
    /// the set covers (regular expressions, LDAP filters).
    fn escapes_specials(&self, call: &Call, name: &str, rep: &Val) -> Option<u32> {
        let pattern = replaced_pattern(call, name)?;
        let escapes = rep.const_str().is_some_and(|r| r == "\\$&")
            || match call.arg(1).map(|a| &a.kind) {
                Some(ExprKind::Func(id)) => match self.module.funcs[*id].body.as_slice() {
                    [
                        Stmt {
                            kind: StmtKind::Return(Some(e)),
                            ..
                        },
                    ] => leftmost_str(e).is_some_and(|s| s.starts_with('\\')),
                    _ => false,
                },
                _ => false,
            };
        // `s.replace(/</g, "&lt;")`: one character, not a class.
        let body = match pattern.strip_prefix('[').and_then(|b| b.strip_suffix(']')) {
            Some(b) => b,
            None if pattern == "<" => "<",
            None => return None,
        };
        if body.starts_with('^') {
            return None;
        }
        let mut set = std::collections::HashSet::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            set.insert(if c == '\\' {
                match chars.next()? {
                    '0' => '\0',
                    x => x,
                }
            } else {
                c
            });
        }
        let has = |cs: &str| cs.chars().all(|c| set.contains(&c));
        let mut bits = 0;
        if escapes && has(".*+?()[\\|") {
            bits |= class::REGEX;
        }
        if escapes && has("*()\\") {
            bits |= class::LDAP;
        }
        // `s.replace(/[&<>"']/g, (c) => ENTITIES[c])`: the markup characters replaced by
        // a callback (an entity table) or by text without markup.
        let no_markup = matches!(call.arg(1).map(|a| &a.kind), Some(ExprKind::Func(_)))
            || rep
                .const_str()
                .is_some_and(|r| !r.contains('<') && !r.contains('>'));
        if has("<") && no_markup {
            bits |= class::HTML;
        }
        (bits != 0).then_some(bits)
    }
}

/// The string literal an expression starts with (`"\\" + x`, `` `\\${x}` ``).
fn leftmost_str(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Str(s) => Some(s),
        ExprKind::Binary(BinOp::Add, l, _) => leftmost_str(l),
        ExprKind::Template(parts) => match parts.first()? {
            TemplatePart::Lit(s) => Some(s),
            TemplatePart::Expr(_) => None,
        },
        _ => None,
    }
}

/// `s.replace(/pattern/g, rep)`, `s.replaceAll(/pattern/, rep)`: the pattern of a
/// replacement of every match.
fn replaced_pattern<'a>(call: &'a Call, name: &str) -> Option<&'a str> {
    let re = call.arg(0)?.as_call()?;
    if re.callee.as_name() != Some("RegExp") {
        return None;
    }
    let pattern = re.arg(0)?.as_str()?;
    let global = re
        .arg(1)
        .and_then(|f| f.as_str())
        .is_some_and(|f| f.contains('g'));
    if !global && name != "replaceAll" {
        return None;
    }
    Some(pattern)
}

/// `x.replace(/[^A-Za-z0-9_-]/g, "")`: the sink classes a value holding only the kept
/// characters is safe for (none when the pattern is not such a global negated class).
fn strips_to_plain(call: &Call, name: &str) -> Option<u32> {
    let pattern = replaced_pattern(call, name)?;
    let body = pattern.strip_prefix("[^")?;
    let body = body.strip_suffix("]+").or_else(|| body.strip_suffix(']'))?;
    let (mut dot, mut space) = (false, false);
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                'w' | 'd' | '-' | '_' => {}
                '.' => dot = true,
                's' => space = true,
                _ => return None,
            },
            'a'..='z' | 'A'..='Z' | '0'..='9' | '_' | '-' => {}
            '.' => dot = true,
            ' ' => space = true,
            _ => return None,
        }
    }
    let mut bits = class::ALL & !(class::URL | class::REDIRECT);
    if dot {
        bits &= !class::PATH;
    }
    if space {
        bits &= !(class::SHELL | class::SQL | class::CODE | class::PROGRAM);
    }
    Some(bits)
}

impl<'m> Engine<'m> {
    /// The fields of `const name = z.object({ ... })` (assigned once, in this function or
    /// at module level), when every key is a constant.
    /// The schema named `b` was made by Joi (`Joi.object({...})`).
    fn joi_schema(&self, b: &Expr) -> bool {
        let Some(n) = b.as_name() else { return false };
        let mut joi = false;
        for f in [self.current_func(), 0] {
            find_assignments(&self.module.funcs[f].body, n, &mut |v| {
                joi = joi
                    || v.as_call().is_some_and(|c| {
                        matches!(&c.callee.kind, ExprKind::Attr(z, _)
                            if matches!(z.as_name(), Some("Joi" | "joi")))
                    });
            });
        }
        joi
    }

    fn zod_object(&self, name: &str) -> Option<Vec<(&'m str, &'m Expr)>> {
        let module = self.module;
        let mut found: Option<&'m Expr> = None;
        let mut count = 0;
        for f in [self.current_func(), 0] {
            find_assignments(&module.funcs[f].body, name, &mut |v| {
                count += 1;
                found = Some(v);
            });
            if count > 0 {
                break;
            }
        }
        if count != 1 {
            return None;
        }
        zod_fields(found?)
    }

    /// `c.req.valid("json")` in a Hono handler registered with `zValidator("json",
    /// schema)`: the schema's fields.
    fn hono_valid_schema(&self, target: &str) -> Option<Vec<(&'m str, &'m Expr)>> {
        let me = self.current_func();
        let module = self.module;
        let mut schema: Option<&'m Expr> = None;
        for f in &module.funcs {
            for_each_nested_stmt(&f.body, &mut |st| {
                let (StmtKind::Expr(e) | StmtKind::Return(Some(e))) = &st.kind else {
                    return;
                };
                e.walk(&mut |x| {
                    let Some(c) = x.as_call() else { return };
                    if !c
                        .args
                        .iter()
                        .any(|a| matches!(a.value.kind, ExprKind::Func(id) if id == me))
                    {
                        return;
                    }
                    for a in &c.args {
                        if let Some(v) = a.value.as_call()
                            && v.callee.as_name() == Some("zValidator")
                            && v.arg(0).and_then(|t| t.as_str()) == Some(target)
                            && let Some(sch) = v.arg(1)
                        {
                            schema = Some(sch);
                        }
                    }
                });
            });
        }
        let sch = schema?;
        match sch.as_name() {
            Some(n) => self.zod_object(n),
            None => zod_fields(sch),
        }
    }
}

impl<'m> Engine<'m> {
    /// The `input` a tRPC resolver (function `me`) receives: what the client sent, as
    /// the procedure's `.input(schema)` parsed it (a zod object's plain fields, or a plain
    /// schema such as `z.number()`, carry no text of the client's choosing).
    pub(crate) fn trpc_input(&self, me: FuncId, span: Span) -> Val {
        let module = self.module;
        let mut schema: Option<&'m Expr> = None;
        for f in &module.funcs {
            for_each_nested_stmt(&f.body, &mut |st| {
                let (StmtKind::Expr(e)
                | StmtKind::Return(Some(e))
                | StmtKind::Assign { value: e, .. }) = &st.kind
                else {
                    return;
                };
                e.walk(&mut |x| {
                    let Some(c) = x.as_call() else { return };
                    let ExprKind::Attr(recv, _) = &c.callee.kind else {
                        return;
                    };
                    if !c
                        .args
                        .iter()
                        .any(|a| matches!(a.value.kind, ExprKind::Func(id) if id == me))
                    {
                        return;
                    }
                    let mut cur: &Expr = recv;
                    while let ExprKind::Call(inner) = &cur.kind {
                        let ExprKind::Attr(b, m) = &inner.callee.kind else {
                            break;
                        };
                        if m == "input" && schema.is_none() {
                            schema = inner.arg(0);
                        }
                        cur = b;
                    }
                });
            });
        }
        let input = self.source_label(
            super::value::SourceKind::Request,
            true,
            span,
            "tRPC procedure input",
        );
        let Some(sch) = schema else { return input };
        if zod_plain(sch) {
            return Val::trusted();
        }
        let fields = match sch.as_name() {
            Some(n) => self.zod_object(n),
            None => zod_fields(sch),
        };
        match fields {
            Some(fields) => zod_parsed(fields, &input.taint),
            None => input,
        }
    }

    /// [`zod_parsed`], and a field whose schema ends in `.refine(fn)` (`.superRefine`
    /// excluded) with a predicate of this file: what the predicate's true answer tells
    /// about its argument (`(u) => ALLOWED.has(new URL(u).hostname)`).
    fn zod_parsed_refined(
        &mut self,
        schema: Vec<(&'m str, &'m Expr)>,
        input: &crate::flow::value::Taint,
    ) -> Val {
        let mut v = zod_parsed(schema.iter().copied(), input);
        for (key, field) in schema {
            if zod_plain(field) {
                continue;
            }
            let mut bits = 0u32;
            let mut cur = field;
            while let Some(c) = cur.as_call() {
                let ExprKind::Attr(b, m) = &c.callee.kind else {
                    break;
                };
                if m == "refine"
                    && let Some(pred) = c.arg(0)
                {
                    let id = match &pred.kind {
                        ExprKind::Func(id) => Some(*id),
                        ExprKind::Name(n) => self
                            .module
                            .funcs
                            .iter()
                            .position(|f| f.name == *n && f.params.len() == 1),
                        _ => None,
                    };
                    if let Some(id) = id
                        && let Some(summary) = self.analyze_function(id)
                        && let Some(g) = summary.guard_true.as_ref().and_then(|g| g.first())
                    {
                        bits |= *g;
                    }
                }
                cur = b;
            }
            if bits != 0 {
                let fv = Val::tainted(crate::flow::value::neutralize(input, bits));
                v = v.with_field(key, fv);
            }
        }
        v
    }
}

/// The fields of a `z.object({ ... })` expression whose keys are all constants.
/// The names schema libraries are imported under: zod, Joi, yup.
fn schema_library(n: &str) -> bool {
    matches!(n, "z" | "Joi" | "joi" | "yup" | "Yup")
}

fn zod_fields(e: &Expr) -> Option<Vec<(&str, &Expr)>> {
    {
        let c = e.as_call()?;
        let ExprKind::Attr(z, m) = &c.callee.kind else {
            return None;
        };
        // zod's `z.object`, Joi's `Joi.object`, yup's `yup.object`.
        if m != "object" || !z.as_name().is_some_and(schema_library) {
            return None;
        }
        let ExprKind::Dict(items) = &c.arg(0)?.kind else {
            return None;
        };
        let mut out = Vec::new();
        for (k, v) in items {
            let DictKey::Const(k) = k else { return None };
            out.push((k.as_str(), v));
        }
        Some(out)
    }
}

/// A zod field schema whose values hold no text an attacker chooses: `z.number()`,
/// `z.coerce.number().int()`, `z.boolean()`, `z.enum([...])`, `z.literal(..)`,
/// `z.string().uuid()`.
fn zod_plain(e: &Expr) -> bool {
    let mut methods: Vec<&str> = Vec::new();
    let mut cur = e;
    loop {
        match &cur.kind {
            ExprKind::Call(c) => match &c.callee.kind {
                ExprKind::Attr(b, m) => {
                    methods.push(m.as_str());
                    cur = b;
                }
                _ => return false,
            },
            ExprKind::Attr(b, m) => {
                methods.push(m.as_str());
                cur = b;
            }
            ExprKind::Name(n) if schema_library(n) => break,
            _ => return false,
        }
    }
    // Joi's `.valid("a", "b")`, yup's `.oneOf([...])`: one of the listed constants.
    if methods
        .iter()
        .any(|m| matches!(*m, "valid" | "oneOf" | "equal"))
    {
        return true;
    }
    let Some(base) = methods.last() else {
        return false;
    };
    let base = if *base == "coerce" {
        methods
            .get(methods.len().wrapping_sub(2))
            .copied()
            .unwrap_or("")
    } else {
        base
    };
    match base {
        "number" | "boolean" | "bool" | "enum" | "nativeEnum" | "literal" | "bigint" | "date" => {
            true
        }
        "string" => methods
            .iter()
            .any(|m| matches!(*m, "uuid" | "cuid" | "cuid2" | "ulid" | "guid")),
        _ => false,
    }
}

/// The object a zod schema parse gives: each field trusted when the schema admits only
/// plain values for it (numbers, booleans, enums, UUIDs), else carrying `input`.
fn zod_parsed<'a>(
    schema: impl IntoIterator<Item = (&'a str, &'a Expr)>,
    input: &crate::flow::value::Taint,
) -> Val {
    let mut v = Val {
        shape: Shape::Map(Arc::new(Vec::new())),
        ..Val::default()
    };
    for (key, field) in schema {
        let fv = if zod_plain(field) {
            Val::trusted()
        } else if zod_string(field) {
            // A string is text, never a query object: no `{ "$ne": null }` in it.
            Val::tainted(neutralize(input, class::NOSQL))
        } else {
            Val::tainted(input.clone())
        };
        v = v.with_field(key, fv);
    }
    v
}

/// A schema field typed as a string (`z.string().email()`, `Joi.string().max(40)`,
/// `yup.string()`, `z.coerce.string()`): its value is text, not an object.
fn zod_string(e: &Expr) -> bool {
    let mut base = None;
    let mut cur = e;
    loop {
        match &cur.kind {
            ExprKind::Call(c) => match &c.callee.kind {
                ExprKind::Attr(b, m) => {
                    if m != "coerce" {
                        base = Some(m.as_str());
                    }
                    cur = b;
                }
                _ => return false,
            },
            ExprKind::Attr(b, m) => {
                if m != "coerce" {
                    base = Some(m.as_str());
                }
                cur = b;
            }
            ExprKind::Name(n) if schema_library(n) => break,
            _ => return false,
        }
    }
    base == Some("string")
}

/// Remove from `set` the names a method body assigns as `self.name`.
fn remove_self_assigned(b: &[Stmt], set: &mut std::collections::HashSet<String>) {
    for s in b {
        match &s.kind {
            StmtKind::Assign { target, .. } | StmtKind::AugAssign { target, .. } => {
                if let Pattern::Attr(o, n, _) = target
                    && o.as_name() == Some("self")
                {
                    set.remove(n.as_str());
                }
            }
            StmtKind::If { then, els, .. } => {
                remove_self_assigned(then, set);
                remove_self_assigned(els, set);
            }
            StmtKind::While { body, .. }
            | StmtKind::For { body, .. }
            | StmtKind::With { body, .. }
            | StmtKind::Block(body) => remove_self_assigned(body, set),
            StmtKind::Try {
                body,
                handlers,
                finally,
            } => {
                remove_self_assigned(body, set);
                for h in handlers {
                    remove_self_assigned(&h.body, set);
                }
                remove_self_assigned(finally, set);
            }
            StmtKind::Switch { cases, .. } => {
                for (_, b) in cases {
                    remove_self_assigned(b, set);
                }
            }
            _ => {}
        }
    }
}

/// The destinations of the `parser.add_argument(...)` calls of a function body whose
/// values are restricted: constant `choices`, `type=int`/`float`, a flag action.
fn argparse_restricted(body: &[crate::ir::Stmt], parser: &str) -> Vec<String> {
    let mut out = Vec::new();
    super::handlers::walk_calls(body, &mut |c: &Call| {
        if c.callee.last_name() != Some("add_argument") {
            return;
        }
        let ExprKind::Attr(b, _) = &c.callee.kind else {
            return;
        };
        if b.as_name() != Some(parser) {
            return;
        }
        let restricted = c.kwarg("choices").is_some_and(Expr::is_literal_list)
            || c.kwarg("type")
                .and_then(|t| t.as_name())
                .is_some_and(|t| matches!(t, "int" | "float"))
            || c.kwarg("action")
                .and_then(|a| a.as_str())
                .is_some_and(|a| matches!(a, "store_true" | "store_false" | "count"));
        if !restricted {
            return;
        }
        let dest = c
            .kwarg("dest")
            .and_then(|d| d.as_str())
            .map(str::to_string)
            .or_else(|| {
                // The first long option (`--dry-run` -> `dry_run`), else the first name.
                let names: Vec<&str> = c
                    .args
                    .iter()
                    .filter(|a| a.name.is_none())
                    .filter_map(|a| a.value.as_str())
                    .collect();
                let pick = names
                    .iter()
                    .find(|n| n.starts_with("--"))
                    .or_else(|| names.first())?;
                Some(pick.trim_start_matches('-').replace('-', "_"))
            });
        if let Some(d) = dest {
            out.push(d);
        }
    });
    out
}

impl Engine<'_> {
    /// Java: `Class.NAME` where `Class` is a class of this file that declares the field
    /// `NAME`, and the field holds a constant (its initialiser; the file's fields are
    /// tracked by name).
    fn file_class_constant(&self, class: &str, name: &str) -> Option<Val> {
        let declares = self
            .module
            .classes
            .iter()
            .any(|c| c.name == class && c.fields.iter().any(|(f, _)| f == name));
        if !declares {
            return None;
        }
        self.globals
            .as_ref()?
            .get(name)
            .filter(|v| v.is_const())
            .cloned()
    }
}

/// Java: is `e` a builder link `x.append("...<img src=")` whose literal leaves the next
/// appended text as an unquoted HTML attribute value?
fn appends_unquoted_attr(e: &Expr) -> bool {
    e.as_call().is_some_and(|c| {
        matches!(&c.callee.kind, ExprKind::Attr(_, m) if m == "append")
            && matches!(c.arg(0).map(|a| &a.kind), Some(ExprKind::Str(s)) if super::interp::in_unquoted_attr(s))
    })
}
