use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags HTML "sanitised" with a regular expression that removes `<script>` tags
    /// (`re.sub(r"<script.*?>.*?</script>", "", html)`).
    ///
    /// ## Why is this bad?
    /// HTML is not regular: `<scr<script>ipt>`, `<script >`, upper case, an `onerror=`
    /// attribute or an `<svg onload>` all get through, so the output is still script
    /// (CWE-116, CWE-79, CWE-185).
    ///
    /// ## Example
    /// ```python
    /// clean = re.sub(r"<script.*?>.*?</script>", "", comment)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// clean = bleach.clean(comment)  # or escape it: markupsafe.escape(comment)
    /// ```
    RegexHtmlFilter
}

static META: RuleMeta = RuleMeta {
    id: "python/regex-html-filter",
    title: "HTML filtered with a regular expression",
    cwe: &[116, 79, 185],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "removing script tags with a regular expression is bypassable; escape the text or use an HTML sanitizer",
    family: Family::Python,
    keywords: &["script"],
    calls: &["sub", "subn", "compile"],
    on: 0,
};

impl Rule for RegexHtmlFilter {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site
            .path
            .is_some_and(|p| p.starts_with("re.") || p.starts_with("regex."))
        {
            return;
        }
        if let Some((_, v)) = site.arg(0)
            && let Some(p) = v.const_str()
            && p.to_ascii_lowercase().contains("<script")
        {
            cx.report(Report::at(site.span));
        }
    }
}
