use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags SQL fragments built with interpolation or `+` from input (`params`, `cookies`)
    /// or from values of unknown origin, passed to ActiveRecord (`where`, `where.not`,
    /// `rewhere`, `order`, `reorder`, `group`, `having`, `joins`, `select`, `reselect`,
    /// `pluck` (every column argument), `find_by_sql`, `update_all`, `delete_all`/`destroy_all`
    /// (Rails 2/3 conditions), `destroy_by`,
    /// `delete_by`, `Arel.sql`, also reached through `send(:where, ...)`/`try(...)`, and
    /// called without a receiver in a model's own methods and scopes), to
    /// the SQL options
    /// of the Rails 2 finders and calculations (`find(:all, :order => ...)`,
    /// `:conditions`, `:group`, `:having`, `:joins`, `:select`, `:from`, `:lock`; the
    /// column of `sum`/`minimum`/`maximum`/`average`), to `connection.execute` and the
    /// connection's readers (`select_all`, `select_rows`, `select_values`, ...) and
    /// statement runners (`insert`, `update`, `delete`), to `lock` (a locking clause),
    /// and input
    /// reaching the statement of a driver call (`PG::Connection#exec`, `Mysql2::Client#query`)
    /// or of Sequel's raw-SQL calls (`DB.run`, `DB.fetch`, `with_sql`, `execute_*`,
    /// `Sequel.lit`, `DB["..."]`). A condition or order hash whose key comes from input
    /// (`where(params[:col] => v)`) is reported too: the client chooses the column.
    ///
    /// ## Why is this bad?
    /// A value spliced into SQL text can close the literal and add its own clauses:
    /// `' OR 1=1 --` reads every row (CWE-89).
    ///
    /// ## Example
    /// ```ruby
    /// User.where("name = '#{params[:name]}'")
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// User.where("name = ?", params[:name])  # or User.where(name: params[:name])
    /// ```
    RubySqlInjection
}

static META: RuleMeta = RuleMeta {
    id: "ruby/sql-injection",
    title: "SQL built from input",
    cwe: &[89],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "SQL built with interpolation from input; pass values as bind parameters (where with ? placeholders)",
    family: Family::Ruby,
    keywords: &[
        "where",
        "find_by_sql",
        "execute",
        "exec_query",
        "order",
        "select",
        "group",
        "having",
        "joins",
        "pluck",
        "from",
        "exists?",
        "find_by",
        "sql",
        "run",
        "fetch",
        "with_sql",
        "lit",
        "destroy_all",
        "execute_",
    ],
    calls: &[
        "where",
        "find_by_sql",
        "execute",
        "exec_query",
        "select_all",
        "select_value",
        "select_values",
        "select_rows",
        "select_one",
        "order",
        "reorder",
        "group",
        "having",
        "joins",
        "from",
        "pluck",
        "count_by_sql",
        "delete_all",
        "update_all",
        "destroy_all",
        "select",
        "find",
        "first",
        "last",
        "all",
        "calculate",
        "minimum",
        "maximum",
        "average",
        "sum",
        "count",
        "exec",
        "async_exec",
        "sync_exec",
        "exec_params",
        "query",
        "rewhere",
        "reselect",
        "destroy_by",
        "delete_by",
        "exists?",
        "find_by",
        "find_by!",
        "exec_update",
        "exec_insert",
        "exec_delete",
        "run",
        "fetch",
        "with_sql",
        "execute_dui",
        "execute_insert",
        "execute_ddl",
        "not",
        "sql",
        "lit",
        "[]",
        "reorder",
        "find_or_create_by",
        "find_or_create_by!",
        "find_or_initialize_by",
        "create_or_find_by",
        "lock",
        "insert",
        "update",
        "delete",
    ],
    on: 0,
};

