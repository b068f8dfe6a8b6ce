//! `vibeguard template list|show NAME|write NAME [DEST] [--force]`: hardened starting
//! points for the configuration agents most often write from scratch.
//!
//! The templates are data files (`crates/vibeguard/templates/`) compiled into the binary,
//! and a test scans each one with every analyzer and requires zero findings, so what an
//! agent starts from passes the same checks the gate applies to its writes.

use crate::cmd::scan::write_stdout;
use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One template: its name, where `write` puts it by default, what it is, and its text.
pub struct Template {
    pub name: &'static str,
    pub default_path: &'static str,
    pub summary: &'static str,
    pub text: &'static str,
}

macro_rules! template {
    ($name:literal, $path:literal, $file:literal, $summary:literal) => {
        Template {
            name: $name,
            default_path: $path,
            summary: $summary,
            text: include_str!(concat!("../../templates/", $file)),
        }
    };
}

/// Every built-in template, in the order `list` shows them.
pub const TEMPLATES: &[Template] = &[
    template!(
        "dockerfile-node",
        "Dockerfile",
        "Dockerfile.node",
        "Node.js service: pinned base, multi-stage, build secrets, non-root user"
    ),
    template!(
        "dockerfile-python",
        "Dockerfile",
        "Dockerfile.python",
        "Python service: pinned base, virtualenv build stage, hashed requirements, non-root user"
    ),
    template!(
        "dockerfile-rust",
        "Dockerfile",
        "Dockerfile.rust",
        "Rust service: pinned toolchain, --locked build, distroless non-root runtime"
    ),
    template!(
        "dockerfile-go",
        "Dockerfile",
        "Dockerfile.go",
        "Go service: pinned toolchain, verified modules, static binary on distroless non-root"
    ),
    template!(
        "compose",
        "docker-compose.yml",
        "docker-compose.yml",
        "App, database and cache on an internal network, passwords from Docker secrets"
    ),
    template!(
        "nginx",
        "nginx.conf",
        "nginx.conf",
        "Reverse proxy: HTTPS redirect, TLS 1.2/1.3, security headers, no version disclosure"
    ),
    template!(
        "redis",
        "redis.conf",
        "redis.conf",
        "Private cache: loopback bind, protected mode, ACL users, admin commands disabled"
    ),
    template!(
        "github-workflow",
        ".github/workflows/vibeguard.yml",
        "github/vibeguard.yml",
        "GitHub Actions running vibeguard: read-only token, SHA-pinned actions, SARIF upload"
    ),
    template!(
        "kubernetes",
        "k8s/web.yaml",
        "kubernetes.yaml",
        "Deployment with a restricted security context, ClusterIP Service and NetworkPolicy"
    ),
    template!(
        "terraform-s3",
        "terraform/s3-private-bucket/main.tf",
        "s3-private-bucket.tf",
        "Terraform module: private S3 bucket, KMS encryption, versioning, TLS-only policy"
    ),
    template!(
        "claude-settings",
        ".claude/settings.json",
        "claude/settings.json",
        "Claude Code settings: narrow allow list, secret files denied, vibeguard hook installed"
    ),
    template!(
        "mcp",
        ".mcp.json",
        "mcp.json",
        "MCP servers: one remote server over HTTPS with its token read from the environment"
    ),
];

#[derive(clap::Args)]
#[command(
    after_help = "Start new configuration from a template, then adapt names, versions and addresses:\n  \
vibeguard template list\n  vibeguard template show compose\n  vibeguard template write dockerfile-node services/api"
)]
pub struct TemplateArgs {
    #[command(subcommand)]
    pub action: TemplateAction,
}

#[derive(clap::Subcommand)]
pub enum TemplateAction {
    /// List the templates with their default file names.
    List,
    /// Print one template.
    Show {
        /// Template name (see `vibeguard template list`).
        name: String,
    },
    /// Write one template to a file (its default path, or DEST).
    Write {
        /// Template name (see `vibeguard template list`).
        name: String,
        /// File to write, or a folder to write the default file name into.
        dest: Option<PathBuf>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
}

pub fn run(args: TemplateArgs) -> anyhow::Result<ExitCode> {
    match args.action {
        TemplateAction::List => {
            let width = TEMPLATES.iter().map(|t| t.name.len()).max().unwrap_or(0);
            let mut out = String::new();
            for t in TEMPLATES {
                out.push_str(&format!(
                    "{:width$}  {}\n{:width$}  -> {}\n",
                    t.name, t.summary, "", t.default_path
                ));
            }
            write_stdout(&out)?;
        }
        TemplateAction::Show { name } => write_stdout(find(&name)?.text)?,
        TemplateAction::Write { name, dest, force } => {
            let t = find(&name)?;
            let path = destination(t, dest.as_deref());
            write(&path, t.text, force)?;
            eprintln!("wrote {} ({})", path.display(), t.name);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The template called `name`, or an error that lists them all.
pub fn find(name: &str) -> anyhow::Result<&'static Template> {
    if let Some(t) = TEMPLATES.iter().find(|t| t.name == name) {
        return Ok(t);
    }
    let names: Vec<&str> = TEMPLATES.iter().map(|t| t.name).collect();
    let safe = vibeguard_report::sanitize::terminal_safe(name);
    bail!("unknown template `{safe}`; templates: {}", names.join(", "))
}

/// Where `write` puts a template: DEST, or DEST/<file name> when DEST is a folder, or
/// the template's default path.
fn destination(t: &Template, dest: Option<&Path>) -> PathBuf {
    match dest {
        None => PathBuf::from(t.default_path),
        Some(d) if d.is_dir() => {
            let file = Path::new(t.default_path)
                .file_name()
                .map_or_else(|| PathBuf::from(t.default_path), PathBuf::from);
            d.join(file)
        }
        Some(d) => d.to_path_buf(),
    }
}

/// Write `text` to `path`, creating parent folders; an existing file is replaced only
/// with `force`.
fn write(path: &Path, text: &str, force: bool) -> anyhow::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        // create_new fails if the path exists, so nothing is ever overwritten by accident
        // (and no race between a check and the write).
        options.create_new(true);
    }
    let mut file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "{} already exists; pass --force to replace it",
            path.display()
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot write {}", path.display())),
    };
    std::io::Write::write_all(&mut file, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_templates_not_empty() {
        let mut names: Vec<&str> = TEMPLATES.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), TEMPLATES.len());
        assert!(TEMPLATES.iter().all(|t| t.text.len() > 100));
        assert!(find("nope").is_err());
    }

    #[test]
    fn write_refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let t = find("redis").unwrap();
        let p = destination(t, Some(dir.path()));
        assert_eq!(p, dir.path().join("redis.conf"));
        write(&p, t.text, false).unwrap();
        std::fs::write(&p, "user edits\n").unwrap();
        let e = write(&p, t.text, false).unwrap_err().to_string();
        assert!(e.contains("--force"), "{e}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "user edits\n");
        write(&p, t.text, true).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), t.text);
    }
}
