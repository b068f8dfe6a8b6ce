use super::yaml_util::{is_compose, is_kubernetes};
use vibeguard_code::lang::Lang;
use vibeguard_code::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_code::{code_rule, lazy_regex};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags pods and services that share the host's namespaces: `hostPID`, `hostIPC`,
    /// `hostNetwork: true` in Kubernetes, `pid: host` / `network_mode: host` in Compose.
    ///
    /// ## Why is this bad?
    /// Sharing the host PID namespace lets the container see and signal (and with ptrace,
    /// inject into) every host process; the host network namespace exposes services bound
    /// to localhost (CWE-668).
    ///
    /// ## Example
    /// ```text
    /// spec:
    ///   hostPID: true
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// spec:
    ///   shareProcessNamespace: true   # share only between the pod's own containers
    /// ```
    HostNamespace
}

static META: Meta = Meta {
    id: "container/host-namespace",
    title: "Container shares the host's namespaces",
    cwe: &[668],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "the container shares a host namespace (PID, IPC or network); keep it isolated",
    langs: &[Lang::Yaml],
    keywords: &[
        "hostpid",
        "hostipc",
        "hostnetwork",
        "pid:",
        "ipc:",
        "network_mode",
    ],
};

impl CodeRule for HostNamespace {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re = if is_kubernetes(file.text) {
            lazy_regex!(r"(?m)\b(?:hostPID|hostIPC|hostNetwork)\s*:\s*true\b")
        } else if is_compose(file.path, file.text) {
            lazy_regex!(r#"(?m)\b(?:pid|ipc|network_mode)\s*:\s*['"]?host['"]?\s*(?:#.*)?$"#)
        } else {
            return;
        };
        for m in re.find_iter(file.text) {
            out.push(Hit {
                start: m.start(),
                end: m.end(),
                fix: None,
            });
        }
    }
}
