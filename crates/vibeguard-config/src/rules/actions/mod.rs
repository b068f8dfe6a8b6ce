//! GitHub Actions rules, and the workflow model they read: triggers (the `on:` key,
//! which YAML 1.1 readers turn into `true`), jobs, steps of workflows and of composite
//! actions, and the `${{ ... }}` expressions inside strings.

pub mod download_piped_to_shell;
pub mod excessive_permissions;
pub mod insecure_commands;
pub mod persisted_credentials;
pub mod secret_exposed;
pub mod self_hosted_pull_request;
pub mod template_injection;
pub mod unpinned_action;
pub mod untrusted_checkout;

use crate::rule::File;
use crate::tree::{Node, Value};
use std::ops::Range;

/// The events a workflow runs on.
pub fn triggers(doc: &Node) -> Vec<String> {
    let Some(on) = doc.get("on").or_else(|| doc.get("true")) else {
        return Vec::new();
    };
    match &on.value {
        Value::Str(s) => vec![s.clone()],
        Value::Seq(items) => items
            .iter()
            .filter_map(|i| i.text().map(str::to_string))
            .collect(),
        Value::Map(m) => m.iter().map(|e| e.key.clone()).collect(),
        _ => Vec::new(),
    }
}

/// Jobs of a workflow, by name.
pub fn jobs(doc: &Node) -> Vec<(&str, &Node)> {
    doc.get("jobs")
        .map(|j| {
            j.entries()
                .iter()
                .filter(|e| e.value.is_map())
                .map(|e| (e.key.as_str(), &e.value))
                .collect()
        })
        .unwrap_or_default()
}

/// A step and the job it belongs to (`None` in a composite action).
pub struct Step<'a> {
    pub job: Option<(&'a str, &'a Node)>,
    pub node: &'a Node,
}

impl<'a> Step<'a> {
    pub fn uses(&self) -> Option<&'a str> {
        self.node.get("uses").and_then(|u| u.text())
    }

    pub fn run(&self) -> Option<&'a Node> {
        self.node.get("run").filter(|r| r.text().is_some())
    }

    pub fn with(&self, key: &str) -> Option<&'a Node> {
        self.node.path(&["with", key])
    }

    /// `actions/checkout@v4` -> `actions/checkout`.
    pub fn action_name(&self) -> Option<String> {
        self.uses()
            .map(|u| u.split('@').next().unwrap_or(u).to_ascii_lowercase())
    }
}

/// Every step of every document (workflow jobs, composite action steps).
pub fn steps<'a>(f: &File<'a>) -> Vec<Step<'a>> {
    let mut out = Vec::new();
    for doc in f.docs() {
        for (name, job) in jobs(doc) {
            for s in job.get("steps").map(|s| s.items()).unwrap_or(&[]) {
                out.push(Step {
                    job: Some((name, job)),
                    node: s,
                });
            }
        }
        for s in doc
            .path(&["runs", "steps"])
            .map(|s| s.items())
            .unwrap_or(&[])
        {
            out.push(Step { job: None, node: s });
        }
    }
    out
}

/// `${{ ... }}` expressions in `text`: the whole range and the inner expression.
pub fn expressions(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(s) = text[at..].find("${{") {
        let start = at + s;
        let Some(e) = text[start + 3..].find("}}") else {
            break;
        };
        let end = start + 3 + e + 2;
        out.push((start..end, text[start + 3..end - 2].trim()));
        at = end;
    }
    out
}

/// Context references inside an expression (`github.event.issue.title`,
/// `steps.meta.outputs.tags`), with `[0]`/`[*]` indexes folded to `*`.
pub fn references(expr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = expr.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphabetic()
            && (i == 0
                || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b'.'))
        {
            let start = i;
            while i < b.len()
                && (b[i].is_ascii_alphanumeric()
                    || matches!(b[i], b'_' | b'-' | b'.' | b'*' | b'[' | b']' | b'\'' | b'"'))
            {
                i += 1;
            }
            let raw = &expr[start..i];
            if raw.contains('.') {
                let mut r = String::new();
                let mut in_idx = false;
                for c in raw.chars() {
                    match c {
                        '[' => {
                            in_idx = true;
                            r.push_str(".*");
                        }
                        ']' => in_idx = false,
                        _ if in_idx => {}
                        _ => r.push(c),
                    }
                }
                out.push(r.trim_end_matches('.').to_string());
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The file range of `needle` inside a scalar's span (the scalar's start otherwise).
pub fn span_in(f: &File<'_>, node: &Node, needle: &str) -> Range<usize> {
    crate::source::locate(f.text, node.span.clone(), needle)
}

/// First-party action owners whose tags GitHub itself publishes.
pub fn first_party(owner: &str) -> bool {
    matches!(owner.to_ascii_lowercase().as_str(), "actions" | "github")
}
