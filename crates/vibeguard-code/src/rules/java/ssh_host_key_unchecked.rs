use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags SSH clients that accept any host key: JSch's `StrictHostKeyChecking` set to
    /// `"no"` (`session.setConfig(..)`, `JSch.setConfig(..)`, or a `Properties` given to
    /// `setConfig` with `put`/`setProperty`), sshj's `addHostKeyVerifier(new
    /// PromiscuousVerifier())` (or a lambda returning `true`), and Apache MINA SSHD's
    /// `setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE)`.
    ///
    /// ## Why is this bad?
    /// The host key is how an SSH client knows it reached the right server. Without the
    /// check, anyone on the network path can pose as the server, read the password or
    /// commands sent and answer with their own (CWE-322, CWE-295).
    ///
    /// ## Example
    /// ```java
    /// session.setConfig("StrictHostKeyChecking", "no");
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// jsch.setKnownHosts("/home/deploy/.ssh/known_hosts");
    /// session.setConfig("StrictHostKeyChecking", "yes");
    /// ```
    JavaSshHostKeyUnchecked
}

static META: RuleMeta = RuleMeta {
    id: "java/ssh-host-key-unchecked",
    title: "SSH host key not verified",
    cwe: &[322, 295],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "SSH client accepts any host key; check it against known_hosts",
    family: Family::Java,
    keywords: &[
        "StrictHostKeyChecking",
        "PromiscuousVerifier",
        "AcceptAllServerKeyVerifier",
        "addHostKeyVerifier",
    ],
    calls: &[
        "setConfig",
        "put",
        "setProperty",
        "addHostKeyVerifier",
        "setServerKeyVerifier",
    ],
    on: 0,
};

impl Rule for JavaSshHostKeyUnchecked {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let unchecked = match site.name {
            "setConfig" | "put" | "setProperty" => {
                site.arg(0)
                    .and_then(|(_, v)| v.const_str())
                    .is_some_and(|k| k == "StrictHostKeyChecking")
                    && site
                        .arg(1)
                        .and_then(|(_, v)| v.const_str())
                        .is_some_and(|v| v.eq_ignore_ascii_case("no"))
            }
            "addHostKeyVerifier" | "setServerKeyVerifier" => {
                site.arg(0).is_some_and(|(e, _)| accepts_any_key(cx, e))
            }
            _ => false,
        };
        if unchecked {
            cx.report(Report::at(site.span));
        }
    }
}

/// `new PromiscuousVerifier()`, `AcceptAllServerKeyVerifier.INSTANCE`, or a lambda that
/// returns `true`.
fn accepts_any_key(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    let accept_all = |n: Option<&str>| {
        matches!(
            n,
            Some("PromiscuousVerifier" | "AcceptAllServerKeyVerifier")
        )
    };
    match &e.kind {
        ExprKind::Call(c) => c.is_new && accept_all(c.callee.last_name()),
        ExprKind::Attr(b, a) => a == "INSTANCE" && accept_all(b.last_name()),
        ExprKind::Func(id) => matches!(
            cx.module().funcs[*id].body.as_slice(),
            [s] if matches!(&s.kind, crate::ir::StmtKind::Return(Some(r)) if r.is_true())
        ),
        _ => false,
    }
}
