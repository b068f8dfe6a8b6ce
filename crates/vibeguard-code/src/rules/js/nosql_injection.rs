use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, accept, sink};
use crate::flow::value::{Shape, Val};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags MongoDB / Mongoose queries whose filter, or a field of it, is request data
    /// that was not converted to a string (unless the app mounts express-mongo-sanitize),
    /// and `$where` clauses built from input (a `$where` key, or Mongoose's `$where()`),
    /// also among the filters of `query.or([...])`/`and`/`nor`, and Mongoose path
    /// conditions (`Model.where("email", value)`, `.where("email").equals(value)`); the
    /// legacy methods (`update`, `remove`, `findAndModify`) and the in-process
    /// MongoDB-style stores (marsdb, nedb, tingodb: a `new Collection(...)` /
    /// `new Datastore(...)`, a receiver named `...Collection`, or a member of a project
    /// module named for its store, `../data/mongodb`) included; and
    /// DynamoDB requests whose parameters come whole from input or whose expressions
    /// (`KeyConditionExpression`, `FilterExpression`, ..., a PartiQL `Statement`) are
    /// built from it.
    ///
    /// ## Why is this bad?
    /// Express parses `?user[$ne]=x` and JSON bodies into objects: `{ password: {"$ne":
    /// ""} }` matches every user and bypasses a login; `$where` runs JavaScript on the
    /// database (CWE-943).
    ///
    /// ## Example
    /// ```js
    /// User.findOne({ name: req.body.name, password: req.body.password });
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// User.findOne({ name: String(req.body.name), password: String(req.body.password) });
    /// ```
    JsNosqlInjection
}

static META: RuleMeta = RuleMeta {
    id: "js/nosql-injection",
    title: "NoSQL query from request data",
    cwe: &[943],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "query object built from request data; convert each value to a string (or validate its type) first",
    family: Family::Js,
    keywords: &[
        "find",
        "update",
        "delete",
        "count",
        "remove",
        "$where",
        "aggregate",
        "dynamodb",
        "DynamoDB",
    ],
    calls: &[
        "find",
        "findOne",
        "findOneAndUpdate",
        "findOneAndDelete",
        "findOneAndRemove",
        "findByIdAndUpdate",
        "updateOne",
        "updateMany",
        "deleteOne",
        "deleteMany",
        "countDocuments",
        "count",
        "aggregate",
        "replaceOne",
        "distinct",
        "exists",
        "where",
        "$where",
        "equals",
        "or",
        "and",
        "nor",
        // legacy collection methods (mongodb 2.x/3.x, Mongoose < 7, marsdb, nedb)
        "update",
        "remove",
        "findAndModify",
        "findOneAndReplace",
        // DynamoDB (v3 commands by their class, v2 operations by their method)
        "QueryCommand",
        "ScanCommand",
        "GetItemCommand",
        "PutItemCommand",
        "UpdateItemCommand",
        "DeleteItemCommand",
        "GetCommand",
        "PutCommand",
        "UpdateCommand",
        "DeleteCommand",
        "ExecuteStatementCommand",
        "query",
        "scan",
        "get",
        "put",
        "update",
        "delete",
        "getItem",
        "putItem",
        "updateItem",
        "deleteItem",
        "executeStatement",
    ],
    on: 0,
};

/// The receiver is a model imported from the project's `models/` folder (the Mongoose
/// layout: `const User = require("../models/user")`). ORMs whose filters sit under a
/// `where` key (Sequelize, Prisma) are told apart by that key.
fn model_module(site: &CallSite<'_>) -> bool {
    site.path.is_some_and(|p| {
        let module = p.rsplit_once('.').map_or(p, |(m, _)| m);
        module.contains('/')
            && module
                .split('/')
                .any(|seg| seg.eq_ignore_ascii_case("models") || seg.eq_ignore_ascii_case("model"))
    })
}

/// The receiver is a model the file uses without importing or defining it (`User.findOne`
/// in a route file whose models are registered globally or by a loader): a PascalCase name
/// bound nowhere in the file. A model defined here (`const User = sequelize.define(...)`)
/// or imported is told apart by its definition.
fn global_model(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
        return false;
    };
    let Some(name) = recv.as_name() else {
        return false;
    };
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().any(|c| c.is_ascii_lowercase())
        && site.path == Some(&format!("{name}.{}", site.name))
        && !cx.module().imports.iter().any(|i| i.alias == name)
        && !crate::rules::support::assigned_in_scope(cx, name, |_| true)
        && !cx.module().classes.iter().any(|c| c.name == name)
}

/// The receiver comes from a project module named for its MongoDB-style store
/// (`import * as db from '../data/mongodb'; db.reviews.update(...)`).
fn mongo_module(site: &CallSite<'_>) -> bool {
    site.path.is_some_and(|p| {
        p.contains('/')
            && p.split('/').any(|seg| {
                let seg = seg.to_ascii_lowercase();
                seg.contains("mongo") || seg.contains("nedb") || seg.contains("marsdb")
            })
    })
}

