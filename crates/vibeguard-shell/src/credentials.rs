//! Commands whose output is a credential: cloud CLIs printing access tokens or keys,
//! credential helpers, secret managers. Their output is treated like the content of a
//! key file: shown to the agent it is a secret read, sent over the network it is
//! exfiltration.

use crate::words::Word;

/// A short description of the credential `name args` prints, if it prints one.
pub fn printed_by(name: &str, args: &[Word]) -> Option<&'static str> {
    let a: Vec<&str> = args
        .iter()
        .map(|w| w.text.as_str())
        .filter(|t| !t.starts_with('-'))
        .collect();
    let has = |w: &str| {
        args.iter()
            .any(|x| x.text == w || x.text.starts_with(&format!("{w}=")))
    };
    let seq = |s: &[&str]| a.windows(s.len()).any(|w| w == s);
    match name {
        "gcloud" => {
            if a.iter()
                .any(|x| matches!(*x, "print-access-token" | "print-identity-token"))
                || seq(&["config", "config-helper"])
            {
                return Some("a Google Cloud access token");
            }
            if seq(&["secrets", "versions", "access"]) {
                return Some("a Secret Manager secret");
            }
            None
        }
        "aws" => {
            let secret_key = seq(&["configure", "get"])
                && a.iter().any(|x| {
                    let x = x.to_ascii_lowercase();
                    x.contains("secret") || x.contains("session_token")
                });
            if secret_key || seq(&["configure", "export-credentials"]) {
                return Some("AWS secret keys");
            }
            if seq(&["sts", "get-session-token"])
                || seq(&["sts", "assume-role"])
                || seq(&["sts", "get-federation-token"])
                || seq(&["get-login-password"])
                || seq(&["codeartifact", "get-authorization-token"])
            {
                return Some("temporary AWS credentials or a registry password");
            }
            if seq(&["secretsmanager", "get-secret-value"])
                || (seq(&["ssm", "get-parameter"]) || seq(&["ssm", "get-parameters"]))
                    && has("--with-decryption")
            {
                return Some("a secret from AWS Secrets Manager or Parameter Store");
            }
            None
        }
        "az" => {
            if seq(&["get-access-token"])
                || seq(&["keyvault", "secret", "show"])
                || seq(&["keyvault", "secret", "download"])
                || seq(&["keys", "list"])
                || (seq(&["acr", "login"]) && has("--expose-token"))
            {
                return Some("an Azure access token or key");
            }
            None
        }
        "gh" => {
            if seq(&["auth", "token"])
                || (seq(&["auth", "status"]) && (has("--show-token") || has("-t")))
            {
                return Some("the GitHub CLI token");
            }
            None
        }
        "kubectl" | "oc" => {
            if seq(&["config", "view"]) && (has("--raw") || has("--flatten")) {
                return Some("the cluster credentials in the kubeconfig");
            }
            if seq(&["create", "token"]) {
                return Some("a Kubernetes service account token");
            }
            None
        }
        "op" => (a.first() == Some(&"read")
            || seq(&["item", "get"]) && (has("--reveal") || has("--fields")))
        .then_some("a 1Password secret"),
        "vault" => {
            (matches!(a.first(), Some(&"read")) || seq(&["kv", "get"]) || seq(&["print", "token"]))
                .then_some("a Vault secret or token")
        }
        "heroku" => (a.first() == Some(&"auth:token")).then_some("the Heroku API token"),
        "doppler" => {
            (seq(&["secrets", "get"]) || seq(&["secrets", "download"])).then_some("Doppler secrets")
        }
        "pass" | "gopass" => {
            (a.first() == Some(&"show") || seq(&["show"])).then_some("a password-store entry")
        }
        _ if name.starts_with("docker-credential-") && a.first() == Some(&"get") => {
            Some("a registry password from a Docker credential helper")
        }
        _ => None,
    }
}

/// API hosts of the services credentials belong to: sending a Google token to
/// `*.googleapis.com`, or the project's Stripe key from `.env` to `api.stripe.com`, is
/// how they are meant to be used. (There is no per-project host allowlist yet.)
pub fn is_provider_host(host: &str) -> bool {
    const DOMAINS: &[&str] = &[
        "googleapis.com",
        "google.com",
        "amazonaws.com",
        "amazonaws.com.cn",
        "azure.com",
        "azure.net",
        "windows.net",
        "microsoft.com",
        "microsoftonline.com",
        "azurecr.io",
        "github.com",
        "githubusercontent.com",
        "ghcr.io",
        "docker.io",
        "docker.com",
        "heroku.com",
        // APIs whose keys projects usually keep in .env
        "openai.com",
        "anthropic.com",
        "stripe.com",
        "sendgrid.com",
        "twilio.com",
        "slack.com",
        "sentry.io",
        "cloudflare.com",
        "vercel.com",
        "netlify.com",
        "supabase.co",
        "huggingface.co",
        "npmjs.org",
        "pypi.org",
        "gitlab.com",
        "atlassian.net",
        "mailgun.net",
        "postmarkapp.com",
        "algolia.net",
        "mapbox.com",
        "datadoghq.com",
    ];
    DOMAINS
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(cmd: &str) -> Option<&'static str> {
        let mut it = cmd.split_whitespace();
        let name = it.next().unwrap_or_default();
        let args: Vec<Word> = it.map(Word::lit).collect();
        printed_by(name, &args)
    }

    #[test]
    fn credential_printers() {
        for c in [
            "gcloud auth print-access-token",
            "gcloud auth application-default print-access-token",
            "aws configure get aws_secret_access_key",
            "aws sts get-session-token",
            "aws ecr get-login-password --region eu-west-1",
            "az account get-access-token",
            "gh auth token",
            "kubectl config view --raw",
            "docker-credential-desktop get",
            "op read op://vault/item/password",
            "vault kv get secret/app",
        ] {
            assert!(p(c).is_some(), "{c}");
        }
        for c in [
            "gcloud auth list",
            "aws configure get region",
            "aws sts get-caller-identity",
            "az account show",
            "gh auth status",
            "kubectl config view",
            "kubectl config current-context",
            "vault status",
            "op signin",
        ] {
            assert!(p(c).is_none(), "{c}");
        }
    }

    #[test]
    fn provider_hosts() {
        assert!(is_provider_host("storage.googleapis.com"));
        assert!(is_provider_host("api.github.com"));
        assert!(!is_provider_host("collect.example.net"));
        assert!(!is_provider_host("evilgoogleapis.com"));
    }
}
