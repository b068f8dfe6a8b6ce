use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, accept, sink};
use crate::flow::value::{Shape, Val, hops};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags MongoDB queries (pymongo, motor, mongoengine raw queries) whose filter is
    /// request data as a whole, or whose `$where` clause is JavaScript built from input;
    /// ORM lookups taken whole from the request (`Model.objects.filter(**request.GET.dict())`
    /// in Django, `Doc.objects(__raw__=...)` / `objects(**...)` in mongoengine);
    /// and DynamoDB (boto3) `query`/`scan` calls whose `QueryFilter`, `ScanFilter` or
    /// `KeyConditions` map is input as a whole, or whose expression strings
    /// (`FilterExpression`, `KeyConditionExpression`, `UpdateExpression`, ...), PartiQL
    /// `Statement` or SimpleDB `SelectExpression` are built from input or taken whole from
    /// the request.
    ///
    /// ## Why is this bad?
    /// A JSON body can carry operators: `{"password": {"$ne": ""}}` matches every user
    /// and bypasses a login check; `$where` runs JavaScript on the database server
    /// (CWE-943).
    ///
    /// ## Example
    /// ```python
    /// user = db.users.find_one(request.get_json())
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// body = request.get_json()
    /// user = db.users.find_one({"name": str(body["name"]), "password": str(body["password"])})
    /// ```
    NosqlInjection
}

static META: RuleMeta = RuleMeta {
    id: "python/nosql-injection",
    title: "NoSQL query from input",
    cwe: &[943],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "database query built from request data; take only the fields you expect, as strings",
    family: Family::Python,
    keywords: &[
        "mongo",
        "find",
        "$where",
        "QueryFilter",
        "ScanFilter",
        "Expression",
        "execute_statement",
        "objects",
    ],
    calls: &[
        "find",
        "find_one",
        "find_one_and_update",
        "find_one_and_delete",
        "find_one_and_replace",
        "find_and_modify",
        "update_one",
        "update_many",
        "delete_one",
        "delete_many",
        "count_documents",
        "aggregate",
        "replace_one",
        "distinct",
        "query",
        "scan",
        "update_item",
        "delete_item",
        "put_item",
        "get_item",
        "execute_statement",
        "batch_execute_statement",
        "select",
        "objects",
        "filter",
        "exclude",
        "get",
        "get_or_create",
        "update_or_create",
    ],
    on: 0,
};

/// The callee is `<Model>.objects(...)` or a method on a chain through `.objects`
/// (`User.objects.filter(...)`, `User.objects.all().exclude(...)`).
fn on_objects(callee: &crate::ir::Expr) -> bool {
    use crate::ir::ExprKind;
    let mut cur = callee;
    loop {
        match &cur.kind {
            ExprKind::Attr(b, m) => {
                if m == "objects" {
                    return true;
                }
                cur = b;
            }
            ExprKind::Call(c) => cur = &c.callee,
            _ => return false,
        }
    }
}

/// Does `v` carry request data read from a parsed JSON body (`request.get_json()`,
/// `request.json`, DRF's `request.data`, `await request.json()`), judged from the text
/// of the expression the input entered at?
fn from_json_body(cx: &Cx<'_, '_>, v: &Val) -> bool {
    v.all_taint().is_some_and(|t| {
        t.iter().any(|l| {
            l.live_for(sink::NOSQL)
                && hops(&l.trace).first().is_some_and(|h| {
                    if &*h.file != cx.path() {
                        return false;
                    }
                    let src = cx.text(h.span);
                    src.contains("json") || src.ends_with(".data") || src.contains("body")
                })
        })
    })
}