/// In-process databases queried with MongoDB's filter language (operators included).
const IN_PROCESS_STORES: &[&str] = &["marsdb", "nedb", "@seald-io/nedb", "tingodb"];

/// The DynamoDB request fields written in its expression language (or PartiQL): text
/// spliced into them changes the query.
const DYNAMO_EXPRESSIONS: &[&str] = &[
    "KeyConditionExpression",
    "FilterExpression",
    "ConditionExpression",
    "UpdateExpression",
    "ProjectionExpression",
    "Statement",
];

/// The DynamoDB operations of the v2 SDK's client and DocumentClient (none of them is a
/// MongoDB query method).
const DYNAMO_V2_METHODS: &[&str] = &[
    "query",
    "scan",
    "get",
    "put",
    "update",
    "delete",
    "getItem",
    "putItem",
    "updateItem",
    "deleteItem",
    "executeStatement",
];

/// A DynamoDB request: a command of the v3 SDK (`new QueryCommand(params)`, also of
/// `@aws-sdk/lib-dynamodb`), or a v2 `DynamoDB` / `DocumentClient` operation.
fn dynamo_params<'a>(site: &CallSite<'a>) -> Option<(&'a Expr, &'a Val)> {
    let path = site.path?;
    let v3 = (path.starts_with("@aws-sdk/client-dynamodb.")
        || path.starts_with("@aws-sdk/lib-dynamodb."))
        && site.call.is_new
        && site.name.ends_with("Command");
    let v2 = path.starts_with("aws-sdk.DynamoDB.") && DYNAMO_V2_METHODS.contains(&site.name);
    (v3 || v2).then(|| site.arg(0)).flatten()
}

/// Query parameters a client chose whole (`new QueryCommand(event.params)`), or
/// expressions built from input.
fn dynamo(cx: &mut Cx<'_, '_>, site: &CallSite<'_>, e: &Expr, params: &Val) {
    if !matches!(e.kind, ExprKind::Dict(_)) && !matches!(params.shape, Shape::Map(_)) {
        cx.flow(site.span, params, sink::NOSQL, accept::REQUEST);
        return;
    }
    for k in DYNAMO_EXPRESSIONS {
        if let Some(v) = params.field(k)
            && cx.flow(site.span, &v, sink::SQL, accept::REQUEST)
        {
            return;
        }
    }
}

impl Rule for JsNosqlInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if let Some((e, params)) = dynamo_params(site) {
            dynamo(cx, site, e, params);
            return;
        }
        // (The DynamoDB operation names above are no MongoDB query methods, except the
        // legacy `update`, taken below on a MongoDB collection only.)
        if DYNAMO_V2_METHODS.contains(&site.name) && site.name != "update"
            || site.name.ends_with("Command")
        {
            return;
        }
        if site.recv.is_none() {
            return;
        }
        // The Mongoose-only helpers (common method names elsewhere: chai's `and`, Joi's
        // `or`, `Buffer#equals`) are looked at only where a driver is imported.
        if matches!(site.name, "equals" | "or" | "and" | "nor" | "$where")
            && !(cx.imports("mongoose") || cx.imports("mongodb"))
        {
            return;
        }
        let Some((_, filter)) = site.arg(0) else {
            return;
        };
        // `{ $where: "..." }` is a MongoDB-style query whatever the driver (marsdb,
        // nedb, a wrapper module): JavaScript run by the database.
        // (Text built from values of unknown origin counts where a MongoDB driver is
        // imported; elsewhere input only.)
        if let Some(w) = filter.field("$where") {
            let unknown = if cx.imports("mongoose") || cx.imports("mongodb") {
                Unknown::Built
            } else {
                Unknown::Skip
            };
            cx.sink(site.span, &w, sink::CODE, unknown, None);
            return;
        }
        let mongo = cx.imports("mongoose")
            || cx.imports("mongodb")
            || IN_PROCESS_STORES.iter().any(|m| cx.imports(m))
            || mongo_module(site)
            || {
                let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
                    return;
                };
                collection_value(cx, recv, 0)
            };
        // (Sequelize's `Model.update(values, { where })` takes the new values first: a
        // model module alone says nothing about `update`.)
        let model = (model_module(site) || global_model(cx, site))
            && filter.field("where").is_none()
            && site.name != "update";
        if !(mongo || model) {
            return;
        }
        // The update document of `updateOne(filter, req.body)`,
        // `findByIdAndUpdate(id, { $set: req.body })`: the client picks the operators
        // (`$set` of any field, `$unset`, `$inc`) and the fields.
        if matches!(
            site.name,
            "update"
                | "updateOne"
                | "updateMany"
                | "findOneAndUpdate"
                | "findByIdAndUpdate"
                | "replaceOne"
                | "findOneAndReplace"
        ) && let Some((e, update)) = site.arg(1)
        {
            let whole = match &e.kind {
                ExprKind::Dict(_) => match &update.shape {
                    // `{ $set: req.body }`: an operator given a whole object from input
                    Shape::Map(fields) => fields
                        .iter()
                        .filter(|(k, _)| k.starts_with('$'))
                        .find(|(_, v)| !matches!(v.shape, Shape::Map(_)))
                        .map(|(_, v)| v.clone()),
                    _ => None,
                },
                _ if !matches!(update.shape, Shape::Map(_)) => Some(update.clone()),
                _ => None,
            };
            if let Some(v) = whole
                && cx.flow(site.span, &v, sink::NOSQL, accept::REQUEST)
            {
                return;
            }
        }
        // Mongoose's path form: `Model.where("email", value)`, `query.where("email")
        // .equals(value)`: the value becomes the path's condition, operators included.
        // (Mongoose itself imported: SQL query builders share these names.)
        let mongoose = cx.imports("mongoose");
        if mongoose && site.name == "where" && filter.const_str().is_some() {
            if let Some((_, v)) = site.arg(1) {
                check_filter(cx, site, &Val::default().with_field("path", v.clone()));
            }
            return;
        }
        if site.name == "equals" {
            let after_where = matches!(&site.call.callee.kind, ExprKind::Attr(recv, _)
                if recv.as_call().is_some_and(|c| c.callee.last_name() == Some("where")));
            if mongoose && after_where {
                check_filter(cx, site, &Val::default().with_field("path", filter.clone()));
            }
            return;
        }
        // Mongoose's query helpers: `Model.$where(js)` / `query.$where(js)` run
        // JavaScript on the server; `query.or([...])`, `and`, `nor` take a list of filters.
        if site.name == "$where" {
            cx.sink(site.span, filter, sink::CODE, Unknown::Built, None);
            return;
        }
        if matches!(site.name, "or" | "and" | "nor") {
            if let Shape::Seq(items) = &filter.shape {
                for item in items.iter() {
                    if check_filter(cx, site, item) {
                        return;
                    }
                }
            }
            return;
        }
        check_filter(cx, site, filter);
    }
}

