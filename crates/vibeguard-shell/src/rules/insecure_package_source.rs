//! gate/insecure-package-source
use crate::cmd::{Cmd, Out, short};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags package managers pointed at a registry, index, source, channel or proxy over
    /// plain `http://` on another machine: pip, uv, poetry (`--index-url`, `-i`,
    /// `--extra-index-url`, `config set ... http://`, `source add`), npm, pnpm, yarn, bun
    /// (`--registry`, `config set registry`), gem (`--source`, `sources --add`), cargo
    /// (`--index`), Go (`GOPROXY=http://...`, `GOINSECURE`, `GOSUMDB=off`), composer
    /// (`secure-http false`), NuGet and conda sources, and the same settings written
    /// into `.npmrc`, `pip.conf` or passed as environment variables.
    ///
    /// ## Why is this bad?
    /// Packages run code when installed. Over plain HTTP anyone on the network path can
    /// swap a package for their own, so the install becomes remote code execution.
    /// Loopback registries (a local verdaccio or devpi) are not flagged.
    ///
    /// ## Example
    /// ```text
    /// pip install -i http://pypi.example.net/simple requests
    /// npm config set registry http://registry.example.net/
    /// ```
    ///
    /// ## Use instead
    /// Use the registry's `https://` URL; for an internal mirror, give it a certificate
    /// and trust its CA (`PIP_CERT`, `npm config set cafile`).
    InsecurePackageSource {
        id: "gate/insecure-package-source",
        title: "Package registry over plain HTTP",
        tier: High,
        cwe: [319, 494],
    }
}

fn report(out: &mut Out, what: &str) {
    out.add(
        InsecurePackageSource::ID,
        Tier::High,
        format!("{what} makes the package manager download code over plain HTTP, where anyone on the network can replace it"),
        "use the registry's https:// URL and trust its CA if it is internal",
    );
}

/// An `http://` URL (also `sparse+http://`) to a host that is not this machine.
pub fn remote_http(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let Some(at) = lower.find("http://") else {
        return false;
    };
    let rest = &lower[at + 7..];
    let host = rest.split(['/', ':', ',', '?', ' ']).next().unwrap_or("");
    !host.is_empty() && !super::reverse_shell::is_loopback_host(host)
}

const MANAGERS: &[&str] = &[
    "pip",
    "pip3",
    "uv",
    "poetry",
    "pipenv",
    "pdm",
    "npm",
    "pnpm",
    "yarn",
    "bun",
    "gem",
    "bundle",
    "cargo",
    "go",
    "composer",
    "dotnet",
    "nuget",
    "conda",
    "mamba",
    "micromamba",
    "easy_install",
];

/// Environment settings that choose a package source or skip its checks.
pub fn check_env(name: &str, value: &str, out: &mut Out) {
    let upper = name.to_ascii_uppercase();
    let source = matches!(
        upper.as_str(),
        "PIP_INDEX_URL"
            | "PIP_EXTRA_INDEX_URL"
            | "UV_INDEX_URL"
            | "UV_EXTRA_INDEX_URL"
            | "UV_DEFAULT_INDEX"
            | "UV_INDEX"
            | "NPM_CONFIG_REGISTRY"
            | "YARN_REGISTRY"
            | "YARN_NPM_REGISTRY_SERVER"
            | "GOPROXY"
            | "CARGO_REGISTRIES_CRATES_IO_PROTOCOL"
            | "POETRY_REPOSITORIES"
            | "BUNDLE_MIRROR__ALL"
    ) || upper.starts_with("CARGO_REGISTRIES_") && upper.ends_with("_INDEX");
    if source && remote_http(value) {
        report(out, &format!("{name}={}", short(value)));
    }
    if upper == "GOINSECURE" && !value.trim().is_empty()
        || upper == "GOSUMDB" && value.trim() == "off"
        || upper == "GOFLAGS" && value.contains("-insecure")
    {
        report(out, &format!("{name}={}", short(value)));
    }
}

/// Text written into a package manager's configuration file (`.npmrc`, `pip.conf`, ...).
pub fn check_config_text(path: &std::path::Path, text: &str, out: &mut Out) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !matches!(
        name.as_str(),
        ".npmrc"
            | ".yarnrc"
            | ".yarnrc.yml"
            | "pip.conf"
            | "pip.ini"
            | ".pypirc"
            | "bunfig.toml"
            | ".gemrc"
            | "config.toml"
            | "nuget.config"
            | ".condarc"
    ) {
        return;
    }
    if text.lines().any(|l| {
        let k = l.to_ascii_lowercase();
        (k.contains("registry")
            || k.contains("index")
            || k.contains("source")
            || k.contains("channels")
            || k.contains("mirror"))
            && remote_http(l)
    }) {
        report(out, &format!("an http:// source written to {name}"));
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    for (n, v) in c.env {
        check_env(n, &v.text, out);
    }
    if !MANAGERS.contains(&c.name) {
        return;
    }
    let args: Vec<&str> = c.strs().collect();
    if c.name == "go" {
        for a in &args {
            if let Some((n, v)) = a.split_once('=') {
                check_env(n, v, out);
            }
        }
        return;
    }
    if c.name == "composer"
        && args
            .windows(2)
            .any(|w| w[0] == "secure-http" && matches!(w[1], "false" | "0" | "no"))
    {
        report(out, "composer config secure-http false");
        return;
    }
    if let Some(url) = args.iter().find(|a| remote_http(a)) {
        report(out, &format!("{} with {}", c.name, short(url)));
    }
}
