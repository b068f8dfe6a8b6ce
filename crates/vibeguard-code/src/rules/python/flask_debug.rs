use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::ir::{ExprKind, Module, Pattern, StmtKind};
use crate::rule_doc;
use crate::rules::support::const_bool;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags Flask and Werkzeug apps run with the debugger on: `app.run(debug=True)`,
    /// `app.debug = True`, `app.config["DEBUG"] = True`, `app.config.update(DEBUG=True)`,
    /// `app.config.from_object(Config)` of a class here with `DEBUG = True`,
    /// `run_simple(use_debugger=True)`.
    ///
    /// ## Why is this bad?
    /// The Werkzeug debugger serves an interactive Python console on error pages: anyone
    /// who can reach the app and trigger an error (or guess the PIN) runs code on the
    /// server, and tracebacks show source and secrets (CWE-489, CWE-215).
    ///
    /// ## Example
    /// ```python
    /// app.run(host="0.0.0.0", debug=True)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// app.run(host="0.0.0.0", debug=os.environ.get("FLASK_DEBUG") == "1")
    /// ```
    FlaskDebug
}

static META: RuleMeta = RuleMeta {
    id: "python/flask-debug",
    title: "Flask debugger enabled",
    cwe: &[489, 215],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "the Werkzeug debugger runs code from the browser; never enable it where others can connect",
    family: Family::Python,
    keywords: &["debug"],
    calls: &["run", "run_simple", "update", "from_mapping", "from_object"],
    on: on::ASSIGN,
};

impl Rule for FlaskDebug {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // `app.config.update(DEBUG=True)` / `app.config.from_mapping(DEBUG=True)`, and
        // `app.config.from_object(Config)` of a class of this file setting `DEBUG = True`.
        if matches!(site.name, "update" | "from_mapping" | "from_object") {
            let on_config = matches!(
                &site.call.callee.kind,
                ExprKind::Attr(b, _) if matches!(&b.kind, ExprKind::Attr(_, c) if c == "config")
            );
            if !on_config || !cx.imports("flask") {
                return;
            }
            let on = if site.name == "from_object" {
                site.call
                    .arg(0)
                    .and_then(|a| a.as_name())
                    .is_some_and(|n| class_sets_debug(cx.module(), n))
            } else {
                site.kwarg("DEBUG")
                    .is_some_and(|(_, v)| const_bool(v) == Some(true))
            };
            if on {
                cx.report(Report::at(site.span));
            }
            return;
        }
        let key = if site.name == "run_simple" {
            if !site.is(&["werkzeug.serving.run_simple", "werkzeug.run_simple"]) {
                return;
            }
            "use_debugger"
        } else {
            if site.recv.is_none() || !cx.imports("flask") {
                return;
            }
            "debug"
        };
        if site
            .kwarg(key)
            .is_some_and(|(_, v)| const_bool(v) == Some(true))
        {
            cx.report(Report::at(site.span));
        }
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        if !cx.imports("flask") {
            return;
        }
        let Some(t) = &site.target_path else { return };
        let is_debug = t.ends_with(".debug") || t.ends_with("config.DEBUG");
        if is_debug && const_bool(site.val) == Some(true) {
            cx.report(Report::at(site.span));
        }
    }
}

/// Does class `name` of this module set `DEBUG = True` in its body?
fn class_sets_debug(m: &Module, name: &str) -> bool {
    let Some(c) = m.classes.iter().find(|c| c.name == name) else {
        return false;
    };
    let Some(top) = m.funcs.first() else {
        return false;
    };
    top.body.iter().any(|s| match &s.kind {
        StmtKind::Block(b) if s.span == c.span => b.iter().any(|st| {
            matches!(
                &st.kind,
                StmtKind::Assign { target: Pattern::Name(n, _), value }
                    if n == "DEBUG" && matches!(value.kind, ExprKind::Bool(true))
            )
        }),
        _ => false,
    })
}
