use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, on, sink};
use crate::ir::{ExprKind, FuncId, StmtKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags exception details (`e.message`, `e.backtrace`, `e.full_message`, the
    /// exception itself) sent to the client with `render` (`json:`, `plain:`, `html:`,
    /// `body:`) or as a Sinatra `halt` body, and a controller's
    /// `show_detailed_exceptions?` that does not return `false` (Rails then shows its full
    /// exception page, backtrace included, to every visitor).
    ///
    /// ## Why is this bad?
    /// Error text names tables, files, hosts and gem versions: a map of the system for
    /// whoever sends a malformed request (CWE-209).
    ///
    /// ## Example
    /// ```ruby
    /// rescue ActiveRecord::StatementInvalid => e
    ///   render json: { error: e.message }, status: 500
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// rescue ActiveRecord::StatementInvalid => e
    ///   Rails.logger.error(e.full_message)
    ///   render json: { error: "internal error" }, status: 500
    /// ```
    RubyErrorDisclosure
}

static META: RuleMeta = RuleMeta {
    id: "ruby/error-disclosure",
    title: "Error details sent to the client",
    cwe: &[209],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "exception details sent to the client; log them and send a generic message",
    family: Family::Ruby,
    keywords: &["rescue", "show_detailed_exceptions?"],
    calls: &["render", "halt"],
    on: on::FUNCTION,
};

impl Rule for RubyErrorDisclosure {
    crate::rule_meta!(META);
    fn function(&self, cx: &mut Cx<'_, '_>, func: FuncId) {
        // A controller's `show_detailed_exceptions?` that does not return false: Rails
        // shows the full exception page (message, backtrace, request) in production.
        let f = &cx.module().funcs[func];
        if f.name != "show_detailed_exceptions?" || f.class.is_none() {
            return;
        }
        // Only a controller's hook counts: a class that derives from something other
        // than a controller (`class Report < Base`) has a method of that name that Rails
        // never calls. (A module, a concern mixed into controllers, has no base.)
        if let Some(c) = cx
            .module()
            .classes
            .iter()
            .find(|c| Some(&c.name) == f.class.as_ref())
            && !c.bases.is_empty()
            && !c.name.contains("Controller")
            && !c.bases.iter().any(|b| b.contains("Controller"))
        {
            return;
        }
        let last = f
            .body
            .iter()
            .rev()
            .find(|s| !matches!(s.kind, StmtKind::FuncDef(_)));
        let returns_false = match last.map(|s| &s.kind) {
            Some(StmtKind::Return(Some(e)) | StmtKind::Expr(e)) => {
                matches!(e.kind, ExprKind::Bool(false) | ExprKind::Null)
            }
            None => true,
            _ => false,
        };
        if !returns_false {
            cx.report(Report::at(crate::rules::support::func_name_span(f)));
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.recv.is_some() {
            return;
        }
        let body: Vec<_> = match site.name {
            "render" => ["json", "plain", "html", "body", "text"]
                .iter()
                .filter_map(|k| site.kwarg(k).map(|(_, v)| v))
                .collect(),
            _ => site.args.iter().collect(),
        };
        for v in body {
            if cx.flow(site.span, v, sink::HTML, accept::ERROR) {
                return;
            }
        }
    }
}
