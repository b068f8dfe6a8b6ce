use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, on, replace};
use crate::ir::{DictKey, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags TLS certificate checks turned off: `rejectUnauthorized: false` in request,
    /// agent and client options, `NODE_TLS_REJECT_UNAUTHORIZED = "0"`, and a
    /// `checkServerIdentity` that accepts everything.
    ///
    /// ## Why is this bad?
    /// Anyone on the network path can impersonate the server and read or change the
    /// traffic, credentials included (CWE-295).
    ///
    /// ## Example
    /// ```js
    /// https.request({ host, rejectUnauthorized: false });
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// https.request({ host, ca: fs.readFileSync("internal-ca.pem") });
    /// ```
    JsTlsVerificationDisabled
}

static META: RuleMeta = RuleMeta {
    id: "js/tls-verification-disabled",
    title: "TLS certificate verification disabled",
    cwe: &[295],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "TLS certificate verification is disabled; traffic can be intercepted",
    family: Family::Js,
    keywords: &[
        "rejectunauthorized",
        "node_tls_reject_unauthorized",
        "checkserveridentity",
    ],
    calls: &["*"],
    on: on::ASSIGN,
};

impl Rule for JsTlsVerificationDisabled {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        for a in &site.call.args {
            check_options(cx, &a.value);
        }
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        check_options(cx, site.value);
        if site
            .target_path
            .as_deref()
            .is_some_and(|t| t.ends_with("NODE_TLS_REJECT_UNAUTHORIZED"))
            && site.val.const_str() == Some("0")
        {
            cx.report(Report::at(site.span));
        }
    }
}

/// `{ rejectUnauthorized: false }` or an accept-everything `checkServerIdentity` in an
/// options object.
fn check_options(cx: &mut Cx<'_, '_>, value: &crate::ir::Expr) {
    {
        {
            let mut found = None;
            value.walk(&mut |e| {
                if found.is_some() {
                    return;
                }
                if let ExprKind::Dict(items) = &e.kind {
                    for (k, v) in items {
                        if let DictKey::Const(k) = k {
                            // `false`, or a variable holding it (`{ rejectUnauthorized:
                            // strict }` after `let strict = false`)
                            if k == "rejectUnauthorized"
                                && (v.is_false()
                                    || v.as_name().is_some()
                                        && matches!(
                                            cx.value_of(v).as_const(),
                                            Some(crate::flow::value::Const::Bool(false))
                                        ))
                            {
                                found = Some((v.span, true));
                            }
                            if k == "checkServerIdentity"
                                && let ExprKind::Func(id) = v.kind
                                && cx.module().funcs[id].body.iter().all(|s| {
                                    matches!(
                                        &s.kind,
                                        crate::ir::StmtKind::Return(None)
                                            | crate::ir::StmtKind::Return(Some(crate::ir::Expr {
                                                kind: ExprKind::Null,
                                                ..
                                            }))
                                    )
                                })
                            {
                                found = Some((v.span, false));
                            }
                        }
                    }
                }
            });
            if let Some((span, reject)) = found {
                let fix = reject.then(|| {
                    replace(
                        span,
                        "true",
                        "verify certificates (rejectUnauthorized: true)",
                    )
                });
                cx.report(Report::at(span).fix(fix));
            }
        }
    }
}
