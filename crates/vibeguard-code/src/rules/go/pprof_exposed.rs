use crate::check::{Cx, Report, Rule, RuleMeta, on};
use crate::ir::Span;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags the blank import `_ "net/http/pprof"`, whose only effect is to register the
    /// profiler's `/debug/pprof/` handlers on `http.DefaultServeMux`.
    ///
    /// ## Why is this bad?
    /// Any server that serves the default mux (`http.ListenAndServe(addr, nil)`) then
    /// answers anyone with heap and goroutine dumps (memory contents, secrets included),
    /// the command line, and CPU profiles that keep the process busy for as long as asked
    /// (active debug code, CWE-489; CWE-215).
    ///
    /// ## Example
    /// ```go
    /// import _ "net/http/pprof"
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// // register the profiler on a separate mux served on localhost only
    /// mux := http.NewServeMux()
    /// mux.HandleFunc("/debug/pprof/", pprof.Index)
    /// go http.ListenAndServe("127.0.0.1:6060", mux)
    /// ```
    GoPprofExposed
}

static META: RuleMeta = RuleMeta {
    id: "go/pprof-exposed",
    title: "Profiler endpoints registered on the default mux",
    cwe: &[489, 215],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "net/http/pprof imported for its side effect: /debug/pprof is served by the default mux; register it on a private mux",
    family: Family::Go,
    keywords: &["net/http/pprof"],
    calls: &[],
    on: on::MODULE,
};

impl Rule for GoPprofExposed {
    crate::rule_meta!(META);
    fn module(&self, cx: &mut Cx<'_, '_>) {
        let src = cx.whole_text();
        let Some(i) = src.find("\"net/http/pprof\"") else {
            return;
        };
        // Only the blank import registers the handlers; a named one is used on purpose.
        if src[..i].trim_end().ends_with('_') {
            cx.report(Report::at(Span::new(i, i + "\"net/http/pprof\"".len())));
        }
    }
}
