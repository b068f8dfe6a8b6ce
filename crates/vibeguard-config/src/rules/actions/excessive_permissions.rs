use super::jobs;
use crate::rule::{Check, File, Hit, edit};
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags workflows that give the `GITHUB_TOKEN` more than they say they need:
    /// `permissions: write-all` (medium), or no `permissions` at all, neither for the
    /// workflow nor for a job, so the repository default applies (low; on older
    /// repositories and organisations that default is read/write on everything). The fix
    /// adds `permissions: contents: read` at the top; jobs that need more ask for it.
    ///
    /// ## Why is this bad?
    /// Every step, and every third-party action, can use the token: with write access a
    /// compromised dependency pushes code, creates releases or approves pull requests
    /// (CWE-250, CWE-732).
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// permissions:
    ///   contents: read
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    /// ```
    ExcessivePermissions {
        id: "actions/excessive-permissions",
        title: "Token permissions not restricted",
        cwe: [250, 732],
        severity: Medium,
        confidence: High,
        kinds: [Workflow],
        message: "the workflow's token permissions are not restricted: set `permissions: contents: read` and grant more per job",
    }
}

impl Check for ExcessivePermissions {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for doc in f.docs() {
            let js = jobs(doc);
            if js.is_empty() {
                continue;
            }
            let top = doc.get("permissions");
            let mut write_all = Vec::new();
            if let Some(p) = top
                && p.text() == Some("write-all")
            {
                write_all.push((p, "the workflow"));
            }
            for (name, job) in &js {
                if let Some(p) = job.get("permissions")
                    && p.text() == Some("write-all")
                {
                    write_all.push((p, name));
                }
            }
            for (p, who) in write_all {
                out.push(Hit::at(p.span.clone()).message(format!(
                    "{} gives the token `write-all`: grant only the scopes it needs (`contents: read`, ...)",
                    if who == "the workflow" { who.to_string() } else { format!("job `{who}`") }
                )));
            }
            // Reusable-workflow callers inherit the caller's token; only plain jobs count.
            let unrestricted =
                top.is_none() && js.iter().any(|(_, j)| j.get("permissions").is_none());
            if unrestricted {
                let Some(jobs_key) = doc.entry("jobs") else {
                    continue;
                };
                let line = f.text[..jobs_key.key_span.start]
                    .rfind('\n')
                    .map_or(0, |i| i + 1);
                // Only when `jobs:` starts its line (block style), so the insertion is valid.
                if line != jobs_key.key_span.start {
                    continue;
                }
                out.push(
                    Hit::at(jobs_key.key_span.clone())
                        .severity(Severity::Low)
                        .message("no `permissions:` for the workflow or its jobs: the token gets the repository default, often write access; set `permissions: contents: read`")
                        .fix(
                            "add `permissions: contents: read` for the whole workflow",
                            vec![edit(line..line, "permissions:\n  contents: read\n\n")],
                        ),
                );
            }
        }
    }
}
