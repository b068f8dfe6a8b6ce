//! gate/tls-verification-disabled

use super::git::Git;
use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags switching off TLS certificate verification: `curl -k`/`--insecure`,
    /// `wget --no-check-certificate`, `git -c http.sslVerify=false`,
    /// `git config http.sslVerify false`, `GIT_SSL_NO_VERIFY`,
    /// `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `pip --trusted-host`,
    /// `npm/yarn/pnpm config set strict-ssl false` (also `npm set`). One command is medium; a persistent
    /// setting (config, `export`) is high.
    ///
    /// ## Why is this bad?
    /// Without verification anyone on the network path can impersonate the server, feed
    /// the agent malicious packages or code, and read the credentials it sends. Persistent
    /// settings silently keep every later download insecure.
    ///
    /// ## Example
    /// ```text
    /// curl -k https://internal.example.invalid/setup.sh
    /// npm config set strict-ssl false
    /// ```
    ///
    /// ## Use instead
    /// Fix the trust store: point the tool at the right CA bundle (`--cacert`,
    /// `NODE_EXTRA_CA_CERTS`, `REQUESTS_CA_BUNDLE`, `git config http.sslCAInfo`).
    TlsVerificationDisabled {
        id: "gate/tls-verification-disabled",
        title: "TLS verification disabled",
        tier: Medium,
        cwe: [295],
    }
}

fn falsy(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "0" | "false" | "no" | "off"
    )
}

fn add(out: &mut Out, what: &str, persistent: bool) {
    out.add(
        TlsVerificationDisabled::ID,
        if persistent { Tier::High } else { Tier::Medium },
        format!("{what} turns off TLS certificate verification, so any network attacker can impersonate the server"),
        "install the right CA certificate instead (--cacert, NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE)",
    );
}

/// Environment assignments (`VAR=x cmd`, `export VAR=x`).
pub fn check_env(name: &str, value: &str, persistent: bool, out: &mut Out) {
    let hit = match name {
        "NODE_TLS_REJECT_UNAUTHORIZED" | "PYTHONHTTPSVERIFY" => value.trim() == "0",
        "GIT_SSL_NO_VERIFY" => !value.is_empty() && !falsy(value) || value == "1",
        "CURL_INSECURE" => !falsy(value),
        "npm_config_strict_ssl" | "NPM_CONFIG_STRICT_SSL" => falsy(value),
        _ => false,
    };
    if hit {
        add(out, &format!("{name}={value}"), persistent);
    }
}

pub fn check_git(g: &Git, out: &mut Out) {
    if g.configs.iter().any(|kv| {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        k.eq_ignore_ascii_case("http.sslVerify") && falsy(v)
    }) {
        add(out, "git -c http.sslVerify=false", false);
    }
    if g.sub == "config" {
        let pos = g.positionals();
        if pos.len() >= 2 && pos[0].to_ascii_lowercase().ends_with("sslverify") && falsy(pos[1]) {
            add(out, "git config http.sslVerify false", true);
        }
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    match c.name {
        "curl" if c.has_flag(Some('k'), &["--insecure"]) => add(out, "curl -k", false),
        "wget" if c.has_flag(None, &["--no-check-certificate"]) => {
            add(out, "wget --no-check-certificate", false)
        }
        n if n.starts_with("pip") || n == "uv" || n == "poetry" => {
            if c.strs()
                .any(|a| a == "--trusted-host" || a.starts_with("--trusted-host="))
            {
                let persistent = c.strs().any(|a| a == "config");
                add(out, "pip --trusted-host", persistent);
            }
            if c.strs().any(|a| a == "config") && c.strs().any(|a| a.contains("trusted-host")) {
                add(out, "pip config trusted-host", true);
            }
        }
        "npm" | "yarn" | "pnpm" | "bun" => {
            let a: Vec<&str> = c.strs().collect();
            // `npm set`/`npm config set` and `yarn|pnpm config set` write the same
            // persistent user config.
            let sets_config =
                a.contains(&"config") || (c.name == "npm" && a.first() == Some(&"set"));
            if sets_config
                && a.iter().any(|x| {
                    x.contains("strict-ssl")
                        || x.contains("strictSsl")
                        || x.contains("enableStrictSsl")
                })
                && a.iter().any(|x| falsy(x) || x.ends_with("=false"))
            {
                add(
                    out,
                    &format!("{} config set strict-ssl false", c.name),
                    true,
                );
            }
            if a.iter()
                .any(|x| *x == "--strict-ssl=false" || *x == "--no-strict-ssl")
            {
                add(out, "--strict-ssl=false", false);
            }
        }
        "git" => {}
        _ => {}
    }
    for (n, v) in c.env {
        check_env(n, &v.text, false, out);
    }
}
