//! gate/remote-resource-delete
use crate::cmd::{Cmd, Out, short};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags deletions on a service rather than on disk: HTTP `DELETE` requests (`curl
    /// -X DELETE`, `http DELETE`, `wget --method=DELETE`) to another machine, or to this
    /// one for everything at once (`/_all`, `/*`; one resource of the project's own dev
    /// server is everyday testing), and command-line clients of
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

/// Subcommands that destroy something on the service the tool talks to, alone or as
/// the start of a compound (`delete-job`, `delete_user`, `remove-secret`).
const VERBS: &[&str] = &[
    "delete",
    "del",
    "rm",
    "remove",
    "destroy",
    "purge",
    "prune",
    "drop",
    "wipe",
    "terminate",
    "revoke",
    "forget",
    "erase",
    "deprovision",
    "decommission",
    "nuke",
    "flushall",
    "flushdb",
    "unregister",
    "undeploy",
    "archive",
    "deletefile",
    "rb",
];

/// The same as options of service tools (`kafka-topics --delete`, `nats kv del --purge`).
const VERB_FLAGS: &[&str] = &["--delete", "--purge", "--remove"];

/// Tools judged by rules of their own, or local tools where these words mean something
/// else (`git stash drop`).
const OWN_RULES: &[&str] = &[
    "git",
    "docker",
    "podman",
    "nerdctl",
    "kubectl",
    "helm",
    "terraform",
    "tofu",
    "pulumi",
    "doctl",
    "npm",
    "yarn",
    "pnpm",
    "bun",
    "cargo",
    "pip",
    "pip3",
    "uv",
    "poetry",
    "brew",
    "apt",
    "apt-get",
    "dnf",
    "yum",
    "systemctl",
    "make",
    "just",
    "psql",
    "mysql",
    "redis-cli",
    "sqlite3",
    "mongosh",
    "echo",
    "printf",
    "grep",
    "rg",
    "sed",
    "awk",
    "man",
    "help",
    "history",
    "crontab",
    "trash",
    "gio",
    "xargs",
    "cdk",
    "cdktf",
    "serverless",
    "sls",
    "sam",
    "terragrunt",
    "tflocal",
    "oc",
    "k",
    "minikube",
    "fly",
    "flyctl",
    "heroku",
    "vercel",
    "netlify",
    "supabase",
    "firebase",
    "wrangler",
    "hcloud",
    "linode-cli",
    "scw",
    "bq",
    "dropdb",
    "mysqladmin",
    "mongo",
    "mariadb",
    "cqlsh",
    "keydb-cli",
    "valkey-cli",
    "clickhouse-client",
    "snowsql",
    "sqlcmd",
    "duckdb",
    "cockroach",
    "rm",
    "rmdir",
    "unlink",
    "mv",
    "cp",
    "ln",
    "rsync",
    "tar",
    "zip",
    "unzip",
    "find",
    "conda",
    "mamba",
    "rustup",
    "pipx",
    "gem",
    "bundle",
    "composer",
    "go",
    "dotnet",
    "nix",
    "snap",
    "flatpak",
    "port",
    "pacman",
    "zypper",
    "apk",
    "asdf",
    "mise",
    "nvm",
    "pyenv",
    "rbenv",
    "volta",
    "fnm",
    "code",
    "cursor",
    "vim",
    "nvim",
    "emacs",
    "ls",
    "cat",
    "less",
    "head",
    "tail",
    "test",
    "[",
    "true",
    "false",
    "jq",
    "yq",
    "python",
    "python3",
    "node",
    "ruby",
    "perl",
    "php",
    "deno",
    "bash",
    "sh",
    "zsh",
    "command",
    "type",
    "which",
    "whereis",
    "hash",
    "alias",
    "unalias",
    "builtin",
    "apropos",
    "whatis",
    "info",
    "tldr",
    "env",
    "export",
    "unset",
    "set",
    "declare",
    "local",
    "readonly",
    "cd",
    "pushd",
    "popd",
    "source",
    ".",
    "wc",
    "file",
    "stat",
    "du",
    "diff",
    "cmp",
    "sort",
    "uniq",
    "tr",
    "cut",
    "paste",
    "tee",
    "xxd",
    "od",
    "hexdump",
    "strings",
    "nl",
    "fold",
    "fmt",
    "column",
    "basename",
    "dirname",
    "realpath",
    "readlink",
    "touch",
    "mkdir",
    "less",
    "more",
    "bat",
    "fd",
    "locate",
    "tree",
    // local tools where these words are everyday (`docker-compose rm`, `turbo prune`,
    // `xcodebuild archive`, `kind delete cluster`, `hg remove`)
    "docker-compose",
    "podman-compose",
    "kind",
    "k3d",
    "turbo",
    "nx",
    "lerna",
    "xcodebuild",
    "hg",
    "svn",
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
        "curl" | "gh" => {
            a.windows(2).any(|w| {
                matches!(w[0].as_str(), "-X" | "--REQUEST" | "--METHOD") && w[1] == "DELETE"
            }) || a.iter().any(|x| x == "-XDELETE" || x == "--REQUEST=DELETE")
        }
        "wget" => {
            a.iter().any(|x| x == "--METHOD=DELETE")
                || a.windows(2).any(|w| w[0] == "--METHOD" && w[1] == "DELETE")
        }
        "http" | "https" | "xh" | "xhs" => a.iter().any(|x| x == "DELETE"),
        _ => false,
    }
}

