use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::flow::value::ObjKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags error text (`err.Error()`) sent to the client: `http.Error(w, err.Error(),
    /// 500)`, `w.Write`, `fmt.Fprint*(w, ...)`, and gin/echo `c.JSON`/`c.String`.
    ///
    /// ## Why is this bad?
    /// Driver and library errors name tables, columns, file paths, hosts and versions:
    /// a map of the system for whoever sends a malformed request (CWE-209).
    ///
    /// ## Example
    /// ```go
    /// if err != nil {
    ///     http.Error(w, err.Error(), http.StatusInternalServerError)
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// if err != nil {
    ///     log.Printf("stats: %v", err)
    ///     http.Error(w, "internal error", http.StatusInternalServerError)
    /// }
    /// ```
    GoErrorDisclosure
}

static META: RuleMeta = RuleMeta {
    id: "go/error-disclosure",
    title: "Error details sent to the client",
    cwe: &[209],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "error text sent to the client; log it and send a generic message",
    family: Family::Go,
    keywords: &["Error()"],
    calls: &[
        "Error",
        "Write",
        "WriteString",
        "Fprintf",
        "Fprint",
        "Fprintln",
        "JSON",
        "String",
        "AbortWithStatusJSON",
        "AbortWithError",
        "IndentedJSON",
    ],
    on: 0,
};

impl Rule for GoErrorDisclosure {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let to_response = |i: usize| {
            site.arg(i)
                .is_some_and(|(_, v)| v.is_obj(&ObjKind::Response))
        };
        let recv_is = |k: &ObjKind| site.recv.is_some_and(|r| r.is_obj(k));
        let data: Vec<usize> = if site.is(&["net/http.Error"]) {
            vec![1]
        } else if recv_is(&ObjKind::Response) && matches!(site.name, "Write" | "WriteString") {
            vec![0]
        } else if site.path.is_some_and(|p| p.starts_with("fmt.Fprint")) && to_response(0)
            || recv_is(&ObjKind::WebContext)
                && matches!(
                    site.name,
                    "JSON" | "String" | "AbortWithStatusJSON" | "IndentedJSON"
                )
        {
            // fmt.Fprintf(w, format, ...) / c.JSON(code, body): every argument after the first.
            (1..site.positional()).collect()
        } else {
            return;
        };
        for i in data {
            if let Some((_, v)) = site.arg(i)
                && cx.flow(site.span, v, sink::HTML, accept::ERROR)
            {
                return;
            }
        }
    }
}
