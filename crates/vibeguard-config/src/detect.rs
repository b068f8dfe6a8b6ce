//! What kind of configuration a file is, by its name and, where names say little (any
//! `*.yaml`, `*.conf`, `*.json`), by its content.

/// The configuration kinds rules are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Dockerfile,
    Compose,
    Kubernetes,
    /// A GitHub Actions workflow (`.github/workflows/*.yml`).
    Workflow,
    /// A GitHub composite action (`action.yml` with `runs.steps`).
    Action,
    Terraform,
    Nginx,
    Redis,
    Sshd,
    /// `.claude/settings.json`, `.claude/settings.local.json`, managed settings.
    ClaudeSettings,
    /// `.mcp.json`, `.cursor/mcp.json`, `.vscode/mcp.json` and other MCP server lists.
    McpConfig,
    /// `.codex/config.toml`.
    CodexConfig,
    /// `.gemini/settings.json`.
    GeminiSettings,
    /// `.cursor/hooks.json`.
    CursorHooks,
    /// `.cursor/cli.json` / `cli-config.json` (Cursor CLI permissions).
    CursorCli,
    DotEnv,
    PackageJson,
}

/// The syntax a kind is parsed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Json,
    Toml,
    Dockerfile,
    Hcl,
    Nginx,
    Redis,
    Sshd,
    Dotenv,
}

impl Kind {
    pub fn syntax(self) -> Syntax {
        match self {
            Kind::Dockerfile => Syntax::Dockerfile,
            Kind::Compose | Kind::Kubernetes | Kind::Workflow | Kind::Action => Syntax::Yaml,
            Kind::Terraform => Syntax::Hcl,
            Kind::Nginx => Syntax::Nginx,
            Kind::Redis => Syntax::Redis,
            Kind::Sshd => Syntax::Sshd,
            Kind::CodexConfig => Syntax::Toml,
            Kind::DotEnv => Syntax::Dotenv,
            Kind::ClaudeSettings
            | Kind::McpConfig
            | Kind::GeminiSettings
            | Kind::CursorHooks
            | Kind::CursorCli
            | Kind::PackageJson => Syntax::Json,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Dockerfile => "Dockerfile",
            Kind::Compose => "Compose file",
            Kind::Kubernetes => "Kubernetes manifest",
            Kind::Workflow => "GitHub Actions workflow",
            Kind::Action => "GitHub action",
            Kind::Terraform => "Terraform",
            Kind::Nginx => "nginx configuration",
            Kind::Redis => "redis.conf",
            Kind::Sshd => "sshd_config",
            Kind::ClaudeSettings => "Claude Code settings",
            Kind::McpConfig => "MCP configuration",
            Kind::CodexConfig => "Codex configuration",
            Kind::GeminiSettings => "Gemini CLI settings",
            Kind::CursorHooks => "Cursor hooks",
            Kind::CursorCli => "Cursor CLI configuration",
            Kind::DotEnv => ".env file",
            Kind::PackageJson => "package.json",
        }
    }
}

/// How sure the detection is: a name says so (a parse failure is worth a warning), or
/// content merely looks like it (a parse failure means it was something else).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    Name,
    Content,
}

fn lower_parts(path: &str) -> (String, String) {
    let lower = path.replace('\\', "/").to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower).to_string();
    (lower, name)
}

fn in_dir(lower: &str, dir: &str) -> bool {
    lower.starts_with(&format!("{dir}/")) || lower.contains(&format!("/{dir}/"))
}

fn is_yaml_name(name: &str) -> bool {
    name.ends_with(".yml") || name.ends_with(".yaml")
}

