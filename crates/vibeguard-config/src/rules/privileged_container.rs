use super::yaml_util::{is_compose, is_kubernetes};
use vibeguard_code::lang::Lang;
use vibeguard_code::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_code::{code_rule, lazy_regex};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags `privileged: true` in Compose services and Kubernetes container security
    /// contexts, and `allowPrivilegeEscalation: true`.
    ///
    /// ## Why is this bad?
    /// A privileged container has every capability and all host devices: a compromise of
    /// the process inside is a compromise of the host (CWE-250).
    ///
    /// ## Example
    /// ```text
    /// services:
    ///   web:
    ///     privileged: true
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// services:
    ///   web:
    ///     cap_add: [NET_BIND_SERVICE]   # only the capability it needs
    /// ```
    PrivilegedContainer
}

static META: Meta = Meta {
    id: "container/privileged",
    title: "Privileged container",
    cwe: &[250],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "privileged container: a compromise inside it controls the host; grant only the capabilities it needs",
    langs: &[Lang::Yaml],
    keywords: &["privileged"],
};

impl CodeRule for PrivilegedContainer {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        if !is_compose(file.path, file.text) && !is_kubernetes(file.text) {
            return;
        }
        let re = lazy_regex!(
            r"(?m)^\s*(?:-\s*)?(?:privileged|allowPrivilegeEscalation)\s*:\s*(?:true|True|yes)\b"
        );
        for m in re.find_iter(file.text) {
            let start = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
            out.push(Hit {
                start,
                end: m.end(),
                fix: None,
            });
        }
    }
}
