use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags calls of `phpinfo()` (and `phpcredits()`), which print the interpreter's
    /// whole configuration as a page.
    ///
    /// ## Why is this bad?
    /// The page lists environment variables (database passwords, API keys), server paths,
    /// loaded extensions and their versions, and request headers including cookies: a map
    /// and a key ring for an attacker who reaches it (CWE-200, CWE-497).
    ///
    /// ## Example
    /// ```php
    /// if ($_GET['debug']) { phpinfo(); }
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// // read the one setting you need: ini_get('memory_limit'), PHP_VERSION
    /// ```
    PhpInfo
}

static META: RuleMeta = RuleMeta {
    id: "php/phpinfo",
    title: "phpinfo() exposes the server's configuration",
    cwe: &[200, 497],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "phpinfo() prints environment variables, paths and versions; remove it from deployed code",
    family: Family::Php,
    keywords: &["phpinfo", "phpcredits"],
    calls: &["phpinfo", "phpcredits"],
    on: 0,
};

impl Rule for PhpInfo {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_none() && site.call.callee.as_name().is_some() && !site.call.is_new {
            cx.report(Report::at(site.span));
        }
    }
}
