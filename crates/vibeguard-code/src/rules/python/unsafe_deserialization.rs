use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags deserialisers that build arbitrary objects or code: `marshal.load(s)`,
    /// `jsonpickle.decode`, `shelve` files, `xmlrpc` `loads(use_builtin_types)`... applied
    /// to data that is not a constant.
    ///
    /// ## Why is this bad?
    /// These formats name classes, functions or bytecode: data from a request, a socket
    /// or a user's file becomes code running on the server (CWE-502).
    ///
    /// ## Example
    /// ```python
    /// obj = jsonpickle.decode(request.data)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// obj = json.loads(request.data)
    /// ```
    UnsafeDeserialization
}

static META: RuleMeta = RuleMeta {
    id: "python/unsafe-deserialization",
    title: "Deserialisation that builds code or objects",
    cwe: &[502],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "this format can carry code or arbitrary objects; load data with json instead",
    family: Family::Python,
    keywords: &["marshal", "jsonpickle"],
    calls: &["load", "loads", "decode"],
    on: 0,
};

impl Rule for UnsafeDeserialization {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site.is(&[
            "marshal.load",
            "marshal.loads",
            "jsonpickle.decode",
            "jsonpickle.loads",
        ]) {
            return;
        }
        let Some((_, v)) = site.arg(0) else { return };
        // The program's own constant (or a value computed from constants only).
        if v.is_trusted() {
            return;
        }
        if cx.has_input(v, sink::DESERIALIZE, accept::INPUT | accept::IO) {
            cx.flow(site.span, v, sink::DESERIALIZE, accept::INPUT | accept::IO);
        } else {
            cx.report(Report::at(site.span));
        }
    }
}