/// The kind a path names, without reading the file.
pub fn by_path(path: &str) -> Option<Kind> {
    let (lower, name) = lower_parts(path);
    let parent = lower.rsplit('/').nth(1).unwrap_or("");
    if name == "dockerfile"
        || name == "containerfile"
        || name.starts_with("dockerfile.")
        || name.starts_with("containerfile.")
        || name.ends_with(".dockerfile")
        || name.ends_with(".containerfile")
    {
        // `Dockerfile.md` and the like are documents, not Dockerfiles.
        if !name.ends_with(".md")
            && !name.ends_with(".txt")
            && !name.ends_with(".j2")
            && !name.ends_with(".tmpl")
        {
            return Some(Kind::Dockerfile);
        }
    }
    if is_yaml_name(&name)
        && (name.starts_with("docker-compose")
            || name.starts_with("compose.")
            || name.starts_with("compose-"))
    {
        return Some(Kind::Compose);
    }
    if is_yaml_name(&name) && in_dir(&lower, ".github/workflows") {
        return Some(Kind::Workflow);
    }
    if name == "action.yml" || name == "action.yaml" {
        return Some(Kind::Action);
    }
    if name.ends_with(".tf") {
        return Some(Kind::Terraform);
    }
    if name == "nginx.conf"
        || name.ends_with(".nginx")
        || name.ends_with(".nginxconf")
        || (name.ends_with(".conf")
            && (in_dir(&lower, "nginx") || in_dir(&lower, "conf.d") && lower.contains("nginx")))
        || in_dir(&lower, "sites-available")
        || in_dir(&lower, "sites-enabled")
    {
        return Some(Kind::Nginx);
    }
    if name == "redis.conf" || (name.starts_with("redis") && name.ends_with(".conf")) {
        return Some(Kind::Redis);
    }
    if name == "sshd_config" || (name.ends_with(".conf") && in_dir(&lower, "sshd_config.d")) {
        return Some(Kind::Sshd);
    }
    if parent == ".claude" && (name == "settings.json" || name == "settings.local.json")
        || name == "managed-settings.json"
    {
        return Some(Kind::ClaudeSettings);
    }
    if name == ".mcp.json"
        || name == "mcp.json"
        || name == "claude_desktop_config.json"
        || name == "mcp_config.json"
        || name == "mcp_settings.json"
        || name == "cline_mcp_settings.json"
    {
        return Some(Kind::McpConfig);
    }
    if parent == ".codex" && name == "config.toml" {
        return Some(Kind::CodexConfig);
    }
    if parent == ".gemini" && name == "settings.json" {
        return Some(Kind::GeminiSettings);
    }
    if parent == ".cursor" && name == "hooks.json" {
        return Some(Kind::CursorHooks);
    }
    if parent == ".cursor" && (name == "cli.json" || name == "cli-config.json") {
        return Some(Kind::CursorCli);
    }
    if name == ".env" || name.starts_with(".env.") || name.ends_with(".env") && name.len() > 4 {
        let example = [
            "example", "sample", "template", "dist", "defaults", "tpl", "schema",
        ]
        .iter()
        .any(|w| name.contains(w));
        if !example {
            return Some(Kind::DotEnv);
        }
        return None;
    }
    if name == "package.json" && !in_dir(&lower, "node_modules") {
        return Some(Kind::PackageJson);
    }
    None
}

/// Could a file at this path be configuration detected by content? (Cheap filter before
/// the file is read.)
pub fn may_sniff(path: &str) -> bool {
    let (_, name) = lower_parts(path);
    is_yaml_name(&name) || name.ends_with(".conf") || name.ends_with(".json") || !name.contains('.')
}

/// The kind of a file from its path and text, and how sure that is.
pub fn detect(path: &str, text: &str) -> Option<(Kind, Evidence)> {
    if let Some(k) = by_path(path) {
        // Helm chart templates are Go templates, not YAML; rendered output is scanned.
        if is_helm_template(path, text) {
            return None;
        }
        return Some((k, Evidence::Name));
    }
    let (lower, name) = lower_parts(path);
    if is_yaml_name(&name) {
        if is_helm_template(path, text) {
            return None;
        }
        if has_line_starting(text, "apiVersion:") && has_line_starting(text, "kind:") {
            return Some((Kind::Kubernetes, Evidence::Content));
        }
        if has_line_starting(text, "services:") {
            return Some((Kind::Compose, Evidence::Content));
        }
        if has_line_starting(text, "jobs:")
            && (has_line_starting(text, "on:")
                || has_line_starting(text, "\"on\":")
                || has_line_starting(text, "'on':"))
            && text.contains("runs-on")
        {
            return Some((Kind::Workflow, Evidence::Content));
        }
        return None;
    }
    if name.ends_with(".json") {
        if text.contains("\"mcpServers\"") || text.contains("\"mcp_servers\"") {
            return Some((Kind::McpConfig, Evidence::Content));
        }
        return None;
    }
    if name.ends_with(".conf") {
        let _ = lower;
        if text.contains("server {") || text.contains("http {") || text.contains("location /") {
            return Some((Kind::Nginx, Evidence::Content));
        }
        if has_directive(
            text,
            &[
                "permitrootlogin",
                "passwordauthentication",
                "permitemptypasswords",
            ],
        ) {
            return Some((Kind::Sshd, Evidence::Content));
        }
        if has_directive(
            text,
            &[
                "requirepass",
                "protected-mode",
                "appendonly",
                "maxmemory-policy",
            ],
        ) {
            return Some((Kind::Redis, Evidence::Content));
        }
        return None;
    }
    if !name.contains('.') && first_instruction_is_from(text) {
        return Some((Kind::Dockerfile, Evidence::Content));
    }
    None
}

