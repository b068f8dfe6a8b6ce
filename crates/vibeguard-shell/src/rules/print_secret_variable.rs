//! gate/print-secret-variable (pipeline output in `crate::analyze`, one-liners in `crate::interp`)
use crate::cmd::Out;
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags printing one secret from the environment into the agent's context: `echo
    /// $GITHUB_TOKEN`, `printenv AWS_SECRET_ACCESS_KEY`, `printf '%s' "$API_KEY"`, a
    /// variable just loaded from a `.env` file (`source .env && echo $DB_PASS`), and
    /// interpreter one-liners that print `os.environ["..._KEY"]` or `process.env.TOKEN`.
    /// A variable counts as secret when its name says so (`TOKEN`, `SECRET`,
    /// `PASSWORD`, `API_KEY`, `PRIVATE_KEY`, ...) or when the command line loaded an
    /// env file. Testing whether a secret is set (`[ -n "$TOKEN" ]`) or its length is fine.
    ///
    /// ## Why is this bad?
    /// Whatever a command prints goes into the model's context and the session
    /// transcript, and from there into logs, summaries and files the agent writes.
    ///
    /// ## Example
    /// ```text
    /// echo $OPENAI_API_KEY
    /// source .env && echo "$STRIPE_SECRET_KEY"
    /// ```
    ///
    /// ## Use instead
    /// Check that the variable is set without printing it: `test -n "$OPENAI_API_KEY" &&
    /// echo set`.
    PrintSecretVariable {
        id: "gate/print-secret-variable",
        title: "Secret environment variable printed",
        tier: Medium,
        cwe: [200, 532],
    }
}

/// Name parts that mark a secret.
const SECRET_PARTS: &[&str] = &[
    "TOKEN",
    "SECRET",
    "SECRETS",
    "PASSWORD",
    "PASSWD",
    "PASS",
    "PASSPHRASE",
    "APIKEY",
    "CREDENTIAL",
    "CREDENTIALS",
    "PAT",
    "PRIVATE",
    "AUTHTOKEN",
];

/// Last parts that make the variable a pointer or setting about a secret, not the secret.
const NOT_SECRET_LAST: &[&str] = &[
    "URL", "URI", "PATH", "FILE", "DIR", "HOST", "PORT", "USER", "USERNAME", "NAME", "ID", "TYPE",
    "ENDPOINT", "REGION", "EXPIRY", "EXPIRES", "TTL", "LENGTH", "LEN", "COUNT", "ENABLED", "MODE",
    "HEADER", "FORMAT", "VERSION", "SOCK", "SOCKET", "ISSUER", "AUDIENCE", "SCOPE", "SCOPES",
];

/// Whether an environment variable's name says it holds a secret (`GITHUB_TOKEN`,
/// `DB_PASS`, `STRIPE_SECRET_KEY`), not a setting about one (`TOKEN_URL`, `KEY_PATH`).
pub fn secret_name(name: &str) -> bool {
    if name.len() < 3
        || !name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    {
        return false;
    }
    let parts: Vec<&str> = name.split('_').filter(|p| !p.is_empty()).collect();
    let Some(last) = parts.last() else {
        return false;
    };
    if NOT_SECRET_LAST.contains(last) {
        return false;
    }
    let key = parts
        .iter()
        .enumerate()
        .any(|(i, p)| *p == "KEY" && (i == 0 || parts[i - 1] != "PUBLIC"));
    key || parts.iter().any(|p| SECRET_PARTS.contains(p))
}

pub fn report(out: &mut Out, what: &str) {
    out.add(
        PrintSecretVariable::ID,
        Tier::Medium,
        format!("{what} prints a secret from the environment into the agent's context"),
        "check that it is set without printing it: test -n \"$VAR\" && echo set",
    );
}

#[cfg(test)]
mod tests {
    use super::secret_name;

    #[test]
    fn names_that_hold_secrets() {
        for n in [
            "GITHUB_TOKEN",
            "OPENAI_API_KEY",
            "AWS_SECRET_ACCESS_KEY",
            "DB_PASS",
            "SECRET_KEY_BASE",
            "HF_TOKEN",
            "NPM_TOKEN",
            "DATABASE_PASSWORD",
            "SIGNING_KEY",
        ] {
            assert!(secret_name(n), "{n}");
        }
        for n in [
            "HOME",
            "PATH",
            "TOKENIZERS_PARALLELISM",
            "SSH_AUTH_SOCK",
            "TOKEN_URL",
            "KEY_PATH",
            "PUBLIC_KEY",
            "AWS_ACCESS_KEY_ID",
            "NODE_ENV",
            "PWD",
            "api_key",
        ] {
            assert!(!secret_name(n), "{n}");
        }
    }
}
