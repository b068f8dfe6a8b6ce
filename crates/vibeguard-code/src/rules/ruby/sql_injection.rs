use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags SQL fragments built with interpolation or `+` from input (`params`, `cookies`)
    /// or from values of unknown origin, passed to ActiveRecord (`where`, `order`, `group`,
    /// `having`, `joins`, `find_by_sql`, `update_all`, ...) or to `connection.execute`.
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
    ],
    calls: &[
        "where",
        "find_by_sql",
        "execute",
        "exec_query",
        "select_all",
        "select_value",
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
    ],
    on: 0,
};

impl Rule for RubySqlInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_none() {
            return;
        }
        // where(name: x) and where("name = ?", x) bind their values.
        if site.positional() != 1 && matches!(site.name, "where" | "order" | "having") {
            return;
        }
        let Some((e, v)) = site.arg(0) else { return };
        // find_by_sql(["... = ?", x]) / where(["... = ?", x]): the array form binds.
        if let crate::ir::ExprKind::List(items) = &e.kind
            && items.first().is_some_and(|i| i.as_str().is_some())
        {
            return;
        }
        if v.is_trusted() {
            return;
        }
        let unknown = if crate::rules::support::looks_like_sql(v)
            || v.built && matches!(site.name, "where" | "order" | "having" | "group")
        {
            Unknown::Built
        } else {
            Unknown::Skip
        };
        cx.sink(site.span, v, sink::SQL, unknown, None);
    }
}