impl Rule for NosqlInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // DynamoDB (boto3) `table.query(QueryFilter=...)` / `client.scan(ScanFilter=...)`:
        // a condition map taken whole from input picks its own attributes and operators.
        // DynamoDB expressions and PartiQL statements are text: a string built from
        // input picks its own attributes and conditions (values belong in
        // `ExpressionAttributeValues` / `Parameters`; `Attr("x").eq(v)` builds a
        // condition object, not text).
        if matches!(
            site.name,
            "query"
                | "scan"
                | "update_item"
                | "delete_item"
                | "put_item"
                | "get_item"
                | "execute_statement"
                | "batch_execute_statement"
                | "select"
        ) && site.recv.is_some()
            && cx.imports("boto3")
        {
            for key in [
                "FilterExpression",
                "KeyConditionExpression",
                "ConditionExpression",
                "UpdateExpression",
                "ProjectionExpression",
                "Statement",
                // SimpleDB's `client.select(SelectExpression=...)`.
                "SelectExpression",
            ] {
                // Query text: judged as SQL is (a string is never an operator object,
                // the NoSQL class of its data is spent). Text built from input, or the
                // whole expression taken from the request.
                if let Some((_, e)) = site.kwarg(key)
                    && (e.built
                        || e.taint.is_some()
                            && !matches!(e.shape, Shape::Map(_))
                            && cx.has_input(e, sink::SQL, accept::INPUT))
                    && cx.flow(site.span, e, sink::SQL, accept::INPUT)
                {
                    return;
                }
            }
        }
        // ORM lookups taken whole from the request: `User.objects.filter(**request.GET.dict())`
        // (Django) or `User.objects(**request.get_json())` / `objects(__raw__=...)`
        // (mongoengine): the client picks the lookups and operators
        // (`password__startswith`, `{"$ne": ...}`).
        if matches!(
            site.name,
            "objects" | "filter" | "exclude" | "get" | "get_or_create" | "update_or_create"
        ) && on_objects(&site.call.callee)
            && (cx.imports("django") || cx.imports("mongoengine") || cx.imports("rest_framework"))
        {
            let raw = site.kwarg("__raw__").map(|(_, v)| v);
            let spread = site
                .call
                .args
                .iter()
                .zip(site.args)
                .find(|(a, _)| a.spread)
                .map(|(_, v)| v);
            for v in [raw, spread].into_iter().flatten() {
                if v.taint.is_some() || !matches!(v.shape, Shape::Map(_)) {
                    let whole = Val::tainted(v.taint.clone());
                    if cx.flow(site.span, &whole, sink::NOSQL, accept::REQUEST) {
                        return;
                    }
                }
            }
            return;
        }
        if matches!(site.name, "query" | "scan") {
            if site.recv.is_some() && cx.imports("boto3") {
                for key in ["QueryFilter", "ScanFilter", "KeyConditions"] {
                    if let Some((_, f)) = site.kwarg(key)
                        && (f.taint.is_some() || !matches!(f.shape, Shape::Map(_)))
                    {
                        let whole = Val::tainted(f.taint.clone());
                        if cx.flow(site.span, &whole, sink::NOSQL, accept::INPUT) {
                            return;
                        }
                    }
                }
            }
            return;
        }
        if site.recv.is_none()
            || !(cx.imports("pymongo")
                || cx.imports("motor")
                || cx.imports("mongoengine")
                || cx.imports("flask_pymongo"))
        {
            return;
        }
        let Some((_, filter)) = site.arg(0).or_else(|| site.kwarg("filter")) else {
            return;
        };
        // `$where` with JavaScript built from input.
        if let Some(w) = filter.field("$where") {
            cx.sink(site.span, &w, sink::CODE, Unknown::Built, None);
            return;
        }
        // The whole filter is request data (its own taint, not only one field's).
        if filter.taint.is_some() || !matches!(filter.shape, Shape::Map(_)) {
            let whole = Val::tainted(filter.taint.clone());
            cx.flow(site.span, &whole, sink::NOSQL, accept::INPUT);
            return;
        }
        // A field taken from a JSON body can itself be an operator object
        // (`{"password": {"$ne": ""}}`); form and query values are always strings.
        if let Shape::Map(fields) = &filter.shape {
            for (_, v) in fields.iter() {
                if from_json_body(cx, v) && cx.flow(site.span, v, sink::NOSQL, accept::REQUEST) {
                    return;
                }
            }
        }
    }
}
