use crate::rule::{Check, File, Hit};
use crate::rules::common::is_placeholder;

crate::config_rule! {
    /// ## What it does
    /// Flags resource arguments that set a password or token to a literal string:
    /// `password`, `master_password`, `admin_password`, `administrator_login_password`,
    /// `auth_token`, `root_password` and similar, resolved through variable defaults and
    /// locals.
    ///
    /// ## Why is this bad?
    /// The value lands in git history and in the state file in clear text; everyone with
    /// the repository can log in to the database or VM, and rotating it means a change
    /// to code (CWE-798, CWE-259).
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_db_instance" "main" {
    ///   username = "admin"
    ///   password = "Sup3rS3cret!"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```hcl
    /// resource "aws_db_instance" "main" {
    ///   username                    = "admin"
    ///   manage_master_user_password = true   # kept in Secrets Manager by RDS
    /// }
    /// ```
    HardcodedPassword {
        id: "terraform/hardcoded-password",
        title: "Password written in Terraform",
        cwe: [798, 259],
        severity: High,
        confidence: High,
        kinds: [Terraform],
        message: "a password is written in the configuration: generate it (random_password) or read it from a secret store",
    }
}

const KEYS: &[&str] = &[
    "password",
    "master_password",
    "admin_password",
    "administrator_login_password",
    "auth_token",
    "root_password",
    "db_password",
    "admin_pass",
    "sql_password",
    "default_admin_password",
];

impl Check for HardcodedPassword {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let Some(m) = f.terraform() else { return };
        for b in m
            .blocks
            .iter()
            .filter(|b| b.kind == "resource" || b.kind == "module")
        {
            let mut stack = vec![&b.body];
            while let Some(n) = stack.pop() {
                for e in n.entries() {
                    if e.value.is_map() {
                        stack.push(&e.value);
                        continue;
                    }
                    if !KEYS.contains(&e.key.as_str()) {
                        continue;
                    }
                    if let Some(v) = e.value.str()
                        && !is_placeholder(v)
                    {
                        out.push(Hit::at(e.value.span.clone()).message(format!(
                            "`{}` sets `{}` to a literal: generate it (random_password) or read it from a secret store",
                            b.address(),
                            e.key
                        )));
                    }
                }
            }
        }
    }
}
