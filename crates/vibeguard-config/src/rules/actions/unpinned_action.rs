use super::{first_party, steps};
use crate::rule::{Check, File, Hit, edit};
use crate::tree::Node;

crate::config_rule! {
    /// ## What it does
    /// Flags third-party actions and reusable workflows referenced by a tag or branch
    /// instead of a full commit SHA (`owner/action@v3`, `@main`), and container actions,
    /// job containers and service containers without a digest. Actions published by GitHub (`actions/*`, `github/*`) and local
    /// actions are exempt. When the same action is pinned elsewhere in the file with the
    /// tag in a comment (`@<sha> # v3`), the fix pins this use to that commit.
    ///
    /// ## Why is this bad?
    /// A tag can be moved by whoever controls the action's repository: a compromised
    /// maintainer account rewrote the tags of a popular action in 2025 to dump CI secrets
    /// from every workflow using it (CWE-829, CWE-1357).
    ///
    /// ## Example
    /// ```yaml
    /// - uses: docker/login-action@v3
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// - uses: docker/login-action@9780b0c442fbb1117ed29e0efdff1e18412f7567 # v3.3.0
    /// ```
    UnpinnedAction {
        id: "actions/unpinned-action",
        title: "Third-party action not pinned to a commit",
        cwe: [829, 1357],
        severity: Medium,
        confidence: High,
        kinds: [Workflow, Action],
        message: "third-party action pinned to a movable tag or branch: pin it to a full commit SHA",
    }
}

fn is_sha(r: &str) -> bool {
    r.len() == 40 && r.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Every `uses:` value node in the file (steps and reusable-workflow jobs).
fn uses_nodes<'a>(f: &File<'a>) -> Vec<&'a Node> {
    let mut out: Vec<&Node> = steps(f).iter().filter_map(|s| s.node.get("uses")).collect();
    for doc in f.docs() {
        for (_, job) in super::jobs(doc) {
            if let Some(u) = job.get("uses") {
                out.push(u);
            }
        }
    }
    out
}

/// Job containers and service containers (`container: node:20`, `services.db.image`).
fn job_images<'a>(f: &File<'a>) -> Vec<&'a Node> {
    let mut out = Vec::new();
    for doc in f.docs() {
        for (_, job) in super::jobs(doc) {
            if let Some(c) = job.get("container") {
                out.extend(if c.is_map() { c.get("image") } else { Some(c) });
            }
            for svc in job.get("services").map(|s| s.entries()).unwrap_or(&[]) {
                out.extend(svc.value.get("image"));
            }
        }
    }
    out
}

/// `(action, tag) -> sha` from pinned uses with a version comment in this file.
fn known_pins(f: &File<'_>, uses: &[&Node]) -> Vec<(String, String, String)> {
    let mut pins = Vec::new();
    for u in uses {
        let Some(t) = u.text() else { continue };
        let Some((action, r)) = t.split_once('@') else {
            continue;
        };
        if !is_sha(r) {
            continue;
        }
        let line_end = f.text[u.span.end..]
            .find('\n')
            .map_or(f.text.len(), |i| u.span.end + i);
        let rest = &f.text[u.span.end..line_end];
        if let Some(c) = rest.find('#') {
            let tag = rest[c + 1..].split_whitespace().next().unwrap_or("");
            if !tag.is_empty() {
                pins.push((action.to_ascii_lowercase(), tag.to_string(), r.to_string()));
            }
        }
    }
    pins
}

impl Check for UnpinnedAction {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for img in job_images(f) {
            let Some(t) = img.text() else { continue };
            let t = t.strip_prefix("docker://").unwrap_or(t);
            if !t.contains("@sha256:") && !t.contains("${{") {
                out.push(Hit::at(img.span.clone()).message(format!(
                    "job container image `{t}` is not pinned by digest: use `image@sha256:...`"
                )));
            }
        }
        let uses = uses_nodes(f);
        let pins = known_pins(f, &uses);
        for u in uses {
            let Some(t) = u.text() else { continue };
            if t.starts_with("./") || t.starts_with("../") {
                continue;
            }
            if let Some(img) = t.strip_prefix("docker://") {
                if !img.contains("@sha256:") {
                    out.push(Hit::at(u.span.clone()).message(format!(
                        "container action `{img}` is not pinned by digest: use `docker://image@sha256:...`"
                    )));
                }
                continue;
            }
            let (action, r) = t.split_once('@').unwrap_or((t, ""));
            let owner = action.split('/').next().unwrap_or("");
            if first_party(owner) || is_sha(r) {
                continue;
            }
            let mut hit = Hit::at(u.span.clone()).message(format!(
                "`{t}` follows a movable {}: pin `{action}` to a full commit SHA (and keep the version in a comment)",
                if r.is_empty() { "default branch" } else { "tag or branch" }
            ));
            let lower = action.to_ascii_lowercase();
            if let Some((_, tag, sha)) = pins.iter().find(|(a, tag, _)| *a == lower && tag == r) {
                let at = crate::source::locate(f.text, u.span.clone(), t);
                let line_end = f.text[at.end..]
                    .find('\n')
                    .map_or(f.text.len(), |i| at.end + i);
                let has_comment = f.text[at.end..line_end].contains('#');
                let replacement = if has_comment {
                    format!("{action}@{sha}")
                } else {
                    format!("{action}@{sha} # {tag}")
                };
                hit = hit.fix(format!("pin to {sha} ({tag})"), vec![edit(at, replacement)]);
            }
            out.push(hit);
        }
    }
}
