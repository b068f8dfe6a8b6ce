use super::first_line;
use crate::rule::{Check, File, Hit};
use crate::rules::common::{is_placeholder, is_secret_name};
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags secrets put into an image through `ENV` (a literal value, or a build
    /// argument copied into the environment) and build arguments named like secrets
    /// (`ARG NPM_TOKEN`).
    ///
    /// ## Why is this bad?
    /// `ENV` values are stored in the image configuration and `ARG` values used by `RUN`
    /// in the layer history: anyone who can pull the image can read them with
    /// `docker inspect` or `docker history` (CWE-798, CWE-538).
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG NPM_TOKEN
    /// ENV DATABASE_PASSWORD=s3cr3t
    /// RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// # docker build --secret id=npm,src=$HOME/.npmrc .
    /// RUN --mount=type=secret,id=npm,target=/root/.npmrc npm ci
    /// # and pass runtime secrets when the container starts, not in the image
    /// ```
    SecretInEnv {
        id: "docker/secret-in-env",
        title: "Secret in ENV or ARG",
        cwe: [798, 538],
        severity: High,
        confidence: Medium,
        kinds: [Dockerfile],
        message: "secret baked into the image: `ENV` and `ARG` values can be read from the image; use `RUN --mount=type=secret` at build time and runtime secrets at start",
    }
}

/// `KEY=value` pairs of an `ENV` or `ARG` (also the legacy `ENV KEY value` form).
pub fn pairs(args: &str, env: bool) -> Vec<(String, Option<String>)> {
    let words = crate::shell::parse(args);
    let mut out = Vec::new();
    let Some(p) = words.pipelines.first() else {
        return out;
    };
    let all: Vec<&str> = p
        .commands
        .iter()
        .flat_map(|c| c.words.iter().map(|w| w.text.as_str()))
        .collect();
    if env && all.first().is_some_and(|w| !w.contains('=')) {
        // Legacy `ENV KEY value with spaces`.
        let key = all[0].to_string();
        let value = all[1..].join(" ");
        out.push((key, Some(value)));
        return out;
    }
    for w in all {
        match w.split_once('=') {
            Some((k, v)) => out.push((k.to_string(), Some(v.to_string()))),
            None => out.push((w.to_string(), None)),
        }
    }
    out
}

impl Check for SecretInEnv {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let Some(df) = f.dockerfile() else { return };
        for ins in &df.instructions {
            let env = match ins.keyword.as_str() {
                "ENV" => true,
                "ARG" => false,
                _ => continue,
            };
            for (key, value) in pairs(&ins.args, env) {
                if !is_secret_name(&key) {
                    continue;
                }
                let span = first_line(f.text, ins);
                match (env, value.as_deref()) {
                    (true, Some(v)) if !is_placeholder(v) => out.push(Hit::at(span).message(format!(
                        "`ENV {key}` holds a literal secret that anyone who pulls the image can read; pass it when the container starts"
                    ))),
                    (true, Some(v)) if v.starts_with('$') => out.push(
                        Hit::at(span)
                            .severity(Severity::Medium)
                            .message(format!("`ENV {key}` copies a build argument into the image's environment, where `docker inspect` shows it; pass secrets at runtime")),
                    ),
                    (false, _) => out.push(
                        Hit::at(span)
                            .severity(Severity::Medium)
                            .message(format!("build argument `{key}` looks like a secret: `ARG` values used by `RUN` stay in the image history; use `RUN --mount=type=secret` instead")),
                    ),
                    _ => {}
                }
            }
        }
    }
}