impl Rule for RubySqlInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_none() && !model_self_query(cx, site) {
            return;
        }
        // Keys chosen at run time are judged here; the pairs' values are bound.
        if COLUMN_KEYED.contains(&site.name)
            && (site.name != "not" || recv_is_where(site))
            && computed_column_keys(cx, site)
        {
            return;
        }
        match site.name {
            // Sequel: `DB["SELECT ... #{x}"]` runs the SQL it is given (a dataset of
            // the statement); `DB[:table]` and a hash's `h["key_#{x}"]` do not read as SQL.
            "[]" => {
                if let Some((_, v)) = site.arg(0)
                    && !v.is_trusted()
                    && crate::rules::support::looks_like_sql(v)
                {
                    cx.sink(site.span, v, sink::SQL, Unknown::Built, None);
                }
                return;
            }
            "find_or_create_by"
            | "find_or_create_by!"
            | "find_or_initialize_by"
            | "create_or_find_by" => return,
            "find" | "first" | "last" | "all" | "calculate" | "minimum" | "maximum" | "average"
            | "sum" | "count" => {
                finder(cx, site);
                return;
            }
            // PG::Connection#exec, Mysql2::Client#query: the first argument is the
            // statement; only input reaching it is reported (other objects share names).
            "exec" | "async_exec" | "sync_exec" | "exec_params" | "query" => {
                if let Some((_, v)) = site.arg(0) {
                    cx.sink(site.span, v, sink::SQL, Unknown::Skip, None);
                }
                return;
            }
            // Sequel: `DB.run(sql)`, `DB.fetch(sql, *binds)`, `ds.with_sql(sql)`, the
            // `execute_*` forms and `Sequel.lit(sql)`. `fetch` and `run` are common names of
            // other objects (`Hash#fetch`, a job's `run`): only a statement that reads as SQL
            // is one; `Sequel.lit` takes a fragment.
            "run" | "fetch" | "with_sql" | "lit" | "execute_dui" | "execute_insert"
            | "execute_ddl" => {
                if let Some((_, v)) = site.arg(0)
                    && !v.is_trusted()
                    && (site.path == Some("Sequel.lit") || crate::rules::support::looks_like_sql(v))
                {
                    cx.sink(site.span, v, sink::SQL, Unknown::Built, None);
                }
                return;
            }
            // `exists?("name = '#{x}'")`, `find_by("token = '#{x}'")`: a built string
            // is a condition (a plain value is an id or hash and is bound).
            "exists?" | "find_by" | "find_by!" => {
                if let Some((e, v)) = site.arg(0) {
                    let text = match &e.kind {
                        ExprKind::List(items) => items.first(),
                        _ => Some(e),
                    };
                    if text.is_some_and(built) {
                        cx.sink(site.span, v, sink::SQL, Unknown::Skip, None);
                    }
                }
                return;
            }
            // `connection.insert(sql)`, `connection.update(sql)`, `connection.delete(sql)`:
            // the connection's statement runners (a record's `update(attrs)` binds).
            "insert" | "update" | "delete" => {
                let on_connection = matches!(&site.call.callee.kind,
                    ExprKind::Attr(b, _) if b.last_name() == Some("connection"));
                if on_connection && let Some((_, v)) = site.arg(0) {
                    cx.sink(site.span, v, sink::SQL, fragment(v), None);
                }
                return;
            }
            // `lock("FOR UPDATE #{x}")`: a locking clause as SQL text (`lock(true)` and
            // `lock` are the default one).
            "lock" => {
                if let Some((_, v)) = site
                    .arg(0)
                    .filter(|(e, _)| !matches!(e.kind, ExprKind::Bool(_)))
                {
                    cx.sink(site.span, v, sink::SQL, fragment(v), None);
                }
                return;
            }
            // `Arel.sql(text)`: the text is SQL as it stands.
            "sql" if site.path != Some("Arel.sql") => return,
            // `where.not(...)` is a `where`.
            "not" if !recv_is_where(site) => return,
            _ => {}
        }
        // select(:name, params[:x]), pluck(a, b), group(a, b): every argument is a
        // column expression (`select` on a model class: a form builder's
        // `f.select(:field, choices)` shares the name).
        if matches!(site.name, "reselect" | "pluck" | "group" | "reorder")
            || site.name == "select" && recv_is_model(site)
        {
            for i in 1..site.positional() {
                if let Some((_, v)) = site.arg(i) {
                    cx.sink(site.span, v, sink::SQL, Unknown::Skip, None);
                }
            }
        }
        // where(name: x) and where("name = ?", x) bind their values.
        // where(name: x) and where("name = ?", x) bind their values; the text itself
        // may still be built (where("x = #{params[:x]} AND y = ?", y)).
        let binds = matches!(
            site.name,
            "where" | "rewhere" | "not" | "destroy_by" | "delete_by" | "order" | "having"
        );
        if site.positional() != 1 && binds {
            if let Some((e, v)) = site.arg(0)
                && built(e)
            {
                cx.sink(site.span, v, sink::SQL, Unknown::Skip, None);
            }
            return;
        }
        let Some((e, v)) = site.arg(0) else { return };
        // where(params.slice(:id)) / where(params.permit(:name)): a hash of named columns;
        // its values are bound.
        if binds
            && let ExprKind::Call(c) = &e.kind
            && matches!(&c.callee.kind, ExprKind::Attr(_, m) if m == "slice" || m == "permit")
            && !c.args.is_empty()
            && c.args.iter().all(|a| a.value.as_str().is_some())
        {
            return;
        }
        // find_by_sql(["... = ?", x]) / where(["... = ?", x]): the array form binds
        // its values; a statement built by interpolation is still SQL text
        // (`update_all(["#{column} = #{column} + ?", delta])`).
        if let ExprKind::List(items) = &e.kind
            && let Some(first) = items.first()
        {
            if first.as_str().is_none() {
                let text = first_element(v);
                cx.sink(site.span, &text, sink::SQL, fragment(&text), None);
            }
            return;
        }
        if v.is_trusted() {
            return;
        }
        let unknown = if crate::rules::support::looks_like_sql(v)
            || v.built && (binds || site.name == "group")
        {
            Unknown::Built
        } else {
            Unknown::Skip
        };
        cx.sink(site.span, v, sink::SQL, unknown, None);
    }
}

