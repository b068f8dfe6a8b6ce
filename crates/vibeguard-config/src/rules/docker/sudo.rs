use super::run_scripts;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags `sudo` (and `doas`) in `RUN` steps.
    ///
    /// ## Why is this bad?
    /// `RUN` already runs as the current `USER`; needing `sudo` means the image ships
    /// `sudo` with a rule that lets an unprivileged user become root, which undoes the
    /// point of a non-root user (CWE-250). `sudo` also behaves unpredictably without a
    /// TTY and with signals.
    ///
    /// ## Example
    /// ```dockerfile
    /// USER app
    /// RUN sudo apt-get install -y curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
    /// USER app
    /// ```
    Sudo {
        id: "docker/sudo",
        title: "sudo in a Dockerfile",
        cwe: [250],
        severity: Medium,
        confidence: High,
        kinds: [Dockerfile],
        message: "`sudo` in `RUN`: do privileged steps before `USER` instead of shipping sudo in the image",
    }
}

impl Check for Sudo {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let Some(df) = f.dockerfile() else { return };
        for rs in run_scripts(df) {
            for c in rs.script.all_commands() {
                let first = c
                    .words
                    .iter()
                    .find(|w| !w.text.contains('=') || w.text.starts_with('-'));
                if first.is_some_and(|w| matches!(crate::shell::basename(&w.text), "sudo" | "doas"))
                {
                    out.push(Hit::at(rs.file_span(f.text, &c.span)));
                }
            }
        }
    }
}
