//! The MCP tools and their arguments (their doc comments are the descriptions and JSON
//! schemas the client sees).

use crate::Host;
use rmcp::handler::server::{router::tool::ToolRouter, wrapper::Parameters};
use rmcp::model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig};
use rmcp::{ErrorData, ServerHandler, tool, tool_handler, tool_router};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use vibeguard_core::Finding;
use vibeguard_engine::{AnalyzerSet, Engine, Filters, Target};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct ScanFileArgs {
    /// Path of a file inside the project (relative to the project root, or absolute).
    pub path: String,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct ScanSnippetArgs {
    /// The code or configuration to check, exactly as it would be written.
    pub code: String,
    /// Where it would be written (e.g. `app/db.py`, `Dockerfile`, `.github/workflows/ci.yml`);
    /// the file name picks the language and the rules.
    #[serde(default)]
    pub path: Option<String>,
    /// Language when there is no path: python, javascript, typescript, go, java, php,
    /// ruby, shell, dockerfile, yaml, terraform, json.
    #[serde(default)]
    pub language: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct CheckCommandArgs {
    /// The shell command, as the agent would run it. It is parsed, never run.
    pub command: String,
    /// Directory it would run in, relative to the project root [default: the root].
    #[serde(default)]
    pub cwd: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct CheckPackagesArgs {
    /// Package ecosystem: pypi, npm, crates, go, rubygems, packagist, maven, nuget.
    pub ecosystem: String,
    /// Package names, optionally with a version (`requests==2.32.0`, `left-pad@1.3.0`,
    /// `serde@1.0.1`, `github.com/x/y@v1.2.3`, `vendor/pkg:1.2.3`).
    pub packages: Vec<String>,
    /// Answer from the local advisory store, the shipped popular-name lists and the
    /// registry cache only: no registry look-up (unknown stays unknown).
    #[serde(default)]
    pub offline: bool,
    /// Seconds registry look-ups may take [default: 10].
    #[serde(default)]
    pub timeout_seconds: Option<u64>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct ExplainArgs {
    /// Rule id, e.g. `python/sql-injection` or `secrets/github-pat`.
    pub id: String,
}

/// One finding as the agent gets it: enough to fix it, nothing secret.
#[derive(Debug, Serialize)]
struct AgentFinding<'a> {
    rule_id: &'a str,
    severity: String,
    path: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
    /// The source line, secrets redacted.
    snippet: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a vibeguard_core::Fix>,
}

fn findings_json(findings: &[Finding]) -> serde_json::Value {
    let list: Vec<AgentFinding<'_>> = findings
        .iter()
        .map(|f| AgentFinding {
            rule_id: &f.rule_id,
            severity: f.severity.to_string(),
            path: &f.location.path,
            line: f.location.line,
            column: f.location.column,
            message: &f.message,
            snippet: &f.snippet,
            fix: f.fix.as_ref(),
        })
        .collect();
    serde_json::json!({
        "findings": list,
        "count": findings.len(),
        "hint": if findings.is_empty() { "no findings" } else { "fix each finding, or call explain_rule for the safe pattern" },
    })
}

fn ok_json(v: serde_json::Value) -> Result<CallToolResult, ErrorData> {
    let text = serde_json::to_string_pretty(&v).unwrap_or_default();
    Ok(CallToolResult::success(vec![ContentBlock::text(text)]))
}

fn user_error(msg: impl Into<String>) -> Result<CallToolResult, ErrorData> {
    Ok(CallToolResult::error(vec![ContentBlock::text(msg.into())]))
}

/// A file name for a language, so the analyzers pick the right rules.
fn path_for_language(lang: &str) -> Option<&'static str> {
    Some(match lang.trim().to_ascii_lowercase().as_str() {
        "python" | "py" => "snippet.py",
        "javascript" | "js" | "node" => "snippet.js",
        "typescript" | "ts" => "snippet.ts",
        "tsx" => "snippet.tsx",
        "go" | "golang" => "snippet.go",
        "java" => "Snippet.java",
        "php" => "snippet.php",
        "ruby" | "rb" => "snippet.rb",
        "csharp" | "c#" | "cs" => "Snippet.cs",
        "rust" | "rs" => "snippet.rs",
        "shell" | "bash" | "sh" => "snippet.sh",
        "dockerfile" | "docker" => "Dockerfile",
        "yaml" | "yml" => "snippet.yaml",
        "terraform" | "hcl" | "tf" => "main.tf",
        "json" => "snippet.json",
        "text" | "txt" => "snippet.txt",
        _ => return None,
    })
}

#[derive(Clone)]
pub struct Server {
    root: PathBuf,
    analyzers: AnalyzerSet,
    host: Arc<dyn Host>,
    tool_router: ToolRouter<Self>,
}

#[tool_router]
impl Server {
    pub fn new(root: PathBuf, analyzers: AnalyzerSet, host: Arc<dyn Host>) -> Server {
        Server {
            root,
            analyzers,
            host,
            tool_router: Self::tool_router(),
        }
    }

    /// An engine on the project root with the current vibeguard.toml (read per call, so
    /// an edit to the policy applies at once).
    fn engine(&self) -> anyhow::Result<Engine> {
        let policy = vibeguard_engine::load_policy(&self.root)?;
        Engine::from_policy(self.root.clone(), policy, self.analyzers)
    }

    /// The file's path relative to the root, if it is a regular file inside it.
    fn inside_root(&self, path: &str) -> Result<(PathBuf, String), String> {
        let given = Path::new(path);
        let joined = if given.is_absolute() {
            given.to_path_buf()
        } else {
            self.root.join(given)
        };
        let real =
            std::fs::canonicalize(&joined).map_err(|e| format!("cannot read {path}: {e}"))?;
        let rel = real
            .strip_prefix(&self.root)
            .map_err(|_| format!("{path} is outside the project; only project files are read"))?;
        if !real.is_file() {
            return Err(format!("{path} is not a regular file"));
        }
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        Ok((real, rel))
    }

    /// Scan one project file for secrets, insecure code and insecure configuration, with
    /// the project's vibeguard.toml, inline ignores and baseline. Returns the findings
    /// (rule id, severity, line, message, redacted source line, fix when there is one).
    #[tool]
    async fn scan_file(
        &self,
        Parameters(args): Parameters<ScanFileArgs>,
    ) -> Result<CallToolResult, ErrorData> {
        let (real, rel) = match self.inside_root(&args.path) {
            Ok(v) => v,
            Err(e) => return user_error(e),
        };
        let run = || -> anyhow::Result<serde_json::Value> {
            let mut engine = self.engine()?;
            let text = std::fs::read(&real)?;
            let filters =
                Filters::default().with_baseline_file(engine.default_baseline().as_deref())?;
            let target = Target::Document {
                path: rel.clone(),
                text: String::from_utf8_lossy(&text).into_owned(),
            };
            Ok(findings_json(&engine.scan(&target, &filters)?.findings))
        };
        match run() {
            Ok(v) => ok_json(v),
            Err(e) => user_error(format!("{e:#}")),
        }
    }

    /// Check code or configuration before writing it: the same analyzers as `vibeguard
    /// scan`. Give `path` (where it would go) or `language`. Returns the findings.
    #[tool]
    async fn scan_snippet(
        &self,
        Parameters(args): Parameters<ScanSnippetArgs>,
    ) -> Result<CallToolResult, ErrorData> {
        let path = match (&args.path, &args.language) {
            (Some(p), _) if !p.trim().is_empty() => p.trim().trim_start_matches("./").to_string(),
            (_, Some(l)) => match path_for_language(l) {
                Some(p) => p.to_string(),
                None => return user_error(format!("unknown language `{l}`; give `path` instead")),
            },
            _ => "snippet.txt".to_string(),
        };
        let run = || -> anyhow::Result<serde_json::Value> {
            let mut engine = self.engine()?;
            let target = Target::Snippet {
                path,
                text: args.code.clone(),
            };
            Ok(findings_json(
                &engine.scan(&target, &Filters::default())?.findings,
            ))
        };
        match run() {
            Ok(v) => ok_json(v),
            Err(e) => user_error(format!("{e:#}")),
        }
    }

    /// Ask the agent gate about a shell command before running it: allow, ask or deny,
    /// with the reason and a safer alternative. The command is parsed, never run.
    #[tool]
    async fn check_shell_command(
        &self,
        Parameters(args): Parameters<CheckCommandArgs>,
    ) -> Result<CallToolResult, ErrorData> {
        let cwd = match &args.cwd {
            Some(c) if !c.trim().is_empty() => {
                let p = Path::new(c.trim());
                if p.is_absolute() {
                    p.to_path_buf()
                } else {
                    self.root.join(p)
                }
            }
            _ => self.root.clone(),
        };
        ok_json(self.host.check_command(&args.command, &cwd))
    }

    /// Check packages before adding them to the project: one verdict per package
    /// (`malicious`, `does-not-exist`, `look-alike`, `known-vulnerable`, `new`, `ok`, or
    /// `unknown` when it could not be verified), what the gate would decide, the advisory
    /// ids (OSV, CVE, GHSA) and the fixed version, and the likely intended name for a
    /// look-alike. Uses the local advisory store (`vibeguard db update`) and the registry
    /// (its cache when `offline`); nothing is installed or run.
    #[tool]
    async fn check_packages(
        &self,
        Parameters(args): Parameters<CheckPackagesArgs>,
    ) -> Result<CallToolResult, ErrorData> {
        let run = || -> anyhow::Result<serde_json::Value> {
            let mut policy = vibeguard_engine::load_policy(&self.root)?;
            policy.deps.offline |= args.offline;
            let Some(checker) = self.host.package_checker(&policy) else {
                anyhow::bail!(
                    "not yet: this build has no dependency checker; nothing was looked up"
                );
            };
            let timeout =
                std::time::Duration::from_secs(args.timeout_seconds.unwrap_or(10).min(60));
            let answers = vibeguard_engine::packages::check_packages(
                checker.as_ref(),
                &args.ecosystem,
                &args.packages,
                timeout,
            )?;
            let bad = answers.iter().filter(|a| a.decision != "allow").count();
            Ok(serde_json::json!({
                "packages": answers,
                "notes": checker.limitations(),
                "hint": if bad == 0 {
                    "no problem found"
                } else {
                    "do not add packages whose decision is deny; for ask, use the fixed version or the intended name, or confirm with the user"
                },
            }))
        };
        match run() {
            Ok(v) => ok_json(v),
            Err(e) => user_error(format!("{e:#}")),
        }
    }

    /// The documentation of one rule: what it flags, why it is dangerous, an example and
    /// what to write instead.
    #[tool]
    async fn explain_rule(
        &self,
        Parameters(args): Parameters<ExplainArgs>,
    ) -> Result<CallToolResult, ErrorData> {
        let rules = match self.host.rules(&self.root) {
            Ok(r) => r,
            Err(e) => return user_error(format!("{e:#}")),
        };
        let id = args.id.trim();
        let found = rules.iter().find(|r| r.id == id).or_else(|| {
            let mut by_slug = rules.iter().filter(|r| r.id.rsplit('/').next() == Some(id));
            match (by_slug.next(), by_slug.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        });
        match found {
            Some(rule) => Ok(CallToolResult::success(vec![ContentBlock::text(
                rule.markdown(),
            )])),
            None => user_error(format!(
                "unknown rule `{id}`; rule ids look like `python/sql-injection`"
            )),
        }
    }

    /// The project's security context: the rules of this project's vibeguard.toml
    /// (what the gate blocks or asks about, secrets handling, scanning) as the agents'
    /// context files carry it.
    #[tool]
    async fn security_context(&self) -> Result<CallToolResult, ErrorData> {
        match self.host.security_context(&self.root) {
            Ok(text) => Ok(CallToolResult::success(vec![ContentBlock::text(text)])),
            Err(e) => user_error(format!("{e:#}")),
        }
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("vibeguard", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "vibeguard checks an agent's work before it acts: scan_snippet before writing \
                 code, scan_file after editing, check_shell_command before running a command, \
                 check_packages before adding a dependency, explain_rule for the safe pattern, \
                 security_context for this project's rules. \
                 Read-only: nothing given to it is run or fetched.",
            )
    }
}
