use super::services;
use crate::rule::{Check, File, Hit};
use crate::rules::common::{is_default_password, is_placeholder, is_secret_name};

crate::config_rule! {
    /// ## What it does
    /// Flags Compose `environment:` entries whose name says secret (`*_PASSWORD`,
    /// `*_TOKEN`, `*_SECRET`, `API_KEY`, ...) and whose value is written in the file,
    /// rather than taken from the host (`${VAR}`), an env file kept out of git, or a
    /// Compose secret (`*_FILE: /run/secrets/...`).
    ///
    /// ## Why is this bad?
    /// The file is committed: every clone, fork, CI log and image of the repository
    /// carries the credential, and it cannot be rotated without a commit (CWE-798,
    /// CWE-260).
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     environment:
    ///       STRIPE_SECRET_KEY: sk_live_51H...
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     environment:
    ///       STRIPE_SECRET_KEY: ${STRIPE_SECRET_KEY}
    /// ```
    SecretInEnvironment {
        id: "compose/secret-in-environment",
        title: "Secret written in a Compose file",
        cwe: [798, 260],
        severity: Medium,
        confidence: Medium,
        kinds: [Compose],
        message: "a secret is written in the Compose file: take it from the environment (`${VAR}`) or a Compose secret",
    }
}

impl Check for SecretInEnvironment {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in services(f) {
            let store = s.datastore();
            for (k, v, node) in s.env() {
                let Some(v) = v else { continue };
                if !is_secret_name(&k) || is_placeholder(&v) {
                    continue;
                }
                // A datastore's default password is reported by datastore-no-auth.
                if store.is_some() && is_default_password(&v) {
                    continue;
                }
                out.push(Hit::at(node.span.clone()).message(format!(
                    "`{k}` of service `{}` is written in the file: take it from the environment (`${{{k}}}`) or a Compose secret",
                    s.name
                )));
            }
        }
    }
}
