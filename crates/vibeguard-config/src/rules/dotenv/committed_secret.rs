use crate::rule::{Check, File, Hit};
use crate::rules::common::{is_default_password, is_placeholder, is_secret_name};

crate::config_rule! {
    /// ## What it does
    /// Flags values in `.env` files (not `.env.example` and the like) that look like live
    /// credentials: variables named like secrets with a real-looking value, and
    /// connection URLs with a password in them.
    ///
    /// ## Why is this bad?
    /// `.env` files are meant to stay on one machine; committed, every clone, fork and CI
    /// cache has the production credentials (CWE-798, CWE-312).
    ///
    /// ## Example
    /// ```text
    /// STRIPE_SECRET_KEY=sk_live_51H8...
    /// DATABASE_URL=postgres://app:Xk29vLq@db.internal:5432/app
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # .env.example (committed)
    /// STRIPE_SECRET_KEY=
    /// DATABASE_URL=postgres://app:<password>@localhost:5432/app
    /// # .env stays untracked (.gitignore)
    /// ```
    CommittedSecret {
        id: "dotenv/committed-secret",
        title: "Live credential in a .env file",
        cwe: [798, 312],
        severity: Medium,
        confidence: Medium,
        kinds: [DotEnv],
        message: "a live-looking credential in a .env file: keep .env out of git and commit a .env.example with placeholders",
    }
}

/// The password of a `scheme://user:password@host` URL, unless the host is this machine
/// (a local development database).
pub fn url_password(v: &str) -> Option<&str> {
    let rest = v.split_once("://")?.1;
    let (userinfo, host) = rest.split(['/', '?', '#']).next()?.rsplit_once('@')?;
    let host = host.split(':').next().unwrap_or(host);
    if matches!(host, "localhost" | "127.0.0.1" | "::1" | "[::1]") {
        return None;
    }
    let pass = userinfo.split_once(':')?.1;
    (!pass.is_empty()).then_some(pass)
}

impl Check for CommittedSecret {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for v in f.dotenv() {
            let value = v.value.trim();
            if let Some(p) = url_password(value)
                && !is_placeholder(p)
                && !is_default_password(p)
            {
                out.push(Hit::at(v.value_span.clone()).message(format!(
                    "`{}` holds a connection URL with a password",
                    v.key
                )));
                continue;
            }
            if is_secret_name(&v.key)
                && !is_placeholder(value)
                && value.len() >= 8
                && !value.contains("://")
                && !is_default_password(value)
            {
                out.push(Hit::at(v.value_span.clone()).message(format!(
                    "`{}` holds a live-looking secret in a .env file: keep .env out of git",
                    v.key
                )));
            }
        }
    }
}
