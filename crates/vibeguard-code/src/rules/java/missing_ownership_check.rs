use crate::check::{Cx, Report, Rule, RuleMeta, on};
use crate::ir::{ExprKind, Func, Span};
use crate::rule_doc;
use crate::syntax::Family;
use std::collections::HashSet;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags Spring handlers that load, change or delete a record by an id from the
    /// request (`repo.findById(id)`, `deleteById(id)`) and never refer to the current
    /// user, when the handler is handed the user (`Principal`, `Authentication`,
    /// `@AuthenticationPrincipal`) and ignores it, or a sibling handler in the same class
    /// does refer to the user. Medium confidence: ownership may be enforced elsewhere
    /// (method security, a repository filter).
    ///
    /// ## Why is this bad?
    /// Any signed-in user reads or changes another user's record by changing the number
    /// in the URL (insecure direct object reference, CWE-639).
    ///
    /// ## Example
    /// ```java
    /// @GetMapping("/invoices/{id}")
    /// public Invoice one(@PathVariable Long id, Principal principal) {
    ///     return repo.findById(id).orElseThrow();
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// @GetMapping("/invoices/{id}")
    /// public Invoice one(@PathVariable Long id, Principal principal) {
    ///     return repo.findByIdAndOwner(id, principal.getName()).orElseThrow();
    /// }
    /// ```
    JavaMissingOwnershipCheck
}

static META: RuleMeta = RuleMeta {
    id: "java/missing-ownership-check",
    title: "Record loaded by id without an ownership check",
    cwe: &[639, 284, 862],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "handler loads a record by a request id without checking it belongs to the current user",
    family: Family::Java,
    keywords: &["Mapping"],
    calls: &[],
    on: on::MODULE,
};

const MAPPINGS: &[&str] = &[
    "GetMapping",
    "PostMapping",
    "PutMapping",
    "DeleteMapping",
    "PatchMapping",
    "RequestMapping",
];

/// Repository calls that load or change one record by its id.
const BY_ID: &[&str] = &[
    "findById",
    "getById",
    "getReferenceById",
    "getOne",
    "findOne",
    "deleteById",
    "existsById",
];

/// Names that refer to the signed-in user.
const USER_WORDS: &[&str] = &[
    "principal",
    "authentication",
    "getPrincipal",
    "getAuthentication",
    "SecurityContextHolder",
    "currentUser",
    "getCurrentUser",
    "userDetails",
    "getName",
];

struct Facts {
    name_span: Span,
    loads_by_id: bool,
    refers_to_user: bool,
    handed_user: bool,
}

fn facts(f: &Func) -> Facts {
    let mut words = HashSet::new();
    let mut loads_by_id = false;
    crate::flow::walk_exprs(&f.body, &mut |e| {
        e.walk(&mut |x| match &x.kind {
            ExprKind::Name(n) => {
                words.insert(n.clone());
            }
            ExprKind::Attr(_, a) => {
                words.insert(a.clone());
            }
            ExprKind::Call(c) if c.callee.last_name().is_some_and(|n| BY_ID.contains(&n)) => {
                loads_by_id = true;
            }
            _ => {}
        })
    });
    let handed_user = f.params.iter().any(|p| {
        let ann = p.annotation.as_deref().unwrap_or("");
        ann.ends_with("Principal")
            || ann.ends_with("Authentication")
            || ann.contains("@AuthenticationPrincipal")
    });
    let user_params: Vec<&str> = f
        .params
        .iter()
        .filter(|p| {
            let ann = p.annotation.as_deref().unwrap_or("");
            ann.ends_with("Principal")
                || ann.ends_with("Authentication")
                || ann.contains("@AuthenticationPrincipal")
        })
        .filter_map(|p| p.name())
        .collect();
    let refers_to_user = USER_WORDS.iter().any(|w| words.contains(*w))
        || user_params.iter().any(|p| words.contains(*p));
    Facts {
        name_span: crate::rules::support::func_name_span(f),
        loads_by_id,
        refers_to_user,
        handed_user,
    }
}

impl Rule for JavaMissingOwnershipCheck {
    crate::rule_meta!(META);
    fn module(&self, cx: &mut Cx<'_, '_>) {
        let m = cx.module();
        let handlers: Vec<(Option<String>, Facts)> = m
            .funcs
            .iter()
            .filter(|f| {
                f.decorators
                    .iter()
                    .any(|d| d.last_name().is_some_and(|n| MAPPINGS.contains(&n)))
            })
            .map(|f| (f.class.clone(), facts(f)))
            .collect();
        for (class, h) in &handlers {
            if !h.loads_by_id || h.refers_to_user {
                continue;
            }
            let sibling_checks = handlers.iter().any(|(c, o)| c == class && o.refers_to_user);
            if h.handed_user || sibling_checks {
                cx.report(Report::at(h.name_span));
            }
        }
    }
}
