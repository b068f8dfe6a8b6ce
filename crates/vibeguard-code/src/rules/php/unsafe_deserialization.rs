use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `unserialize()` of data that is not a constant (without
    /// `['allowed_classes' => false]`).
    ///
    /// ## Why is this bad?
    /// Serialized objects trigger `__wakeup`/`__destruct` of any loaded class: gadget chains
    /// in frameworks turn a cookie or a request field into code execution (CWE-502).
    ///
    /// ## Example
    /// ```php
    /// $prefs = unserialize($_COOKIE['prefs']);
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $prefs = json_decode($_COOKIE['prefs'], true);
    /// ```
    PhpUnsafeDeserialization
}

static META: RuleMeta = RuleMeta {
    id: "php/unsafe-deserialization",
    title: "Deserialisation of untrusted data",
    cwe: &[502],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "unserialize() of data that is not a constant can instantiate objects and run their magic methods; use json_decode",
    family: Family::Php,
    keywords: &["unserialize"],
    calls: &["unserialize"],
    on: 0,
};

impl Rule for PhpUnsafeDeserialization {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() || site.name != "unserialize" {
            return;
        }
        if site
            .arg(1)
            .is_some_and(|(e, _)| cx.text(e.span).contains("allowed_classes"))
        {
            return;
        }
        let Some((_, v)) = site.arg(0) else { return };
        if v.is_trusted() {
            return;
        }
        if !cx.flow(site.span, v, sink::DESERIALIZE, accept::INPUT | accept::IO) {
            cx.report(Report::at(site.span));
        }
    }
}