/// Calls whose hash argument names columns by its keys (`where(name: x)`,
/// `order(created_at: :desc)`, `find_by(email: x)`).
const COLUMN_KEYED: &[&str] = &[
    "where",
    "rewhere",
    "not",
    "order",
    "reorder",
    "find_by",
    "find_by!",
    "exists?",
    "destroy_by",
    "delete_by",
    "update_all",
    "find_or_create_by",
    "find_or_create_by!",
    "find_or_initialize_by",
    "create_or_find_by",
];

/// `where(params[:col] => v)`, `order(params[:sort] => :asc)`: a condition hash whose
/// key is input names the column itself. Older Rails put the key into the SQL as it
/// stands; every version lets the client pick which column is matched or sorted on
/// (reading a column it should not, such as a reset token, one guess at a time).
/// Whether the call had such a hash.
fn computed_column_keys(cx: &mut Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    let mut any = false;
    for a in &site.call.args {
        let ExprKind::Dict(items) = &a.value.kind else {
            continue;
        };
        for (k, _) in items {
            if let crate::ir::DictKey::Expr(key) = k {
                any = true;
                let v = cx.value_of(key);
                cx.flow_message(
                    site.span,
                    &v,
                    sink::SQL,
                    crate::check::accept::INPUT,
                    "column name chosen by input in a condition hash; map the input to a fixed list of columns".into(),
                );
            }
        }
    }
    any
}

/// Options of the Rails 2 finders and calculations whose values are SQL fragments
/// (`Product.find(:all, :order => params[:order])`).
const FINDER_OPTIONS: &[&str] = &[
    "conditions",
    "order",
    "group",
    "having",
    "joins",
    "select",
    "from",
    "lock",
];

