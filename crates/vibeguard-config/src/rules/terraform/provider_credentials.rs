use crate::rule::{Check, File, Hit};
use crate::rules::common::is_placeholder;

crate::config_rule! {
    /// ## What it does
    /// Flags provider blocks with credentials written in them: AWS `access_key`,
    /// `secret_key` and `token`, Azure `client_secret`, and other providers' `password`,
    /// `token` and `api_key` arguments, when the value is a literal (resolved through
    /// variable defaults and locals) rather than an environment variable or a secret
    /// store.
    ///
    /// ## Why is this bad?
    /// The credentials end up in git history, in every clone and CI log, and usually have
    /// broad rights over the account the configuration manages (CWE-798).
    ///
    /// ## Example
    /// ```hcl
    /// provider "aws" {
    ///   region     = "eu-west-1"
    ///   access_key = "AKIA..."
    ///   secret_key = "..."
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```hcl
    /// provider "aws" {
    ///   region = "eu-west-1"
    ///   # credentials from the environment, an SSO profile or the CI's OIDC role
    /// }
    /// ```
    ProviderCredentials {
        id: "terraform/provider-credentials",
        title: "Credentials in a provider block",
        cwe: [798],
        severity: High,
        confidence: High,
        kinds: [Terraform],
        message: "credentials are written in a provider block: take them from the environment or a secret store",
    }
}

const KEYS: &[&str] = &[
    "access_key",
    "secret_key",
    "token",
    "client_secret",
    "password",
    "api_key",
    "api_token",
    "secret",
    "private_key",
    "client_certificate_password",
    "sas_token",
];

impl Check for ProviderCredentials {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let Some(m) = f.terraform() else { return };
        for b in m.blocks.iter().filter(|b| b.kind == "provider") {
            for e in b.body.entries() {
                if !KEYS.contains(&e.key.as_str()) {
                    continue;
                }
                if let Some(v) = e.value.str()
                    && !is_placeholder(v)
                {
                    out.push(Hit::at(e.value.span.clone()).message(format!(
                        "provider `{}` has `{}` written in the configuration: take it from the environment or a secret store",
                        b.labels.join("."),
                        e.key
                    )));
                }
            }
        }
    }
}