fn is_helm_template(path: &str, text: &str) -> bool {
    let (lower, _) = lower_parts(path);
    in_dir(&lower, "templates") && text.contains("{{") && !in_dir(&lower, ".github")
}

fn has_line_starting(text: &str, prefix: &str) -> bool {
    text.lines().any(|l| l.starts_with(prefix))
}

fn has_directive(text: &str, names: &[&str]) -> bool {
    text.lines().any(|l| {
        let w = l
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        names.contains(&w.as_str())
    })
}

fn first_instruction_is_from(text: &str) -> bool {
    for l in text.lines() {
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let words: Vec<&str> = t
            .split_whitespace()
            .filter(|w| !w.starts_with("--"))
            .collect();
        if words.first() == Some(&"ARG") {
            continue;
        }
        return words.first() == Some(&"FROM")
            && (words.len() == 2 || words.len() == 4 && words[2].eq_ignore_ascii_case("as"));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(by_path("svc/Dockerfile.prod"), Some(Kind::Dockerfile));
        assert_eq!(by_path("build/api.Dockerfile"), Some(Kind::Dockerfile));
        assert_eq!(by_path("docker-compose.override.yml"), Some(Kind::Compose));
        assert_eq!(by_path("compose.yaml"), Some(Kind::Compose));
        assert_eq!(by_path(".github/workflows/ci.yml"), Some(Kind::Workflow));
        assert_eq!(by_path("infra/main.tf"), Some(Kind::Terraform));
        assert_eq!(by_path("deploy/nginx/site.conf"), Some(Kind::Nginx));
        assert_eq!(by_path("etc/redis/redis.conf"), Some(Kind::Redis));
        assert_eq!(by_path("etc/ssh/sshd_config"), Some(Kind::Sshd));
        assert_eq!(
            by_path(".claude/settings.local.json"),
            Some(Kind::ClaudeSettings)
        );
        assert_eq!(by_path(".vscode/mcp.json"), Some(Kind::McpConfig));
        assert_eq!(by_path(".codex/config.toml"), Some(Kind::CodexConfig));
        assert_eq!(by_path(".env.production"), Some(Kind::DotEnv));
        assert_eq!(by_path(".env.example"), None);
        assert_eq!(by_path("web/package.json"), Some(Kind::PackageJson));
        assert_eq!(by_path("node_modules/x/package.json"), None);
        assert_eq!(by_path("src/main.rs"), None);
        assert_eq!(by_path("docs/Dockerfile.md"), None);
    }

    #[test]
    fn content() {
        let k8s = "apiVersion: v1\nkind: Pod\n";
        assert_eq!(
            detect("deploy/pod.yaml", k8s),
            Some((Kind::Kubernetes, Evidence::Content))
        );
        assert_eq!(
            detect(
                "chart/templates/pod.yaml",
                "apiVersion: v1\nkind: {{ .Values.k }}\n"
            ),
            None
        );
        assert_eq!(
            detect("stack.yml", "version: '3'\nservices:\n  a: {}\n"),
            Some((Kind::Compose, Evidence::Content))
        );
        assert_eq!(
            detect("build/Backend", "# x\nARG V=1\nFROM node:20\n"),
            Some((Kind::Dockerfile, Evidence::Content))
        );
        assert_eq!(detect("notes", "from here on\n"), None);
        assert_eq!(
            detect("conf/site.conf", "server {\n listen 80;\n}\n"),
            Some((Kind::Nginx, Evidence::Content))
        );
        assert_eq!(
            detect("conf/cache.conf", "bind 0.0.0.0\nprotected-mode no\n"),
            Some((Kind::Redis, Evidence::Content))
        );
        assert_eq!(
            detect("config/tools.json", "{\"mcpServers\": {}}"),
            Some((Kind::McpConfig, Evidence::Content))
        );
        assert_eq!(detect("app.yaml", "server:\n  port: 1\n"), None);
    }
}