/// `find`/`first`/`last`/`all` and the calculations (`sum`, `minimum`, ...): their SQL
/// option values, a string first argument of `first`/`last`/`all` (conditions), and
/// the column expression of a calculation.
fn finder(cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
    for name in FINDER_OPTIONS {
        let Some((e, v)) = site.kwarg(name) else {
            continue;
        };
        match &e.kind {
            // ["x = ?", value] binds; a built first element is still SQL text.
            ExprKind::List(items) => {
                if items.first().is_some_and(|i| i.as_str().is_none()) {
                    let text = first_element(v);
                    cx.sink(site.span, &text, sink::SQL, fragment(&text), None);
                }
            }
            // { x: value } binds.
            ExprKind::Dict(_) => {}
            _ => {
                cx.sink(site.span, v, sink::SQL, fragment(v), None);
            }
        }
    }
    let column = match site.name {
        "sum" | "minimum" | "maximum" | "average" => site.arg(0),
        "calculate" => site.arg(1),
        "first" | "last" | "all" => site.arg(0).filter(|(e, _)| built(e)),
        _ => None,
    };
    if let Some((_, v)) = column {
        cx.sink(site.span, v, sink::SQL, Unknown::Skip, None);
    }
}

/// The statement of an array condition (`["x = #{y} AND z = ?", z]`): its first
/// element's value.
fn first_element(v: &crate::flow::value::Val) -> crate::flow::value::Val {
    match &v.shape {
        crate::flow::value::Shape::Seq(xs) if !xs.is_empty() => xs[0].clone(),
        _ => v.clone(),
    }
}

/// A value passed where ActiveRecord expects an SQL fragment (a finder's `:conditions`,
/// an array condition's text): text built from values of unknown origin counts as
/// built SQL, as in `where("x = #{y}")`.
fn fragment(v: &crate::flow::value::Val) -> Unknown {
    if v.built && !v.is_trusted() {
        Unknown::Built
    } else {
        Unknown::Skip
    }
}

/// The receiver chain starts at a constant (`User.select`, `Admin::User.active.select`).
fn recv_is_model(site: &CallSite<'_>) -> bool {
    matches!(&site.call.callee.kind, ExprKind::Attr(recv, _) if crate::rules::support::from_constant(recv))
}

/// The receiver of the call is a `where` with no arguments (`User.where.not(...)`, or
/// `where.not(...)` in a model's own method).
fn recv_is_where(site: &CallSite<'_>) -> bool {
    let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
        return false;
    };
    match &recv.kind {
        ExprKind::Attr(_, m) | ExprKind::Name(m) => m == "where",
        ExprKind::Call(c) => {
            c.args.is_empty()
                && matches!(&c.callee.kind, ExprKind::Attr(_, m) | ExprKind::Name(m) if m == "where")
        }
        _ => false,
    }
}

/// The query methods a model calls on itself without a receiver (`where(...)` in a
/// class method or a `scope` body, `joins(...)` in a concern).
const SELF_QUERY_METHODS: &[&str] = &[
    "where",
    "rewhere",
    "order",
    "reorder",
    "group",
    "having",
    "joins",
    "from",
    "pluck",
    "reselect",
    "find_by_sql",
    "count_by_sql",
    "update_all",
    "delete_all",
    "destroy_all",
    "exists?",
    "find_by",
];

/// A receiverless query method: on the model itself inside an ActiveRecord class (or a
/// file under `models/`), reported like `Model.where(...)`; elsewhere (a library module
/// mixed into a model) only when request input reaches it, which the sink decides.
fn model_self_query(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    if !SELF_QUERY_METHODS.contains(&site.name) {
        return false;
    }
    let input = site
        .args
        .iter()
        .any(|v| cx.has_input(v, sink::SQL, crate::check::accept::INPUT));
    let m = cx.module();
    let mut f = Some(cx.func());
    while let Some(id) = f {
        if let Some(cls) = m.funcs[id].class.as_deref() {
            return crate::flow::handlers::active_record_class(m, cls)
                || cx.path().contains("models/")
                || input;
        }
        f = m.funcs[id].parent;
    }
    input
}

/// A string built from parts: interpolation or concatenation.
fn built(e: &crate::ir::Expr) -> bool {
    matches!(e.kind, ExprKind::Template(_) | ExprKind::Binary(..))
}
