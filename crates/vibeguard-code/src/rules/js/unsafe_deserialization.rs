use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags deserialisers that rebuild functions or arbitrary objects: node-serialize
    /// `unserialize`, funcster, cryo, `serialize-to-js` `deserialize`, js-yaml `load`
    /// with a schema that allows functions, and bson `deserialize` with
    /// `evalFunctions: true`.
    ///
    /// ## Why is this bad?
    /// These formats carry code (`_$$ND_FUNC$$_function(){...}()`): data from a cookie or a
    /// request body runs on the server (CWE-502).
    ///
    /// ## Example
    /// ```js
    /// const profile = serialize.unserialize(req.cookies.profile);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const profile = JSON.parse(req.cookies.profile);
    /// ```
    JsUnsafeDeserialization
}

static META: RuleMeta = RuleMeta {
    id: "js/unsafe-deserialization",
    title: "Deserialisation that rebuilds code",
    cwe: &[502],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "this deserialiser can run code carried by the data; use JSON.parse",
    family: Family::Js,
    keywords: &[
        "unserialize",
        "deserialize",
        "funcster",
        "cryo",
        "DEFAULT_FULL_SCHEMA",
        "evalFunctions",
        "yaml",
    ],
    calls: &[
        "unserialize",
        "deserialize",
        "parse",
        "load",
        "deepDeserialize",
        "deserializeStream",
    ],
    on: 0,
};

impl Rule for JsUnsafeDeserialization {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(path) = site.path else { return };
        let root = path.split('.').next().unwrap_or(path);
        let code_carrying = matches!(
            root,
            "node-serialize" | "funcster" | "cryo" | "serialize-to-js"
        ) && matches!(
            site.name,
            "unserialize" | "deserialize" | "parse" | "deepDeserialize"
        );
        // bson's `deserialize(buf, { evalFunctions: true })` (bson before 5) rebuilds the
        // document's `Code` values as functions.
        let bson_eval = matches!(root, "bson" | "mongodb")
            && matches!(site.name, "deserialize" | "deserializeStream")
            && (1..4).any(|i| {
                site.option(i, "evalFunctions")
                    .is_some_and(|(_, v)| crate::rules::support::const_bool(&v) == Some(true))
            });
        let yaml_full = root == "js-yaml"
            && site.name == "load"
            && site
                .option(1, "schema")
                .is_some_and(|(e, _)| cx.text(e.span).contains("FULL"));
        if !(code_carrying || yaml_full || bson_eval) {
            return;
        }
        match site.arg(0) {
            Some((_, v)) if cx.has_input(v, sink::DESERIALIZE, accept::INPUT | accept::IO) => {
                cx.flow(site.span, v, sink::DESERIALIZE, accept::INPUT | accept::IO);
            }
            _ => cx.report(Report::at(site.span)),
        }
    }
}
