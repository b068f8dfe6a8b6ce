use super::servers;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags MCP servers launched from a package registry without a fixed version:
    /// `npx -y pkg`, `pkg@latest`, `bunx`, `pnpm dlx`, `yarn dlx`, `uvx pkg`, `pipx run
    /// pkg`, and `docker run` of an untagged or `:latest` image.
    ///
    /// ## Why is this bad?
    /// Each start downloads whatever version was published last and runs it with the
    /// agent's access: a hijacked maintainer account or a typo-squatted name becomes code
    /// execution on every developer machine, with no review and no lockfile (CWE-829,
    /// CWE-494).
    ///
    /// ## Example
    /// ```json
    /// { "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "./docs"] } } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "./docs"] } } }
    /// ```
    UnpinnedPackage {
        id: "mcp/unpinned-package",
        title: "MCP server from an unpinned package",
        cwe: [829, 494],
        severity: Medium,
        confidence: High,
        kinds: [McpConfig, GeminiSettings, CodexConfig, ClaudeSettings],
        message: "the MCP server runs the latest published version of a package: pin an exact version",
    }
}

/// Is an npm package spec pinned to an exact version (`pkg@1.2.3`, `@scope/pkg@1.2.3`)?
fn npm_pinned(spec: &str) -> bool {
    let body = spec.strip_prefix('@').unwrap_or(spec);
    match body.split_once('@') {
        Some((_, v)) => {
            v.chars().next().is_some_and(|c| c.is_ascii_digit())
                && !v.contains(['^', '~', '*', 'x', '>', '<'])
        }
        None => {
            spec.starts_with("./")
                || spec.starts_with('/')
                || spec.starts_with("file:")
                || spec.ends_with(".tgz")
        }
    }
}

/// Is a Python package spec pinned (`pkg==1.2.3`, `pkg@git+...@<sha>`)?
fn py_pinned(spec: &str) -> bool {
    spec.contains("==") || spec.starts_with("./") || spec.starts_with('/') || spec.ends_with(".whl")
}

const NPM_OPTS_WITH_VALUE: &[&str] = &["-p", "--package", "--registry", "--cache", "--prefix"];
const UV_OPTS_WITH_VALUE: &[&str] = &[
    "--python",
    "-p",
    "--index-url",
    "--with",
    "--from",
    "--index",
];

impl Check for UnpinnedPackage {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in servers(f) {
            let argv = s.argv();
            let Some((prog, _)) = argv.first() else {
                continue;
            };
            let prog = crate::shell::basename(prog).to_ascii_lowercase();
            let rest = &argv[1..];
            // The package argument, skipping the launcher's own options.
            let (kind, skip) = match prog.as_str() {
                "npx" | "bunx" => ("npm", 0),
                "pnpm" | "yarn" if rest.first().is_some_and(|a| a.0 == "dlx") => ("npm", 1),
                "npm" if rest.first().is_some_and(|a| a.0 == "exec") => ("npm", 1),
                "uvx" => ("py", 0),
                "uv" if rest.first().is_some_and(|a| a.0 == "tool")
                    && rest.get(1).is_some_and(|a| a.0 == "run") =>
                {
                    ("py", 2)
                }
                "pipx" if rest.first().is_some_and(|a| a.0 == "run") => ("py", 1),
                "docker" | "podman" if rest.first().is_some_and(|a| a.0 == "run") => ("docker", 1),
                _ => continue,
            };
            let mut it = rest[skip..].iter().peekable();
            let mut package: Option<&(String, &crate::tree::Node)> = None;
            let mut from: Option<&(String, &crate::tree::Node)> = None;
            while let Some(a) = it.next() {
                let t = a.0.as_str();
                if kind == "py" && t == "--from" {
                    from = it.next();
                    continue;
                }
                if kind == "npm" && (t == "-p" || t == "--package") {
                    from = it.next();
                    continue;
                }
                if t.starts_with('-') {
                    let takes = match kind {
                        "npm" => NPM_OPTS_WITH_VALUE.contains(&t),
                        "py" => UV_OPTS_WITH_VALUE.contains(&t),
                        _ => matches!(
                            t,
                            "-e" | "-v"
                                | "--env"
                                | "--volume"
                                | "--name"
                                | "-p"
                                | "--network"
                                | "--mount"
                                | "-w"
                                | "--workdir"
                                | "--user"
                                | "-u"
                                | "--entrypoint"
                        ),
                    };
                    if takes {
                        it.next();
                    }
                    continue;
                }
                package = Some(a);
                break;
            }
            let Some(pkg) = from.or(package) else {
                continue;
            };
            let spec = pkg.0.as_str();
            let pinned = match kind {
                "npm" => npm_pinned(spec),
                "py" => py_pinned(spec),
                _ => {
                    spec.contains("@sha256:")
                        || crate::rules::docker::unpinned_base_image::image_tag(spec)
                            .is_some_and(|t| !t.eq_ignore_ascii_case("latest"))
                }
            };
            if !pinned {
                out.push(Hit::at(pkg.1.span.clone()).message(format!(
                    "MCP server `{}` runs `{spec}` through `{prog}` without a fixed version: every start runs whatever was published last; pin an exact version",
                    s.name
                )));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn specs() {
        assert!(super::npm_pinned(
            "@modelcontextprotocol/server-github@2025.4.8"
        ));
        assert!(super::npm_pinned("mcp-remote@0.1.18"));
        assert!(!super::npm_pinned("@modelcontextprotocol/server-github"));
        assert!(!super::npm_pinned("pkg@latest"));
        assert!(!super::npm_pinned("pkg@^1.2.0"));
        assert!(super::py_pinned("mcp-server-git==0.6.2"));
        assert!(!super::py_pinned("mcp-server-git"));
    }
}
