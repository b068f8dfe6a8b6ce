use crate::check::{Cx, Report, Rule, RuleMeta, on};
use crate::ir::{Expr, ExprKind, Func, Span};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags Rails controller actions that load a record straight from the model class by
    /// a request id (`Project.find(params[:id])`, `find_by(id: params[:id])`, the dynamic
    /// `find_by_id!(params[:id])`), reported at that lookup, without
    /// any reference to the signed-in user, when another action of the same controller
    /// does refer to `current_user`. Medium confidence: a policy object or a
    /// `before_action` may check ownership elsewhere.
    ///
    /// ## Why is this bad?
    /// Any signed-in user reads, changes or deletes another user's record by changing the
    /// number in the URL (insecure direct object reference, CWE-639).
    ///
    /// ## Example
    /// ```ruby
    /// def destroy
    ///   Project.find(params[:id]).destroy
    /// end
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// def destroy
    ///   current_user.projects.find(params[:id]).destroy
    /// end
    /// ```
    RubyMissingOwnershipCheck
}

static META: RuleMeta = RuleMeta {
    id: "ruby/missing-ownership-check",
    title: "Record loaded by id without an ownership check",
    cwe: &[639, 284, 862],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "action loads a record by a request id from the model class without scoping it to current_user (other actions do)",
    family: Family::Ruby,
    keywords: &["Controller"],
    calls: &[],
    on: on::MODULE,
};

/// Names that refer to the signed-in user.
const USER_WORDS: &[&str] = &[
    "current_user",
    "current_account",
    "authorize",
    "authorize!",
    "policy_scope",
    "can?",
    "Current",
];

/// `Model.find(params[:id])` / `Model.find_by(id: ...)` / `Model.find_by!(...)`: a
/// lookup on the class itself, by something read from params.
fn loads_from_class(c: &crate::ir::Call) -> bool {
    let ExprKind::Attr(recv, m) = &c.callee.kind else {
        return false;
    };
    let on_class = recv
        .as_name()
        .is_some_and(|n| n.starts_with(|ch: char| ch.is_ascii_uppercase()));
    let reads_params = c.args.iter().any(|a| {
        let mut found = false;
        a.value.walk(&mut |x| {
            if x.as_name() == Some("params") {
                found = true;
            }
        });
        found
    });
    // (`find_by_id!`: the dynamic finder by id; a lookup by a public name or slug is
    // not one.)
    on_class
        && reads_params
        && matches!(
            m.as_str(),
            "find" | "find_by" | "find_by!" | "where" | "find_by_id" | "find_by_id!"
        )
}

struct Facts {
    span: Span,
    loads: bool,
    refers_to_user: bool,
}

fn facts(f: &Func) -> Facts {
    let (mut loads, mut user) = (None, false);
    crate::flow::walk_exprs(&f.body, &mut |e: &Expr| {
        e.walk(&mut |x| match &x.kind {
            ExprKind::Name(n) | ExprKind::Attr(_, n) if USER_WORDS.contains(&n.as_str()) => {
                user = true;
            }
            ExprKind::Call(c) if loads.is_none() && loads_from_class(c) => loads = Some(x.span),
            _ => {}
        })
    });
    // Reported at the lookup, where the scope is missing.
    Facts {
        span: loads.unwrap_or_else(|| crate::rules::support::func_name_span(f)),
        loads: loads.is_some(),
        refers_to_user: user,
    }
}

impl Rule for RubyMissingOwnershipCheck {
    crate::rule_meta!(META);
    fn module(&self, cx: &mut Cx<'_, '_>) {
        let m = cx.module();
        let actions: Vec<(String, Facts)> = m
            .funcs
            .iter()
            .filter_map(|f| {
                let class = f.class.as_ref()?;
                (class.ends_with("Controller") && f.kind == crate::ir::FuncKind::Method)
                    .then(|| (class.clone(), facts(f)))
            })
            .collect();
        for (class, a) in &actions {
            if !a.loads || a.refers_to_user {
                continue;
            }
            if actions.iter().any(|(c, o)| c == class && o.refers_to_user) {
                cx.report(Report::at(a.span));
            }
        }
    }
}
