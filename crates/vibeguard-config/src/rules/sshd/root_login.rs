use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags `PermitRootLogin yes` in sshd_config, globally or in a `Match` block.
    ///
    /// ## Why is this bad?
    /// `root` exists on every machine, so it is the first account password-guessing bots
    /// try, and a successful login skips every privilege boundary and leaves no trace of
    /// which person logged in (CWE-250, CWE-287).
    ///
    /// ## Example
    /// ```text
    /// PermitRootLogin yes
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// PermitRootLogin no
    /// # log in as a named user and use sudo
    /// ```
    RootLogin {
        id: "sshd/root-login",
        title: "Root login over SSH",
        cwe: [250, 287],
        severity: High,
        confidence: High,
        kinds: [Sshd],
        message: "`PermitRootLogin yes` lets anyone who guesses or steals root's password log in as root",
    }
}

impl Check for RootLogin {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        super::check(
            f.directives(),
            "permitrootlogin",
            &["yes"],
            "`PermitRootLogin yes` allows root to log in with a password",
            out,
        );
    }
}
