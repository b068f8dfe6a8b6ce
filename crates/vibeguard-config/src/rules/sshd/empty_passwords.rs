use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags `PermitEmptyPasswords yes` in sshd_config.
    ///
    /// ## Why is this bad?
    /// Any account without a password (service accounts, freshly created users) can then
    /// log in over the network with nothing at all (CWE-258, CWE-287).
    ///
    /// ## Example
    /// ```text
    /// PermitEmptyPasswords yes
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// PermitEmptyPasswords no
    /// ```
    EmptyPasswords {
        id: "sshd/empty-passwords",
        title: "SSH logins with empty passwords",
        cwe: [258, 287],
        severity: Critical,
        confidence: High,
        kinds: [Sshd],
        message: "`PermitEmptyPasswords yes` lets accounts without a password log in",
    }
}

impl Check for EmptyPasswords {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        super::check(
            f.directives(),
            "permitemptypasswords",
            &["yes"],
            "`PermitEmptyPasswords yes` lets accounts without a password log in",
            out,
        );
    }
}