/// Reports a filter (a query's conditions) carrying request data in a field or whole;
/// `true` when it did.
fn check_filter(cx: &mut Cx<'_, '_>, site: &CallSite<'_>, filter: &Val) -> bool {
    match &filter.shape {
        Shape::Map(fields) => {
            for (_, v) in fields.iter() {
                // `{ name: { $eq: input } }`: a comparison operator takes its operand
                // as a value, even an object (`{ $eq: { $ne: "" } }` matches only
                // that document).
                if let Shape::Map(ops) = &v.shape
                    && !ops.is_empty()
                    && ops.iter().all(|(k, _)| {
                        matches!(
                            k.as_ref(),
                            "$eq" | "$ne" | "$gt" | "$gte" | "$lt" | "$lte" | "$in" | "$nin"
                        )
                    })
                {
                    continue;
                }
                if cx.flow(site.span, v, sink::NOSQL, accept::INPUT) {
                    return true;
                }
            }
            let own = Val::tainted(filter.taint.clone());
            cx.flow(site.span, &own, sink::NOSQL, accept::INPUT)
        }
        _ => cx.flow(site.span, filter, sink::NOSQL, accept::INPUT),
    }
}

/// Is `e` a MongoDB collection: a `db.collection("name")` call, an in-process store
/// (`new MarsDB.Collection("posts")`, `new Datastore(...)`), a name or member spelled
/// `...Collection` (`db.reviewsCollection`, `usersCollection`: the handle exported by a
/// project's database module), or a local variable the function (or one enclosing it)
/// assigns one? (A file that gets its client from elsewhere imports no driver.)
fn collection_value(cx: &Cx<'_, '_>, e: &Expr, depth: u32) -> bool {
    match &e.kind {
        ExprKind::Attr(_, m) if collection_name(m) => true,
        ExprKind::Name(n) if collection_name(n) => true,
        // `db.collection("users")`, or a helper imported under that name
        // (`collection("users")`, `getCollection("users")`).
        ExprKind::Call(c) => match &c.callee.kind {
            ExprKind::Attr(_, m) if c.is_new => matches!(m.as_str(), "Collection" | "Datastore"),
            ExprKind::Name(m) if c.is_new => matches!(m.as_str(), "Collection" | "Datastore"),
            ExprKind::Attr(_, m) => m == "collection",
            ExprKind::Name(m) => matches!(m.as_str(), "collection" | "getCollection"),
            _ => false,
        },
        ExprKind::Name(n) if depth < 2 => {
            crate::rules::support::assigned_in_scope(cx, n, |v| collection_value(cx, v, depth + 1))
        }
        _ => false,
    }
}

/// `reviewsCollection`, `users_collection`, `collection`: a name that says it holds a
/// document collection.
fn collection_name(n: &str) -> bool {
    let n = n.as_bytes();
    n.len() >= 10 && n[n.len() - 10..].eq_ignore_ascii_case(b"collection")
}
