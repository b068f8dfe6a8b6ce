use super::{entry_lines, services};
use crate::rule::{Check, File, Hit, edit};

crate::config_rule! {
    /// ## What it does
    /// Flags Compose services with `privileged: true`.
    ///
    /// ## Why is this bad?
    /// A privileged container gets every capability and every host device and runs
    /// without the seccomp and AppArmor profiles: anything that compromises the process
    /// inside controls the host (CWE-250).
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   agent:
    ///     image: example/agent:1.4
    ///     privileged: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   agent:
    ///     image: example/agent:1.4
    ///     cap_add: [NET_BIND_SERVICE]   # only the capability it needs
    /// ```
    Privileged {
        id: "compose/privileged",
        title: "Privileged Compose service",
        cwe: [250],
        severity: High,
        confidence: High,
        kinds: [Compose],
        message: "privileged container: a compromise inside it controls the host; grant only the capabilities it needs",
    }
}

impl Check for Privileged {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in services(f) {
            if let Some(e) = s.node.entry("privileged")
                && e.value.is_true()
            {
                let lines = entry_lines(f.text, &e.key_span, &e.value.span);
                out.push(
                    Hit::at(e.key_span.start..e.value.span.end)
                        .message(format!("service `{}` runs privileged: a compromise inside it controls the host; grant only the capabilities it needs", s.name))
                        .fix("remove `privileged: true`", vec![edit(lines, "")]),
                );
            }
        }
    }
}