/// Syncs that delete at the destination what the source lacks (`rclone sync`,
/// `aws s3 sync --delete`), and rclone's other deleting subcommands.
fn sync_delete(c: &Cmd) -> Option<String> {
    let pos: Vec<&str> = c.strs().filter(|a| !a.starts_with('-')).collect();
    match (c.name, pos.as_slice()) {
        (
            "rclone",
            [
                sub @ ("sync" | "move" | "cleanup" | "dedupe" | "rmdirs"),
                ..,
            ],
        ) => Some(format!("rclone {sub}")),
        ("aws", ["s3", "sync", ..]) if c.strs().any(|a| a == "--delete") => {
            Some("aws s3 sync --delete".into())
        }
        ("deck", p) if p.iter().any(|s| matches!(*s, "sync" | "reset")) => {
            Some("deck sync/reset".into())
        }
        ("gsutil", ["rsync", ..]) if c.strs().any(|a| a == "-d") => Some("gsutil rsync -d".into()),
        _ => None,
    }
}

/// An API endpoint named for deleting (`/job/x/doDelete`, `/_delete_by_query`),
/// called with POST.
fn post_to_delete_endpoint(c: &Cmd) -> bool {
    matches!(c.name, "curl" | "http" | "https" | "xh" | "wget")
        && c.strs().any(|a| {
            a.contains("://")
                && a.split("://")
                    .nth(1)
                    .and_then(|rest| rest.split_once('/'))
                    .is_some_and(|(_, path)| path.to_ascii_lowercase().contains("delete"))
        })
        && c.strs().any(|a| {
            a.eq_ignore_ascii_case("post")
                || a == "-XPOST"
                || a.starts_with("-d")
                || a.starts_with("--data")
        })
}

pub fn check(c: &Cmd, out: &mut Out) {
    if c.strs()
        .any(|a| matches!(a, "--dry-run" | "--dryrun" | "--dry_run"))
    {
        return;
    }
    // the cloud CLIs' deletions have a rule of their own; this one covers the rest
    if matches!(c.name, "aws" | "gcloud" | "gsutil" | "az" | "gh") {
        let mut probe = Out::default();
        super::cloud_resource_delete::check(c, &mut probe);
        if !probe.findings.is_empty() {
            return;
        }
    }
    if let Some(what) = sync_delete(c) {
        report(out, &what);
        return;
    }
    if post_to_delete_endpoint(c) {
        report(out, &format!("{} POST to a delete endpoint", c.name));
        return;
    }
    if http_delete(c) {
        let url = c
            .strs()
            .find(|a| a.contains("://") || a.starts_with("localhost") || a.starts_with("127."))
            .unwrap_or("");
        // the project's own service on this machine is tested like this every day;
        // a wholesale delete (`/_all`, `/*`) is not a test of one endpoint
        let local = crate::url::host_of(
            if url.contains("://") {
                url.to_string()
            } else {
                format!("http://{url}")
            }
            .as_str(),
        )
        .is_some_and(|h| super::reverse_shell::is_loopback_host(&h));
        if local && !url.contains("_all") && !url.contains('*') {
            return;
        }
        report(out, &format!("{} DELETE {}", c.name, short(url)));
        return;
    }
    if OWN_RULES.contains(&c.name) || c.strs().any(|a| a == "--help" || a == "-h") {
        return;
    }
    // a verb alone or as a part of a compound (`delete-job`, `batch-delete-image`,
    // `repo-delete`, `delete_user`)
    // one object in a cloud bucket (`gcloud storage rm gs://b/tmp/x.csv`) is one file
    let storage = matches!(c.name, "aws" | "gcloud" | "gsutil" | "az");
    let destroying = |w: &str| {
        let w = w.to_ascii_lowercase();
        w.split(['-', '_'])
            .any(|part| VERBS.contains(&part) && !(storage && part == "rm"))
    };
    // a tool named for deleting (`kafka-delete-records`)
    if c.name.contains('-') && destroying(c.name) {
        report(out, c.name);
        return;
    }
    // the subcommand is among the first few words, before the operands
    if let Some(verb) = c
        .strs()
        .filter(|a| !a.starts_with('-'))
        .take(3)
        .find(|a| destroying(a))
    {
        report(out, &format!("{} {verb}", c.name));
    } else if let Some(flag) = c.strs().find(|a| {
        VERB_FLAGS.contains(&a.split('=').next().unwrap_or(a)) || a.starts_with("--delete-")
    }) {
        report(out, &format!("{} {flag}", c.name));
    }
}
