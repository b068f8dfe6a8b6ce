use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::rules::support::{content_address, security_purpose, use_context};
use crate::rules::weak_algorithms;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags MD5 and SHA-1 used where collisions matter: `crypto.createHmac("md5"|"sha1")`
    /// and `crypto.createHash("md5"|"sha1")` for tokens, keys, signatures or sessions (the
    /// surrounding names say so).
    ///
    /// ## Why is this bad?
    /// Both are broken for collision resistance: signed data and tokens can be forged
    /// (CWE-327, CWE-328).
    ///
    /// ## Example
    /// ```js
    /// const sig = crypto.createHmac("sha1", key).update(body).digest("hex");
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const sig = crypto.createHmac("sha256", key).update(body).digest("hex");
    /// ```
    JsWeakHash
}

static META: RuleMeta = RuleMeta {
    id: "js/weak-hash",
    title: "MD5 or SHA-1 used for security",
    cwe: &[327, 328],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "MD5/SHA-1 are broken for security uses; use SHA-256 or better",
    family: Family::Js,
    keywords: &["md5", "sha1"],
    calls: &["createHash", "createHmac"],
    on: 0,
};

impl Rule for JsWeakHash {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site
            .path
            .is_some_and(|p| p.starts_with("crypto.") || p.starts_with("node:crypto."))
        {
            return;
        }
        let Some(alg) = site.arg(0).and_then(|(_, v)| v.const_str()) else {
            return;
        };
        if !weak_algorithms::weak_hash(alg) {
            return;
        }
        let ctx = use_context(cx, site.span);
        if site.name == "createHmac"
            || security_purpose(&ctx)
                && !crate::rules::python::mentions_password(&ctx)
                && !content_address(&ctx)
        {
            cx.report(Report::at(site.span));
        }
    }
}
