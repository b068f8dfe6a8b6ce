use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags `PasswordAuthentication yes` (and `KbdInteractiveAuthentication` /
    /// `ChallengeResponseAuthentication yes`, which also accept passwords) in sshd_config.
    ///
    /// ## Why is this bad?
    /// Password logins can be brute-forced and phished, and a password reused elsewhere
    /// is one breach away from a shell on this machine; keys cannot be guessed
    /// (CWE-307, CWE-287).
    ///
    /// ## Example
    /// ```text
    /// PasswordAuthentication yes
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// PasswordAuthentication no
    /// KbdInteractiveAuthentication no
    /// PubkeyAuthentication yes
    /// ```
    PasswordAuthentication {
        id: "sshd/password-authentication",
        title: "SSH password logins",
        cwe: [307, 287],
        severity: High,
        confidence: High,
        kinds: [Sshd],
        message: "SSH accepts passwords, which can be guessed: use keys only",
    }
}

impl Check for PasswordAuthentication {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let dirs = f.directives();
        super::check(
            dirs,
            "passwordauthentication",
            &["yes"],
            "`PasswordAuthentication yes` accepts guessable passwords",
            out,
        );
        super::check(
            dirs,
            "kbdinteractiveauthentication",
            &["yes"],
            "`KbdInteractiveAuthentication yes` accepts passwords",
            out,
        );
        super::check(
            dirs,
            "challengeresponseauthentication",
            &["yes"],
            "`ChallengeResponseAuthentication yes` accepts passwords",
            out,
        );
    }
}
