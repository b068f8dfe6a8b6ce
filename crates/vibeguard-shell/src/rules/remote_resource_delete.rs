//! gate/remote-resource-delete
use crate::cmd::{Cmd, Out, short};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags deletions on a service rather than on disk: HTTP `DELETE` requests (`curl
    /// -X DELETE`, `http DELETE`, `wget --method=DELETE`), and command-line clients of
    /// services, backups and secret stores run with a destroying subcommand (`delete`,
    /// `destroy`, `purge`, `drop`, `wipe`, `terminate`, `revoke`, `forget`, `erase`),
    /// such as `vault kv delete`, `op item delete`, `restic forget`, `rclone purge`,
    /// `velero backup delete`. Local tools with their own rules (git, docker, kubectl,
    /// package managers, the cloud CLIs) are judged by those.
    ///
    /// ## Why is this bad?
    /// A service deletes at once and for everyone: search indexes, backups, secrets,
    /// users and feature flags have no recycle bin, and an agent holding the credentials
    /// can remove them as easily as a temporary file.
    ///
    /// ## Example
    /// ```text
    /// curl -X DELETE 'http://localhost:9200/_all'
    /// restic forget --keep-last 1 --prune
    /// ```
    ///
    /// ## Use instead
    /// Read or list the resource; ask the user to delete it, or do it through reviewed
    /// infrastructure code.
    RemoteResourceDelete {
        id: "gate/remote-resource-delete",
        title: "Resource deleted on a service",
        tier: Medium,
        cwe: [404],
    }
}

/// Subcommands that destroy something on the service the tool talks to.
const VERBS: &[&str] = &[
    "delete", "destroy", "purge", "drop", "wipe", "terminate", "revoke", "forget", "erase",
    "deprovision", "decommission", "nuke", "flushall", "flushdb",
];

/// Tools judged by rules of their own, or local tools where these words mean something
/// else (`git stash drop`).
const OWN_RULES: &[&str] = &[
    "git", "docker", "podman", "nerdctl", "kubectl", "helm", "terraform", "tofu", "pulumi",
    "aws", "gcloud", "gsutil", "az", "doctl", "npm", "yarn", "pnpm", "bun", "cargo", "pip",
    "pip3", "uv", "poetry", "brew", "apt", "apt-get", "dnf", "yum", "systemctl", "make", "just",
    "psql", "mysql", "redis-cli", "sqlite3", "mongosh", "echo", "printf", "grep", "rg", "sed",
    "awk", "man", "help", "history", "crontab", "trash", "gio", "xargs", "cdk", "cdktf",
    "serverless", "sls", "sam", "terragrunt", "tflocal", "oc", "k", "minikube", "fly",
    "flyctl", "heroku", "vercel", "netlify", "supabase", "firebase", "wrangler", "hcloud",
    "linode-cli", "scw", "gh", "bq", "dropdb", "mysqladmin", "mongo", "mariadb", "cqlsh",
    "keydb-cli", "valkey-cli", "clickhouse-client", "snowsql", "sqlcmd", "duckdb", "cockroach",
];

fn report(out: &mut Out, what: &str) {
    out.add(
        RemoteResourceDelete::ID,
        Tier::Medium,
        format!("{what} deletes a resource on a service, where there is no undo"),
        "read or list it instead; ask the user to delete it",
    );
}

fn http_delete(c: &Cmd) -> bool {
    let a: Vec<String> = c.strs().map(|s| s.to_ascii_uppercase()).collect();
    match c.name {
        "curl" => a.windows(2).any(|w| matches!(w[0].as_str(), "-X" | "--REQUEST") && w[1] == "DELETE")
            || a.iter().any(|x| x == "-XDELETE" || x == "--REQUEST=DELETE"),
        "wget" => a.iter().any(|x| x == "--METHOD=DELETE")
            || a.windows(2).any(|w| w[0] == "--METHOD" && w[1] == "DELETE"),
        "http" | "https" | "xh" | "xhs" => a.iter().any(|x| x == "DELETE"),
        _ => false,
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    if http_delete(c) {
        let url = c.strs().find(|a| a.contains("://")).unwrap_or("");
        report(out, &format!("{} DELETE {}", c.name, short(url)));
        return;
    }
    if OWN_RULES.contains(&c.name) || c.strs().any(|a| a == "--help" || a == "-h") {
        return;
    }
    // the subcommand is among the first few words, before the operands
    if let Some(verb) = c
        .strs()
        .filter(|a| !a.starts_with('-'))
        .take(3)
        .find(|a| VERBS.contains(&a.to_ascii_lowercase().as_str()))
    {
        report(out, &format!("{} {verb}", c.name));
    }
}
