use super::{first_line, run_scripts};
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags builds that turn off TLS certificate or package signature checks:
    /// `curl -k`, `wget --no-check-certificate`, `pip --trusted-host`,
    /// `git -c http.sslVerify=false`, `npm config set strict-ssl false`,
    /// `apt-get --allow-unauthenticated`, `apk --allow-untrusted`, `--nogpgcheck`,
    /// `rpm --nosignature`, and environment variables that do the same
    /// (`NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `GIT_SSL_NO_VERIFY`,
    /// `PIP_TRUSTED_HOST`).
    ///
    /// ## Why is this bad?
    /// Without these checks anyone on the network path can replace what the build
    /// downloads and installs; set in `ENV`, the image keeps the weakness at runtime
    /// (CWE-295, CWE-494).
    ///
    /// ## Example
    /// ```dockerfile
    /// ENV NODE_TLS_REJECT_UNAUTHORIZED=0
    /// RUN curl -k https://internal.example/ca.sh -o /tmp/ca.sh
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// COPY corp-ca.crt /usr/local/share/ca-certificates/corp-ca.crt
    /// RUN update-ca-certificates
    /// ```
    VerificationDisabled {
        id: "docker/verification-disabled",
        title: "TLS or signature verification disabled",
        cwe: [295, 494],
        severity: Medium,
        confidence: High,
        kinds: [Dockerfile],
        message: "certificate or signature verification is turned off: trust the right CA instead",
    }
}

/// Environment settings that turn verification off, and the values that do it.
pub fn env_disables(key: &str, value: &str) -> bool {
    let v = value.trim_matches(['"', '\'']).to_ascii_lowercase();
    match key.to_ascii_uppercase().as_str() {
        "NODE_TLS_REJECT_UNAUTHORIZED" => v == "0",
        "PYTHONHTTPSVERIFY" => v == "0",
        "GIT_SSL_NO_VERIFY" => !v.is_empty() && v != "0" && v != "false",
        "PIP_TRUSTED_HOST" | "PIP_INDEX_URL_TRUSTED" => !v.is_empty(),
        "NPM_CONFIG_STRICT_SSL" | "YARN_STRICT_SSL" => v == "false",
        _ => false,
    }
}

/// What a command does to turn verification off, if anything.
pub fn command_disables(c: &crate::shell::Command) -> Option<&'static str> {
    let args = c.args();
    let has = |a: &str| args.contains(&a);
    let any_prefix = |p: &str| args.iter().any(|a| a.starts_with(p));
    match c.name() {
        "curl" if c.has_short('k') || has("--insecure") => {
            Some("`curl -k` skips certificate checks")
        }
        "wget" if has("--no-check-certificate") => {
            Some("`wget --no-check-certificate` skips certificate checks")
        }
        "pip" | "pip3" | "uv" if has("--trusted-host") || any_prefix("--trusted-host=") => {
            Some("`pip --trusted-host` accepts that host without TLS verification")
        }
        "git"
            if args.iter().any(|a| {
                a.to_ascii_lowercase()
                    .replace(' ', "")
                    .contains("sslverify=false")
            }) || (has("config")
                && args
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case("http.sslVerify"))
                && args.contains(&"false")) =>
        {
            Some("git with `http.sslVerify=false` skips certificate checks")
        }
        "npm" | "yarn" | "pnpm"
            if args.iter().any(|a| a.contains("strict-ssl"))
                && args.iter().any(|a| a.ends_with("false")) =>
        {
            Some("`strict-ssl false` skips certificate checks for the package registry")
        }
        "apt-get" | "apt"
            if has("--allow-unauthenticated")
                || has("--force-yes")
                || args.iter().any(|a| {
                    a.contains("AllowInsecureRepositories=true")
                        || a.contains("AllowUnauthenticated=true")
                }) =>
        {
            Some("apt installs packages without checking their signatures")
        }
        "apk" if has("--allow-untrusted") => {
            Some("`apk --allow-untrusted` installs unsigned packages")
        }
        "yum" | "dnf" | "microdnf" | "zypper" if has("--nogpgcheck") || has("--no-gpg-checks") => {
            Some("the package manager skips signature checks")
        }
        "rpm" if has("--nosignature") || has("--nodigest") => {
            Some("`rpm --nosignature` installs unverified packages")
        }
        _ => None,
    }
}

impl Check for VerificationDisabled {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let Some(df) = f.dockerfile() else { return };
        for ins in df
            .instructions
            .iter()
            .filter(|i| i.keyword == "ENV" || i.keyword == "ARG")
        {
            for (k, v) in super::secret_in_env::pairs(&ins.args, ins.keyword == "ENV") {
                if v.as_deref().is_some_and(|v| env_disables(&k, v)) {
                    out.push(Hit::at(first_line(f.text, ins)).message(format!(
                        "`{k}` turns off certificate verification for everything in the image"
                    )));
                }
            }
        }
        for rs in run_scripts(df) {
            for c in rs.script.all_commands() {
                if let Some(why) = command_disables(c) {
                    out.push(
                        Hit::at(rs.file_span(f.text, &c.span))
                            .message(format!("{why}: trust the right CA instead")),
                    );
                    continue;
                }
                // `NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci`
                for w in &c.words {
                    if let Some((k, v)) = w.text.split_once('=')
                        && env_disables(k, v)
                    {
                        out.push(
                            Hit::at(rs.file_span(f.text, &c.span))
                                .message(format!("`{k}` turns off certificate verification")),
                        );
                        break;
                    }
                }
            }
        }
    }
}
