use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{ExprKind, StmtKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags SSH clients that accept any host key: `ssh.InsecureIgnoreHostKey()`, and an
    /// `ssh.ClientConfig` whose `HostKeyCallback` is a function that only returns `nil`.
    ///
    /// ## Why is this bad?
    /// The host key is how an SSH client knows it reached the right server. Without the
    /// check, anyone on the network path can pose as the server, read the password or
    /// commands sent and answer with their own (CWE-322, CWE-295).
    ///
    /// ## Example
    /// ```go
    /// cfg := &ssh.ClientConfig{User: "deploy", HostKeyCallback: ssh.InsecureIgnoreHostKey()}
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// cb, err := knownhosts.New(filepath.Join(home, ".ssh", "known_hosts"))
    /// cfg := &ssh.ClientConfig{User: "deploy", HostKeyCallback: cb}
    /// ```
    GoSshHostKeyUnchecked
}

static META: RuleMeta = RuleMeta {
    id: "go/ssh-host-key-unchecked",
    title: "SSH host key not verified",
    cwe: &[322, 295],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "SSH client accepts any host key; verify it with knownhosts or a pinned key",
    family: Family::Go,
    keywords: &["InsecureIgnoreHostKey", "HostKeyCallback"],
    calls: &["InsecureIgnoreHostKey", "ClientConfig"],
    on: 0,
};

impl Rule for GoSshHostKeyUnchecked {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let ssh = |p: &str| p.starts_with("golang.org/x/crypto/ssh.");
        match site.name {
            "InsecureIgnoreHostKey" if site.path.is_some_and(ssh) => {
                cx.report(Report::at(site.span))
            }
            // HostKeyCallback: func(host string, remote net.Addr, key ssh.PublicKey) error {
            //     return nil
            // }
            "ClientConfig" if site.call.is_new && site.path.is_some_and(ssh) => {
                let accepts_all = site
                    .call
                    .arg(0)
                    .and_then(|a| a.prop("HostKeyCallback"))
                    .is_some_and(|cb| match cb.kind {
                        ExprKind::Func(id) => matches!(
                            cx.module().funcs[id].body.as_slice(),
                            [s] if matches!(&s.kind, StmtKind::Return(Some(e)) if matches!(e.kind, ExprKind::Null))
                        ),
                        _ => false,
                    });
                if accepts_all {
                    cx.report(Report::at(site.span));
                }
            }
            _ => {}
        }
    }
}
