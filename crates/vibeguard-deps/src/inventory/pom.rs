//! pom.xml: the `<dependency>` elements of the project and of its
//! `<dependencyManagement>` (pins that decide transitive versions), with `groupId`,
//! `artifactId`, `version` and `scope`. A version from `${property}` is taken from the
//! pom's own `<properties>`; version ranges (`[1.0,2.0)`) and properties defined
//! elsewhere (a parent pom) are kept as requirements, not versions. Build-plugin
//! dependencies are left out (they are not part of the application). Maven has no
//! lockfile: these are the declared versions.

use super::{Inventory, LineIndex, Package, broken};
use crate::ecosystem::Ecosystem;
use std::collections::HashMap;

/// Byte ranges of each `<tag>...</tag>` element's inner text, outermost only.
fn elements(text: &str, tag: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut at = from;
    while let Some(i) = text[at..to].find(&open) {
        let inner = at + i + open.len();
        let Some(j) = text[inner..to].find(&close) else {
            break;
        };
        out.push((inner, inner + j));
        at = inner + j + close.len();
    }
    out
}

fn child<'t>(text: &'t str, (from, to): (usize, usize), tag: &str) -> Option<(&'t str, usize)> {
    elements(text, tag, from, to)
        .first()
        .map(|&(s, e)| (text[s..e].trim(), s))
}

/// The text with comments blanked out (same length, so offsets and lines stay).
fn without_comments(text: &str) -> String {
    let mut out = text.to_string();
    let mut at = 0;
    while let Some(i) = out[at..].find("<!--") {
        let s = at + i;
        let e = out[s..].find("-->").map(|j| s + j + 3).unwrap_or(out.len());
        let blank: String = out[s..e]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        out.replace_range(s..e, &blank);
        at = s + blank.len();
    }
    out
}

pub fn parse(path: &str, original: &str) -> Result<Inventory, super::ParseWarning> {
    let text = without_comments(original);
    if !text.contains("<project") {
        return Err(broken(
            path,
            1,
            "not a Maven pom.xml (no <project> element)",
        ));
    }
    let lines = LineIndex::new(original);
    let mut props: HashMap<String, String> = HashMap::new();
    for (s, e) in elements(&text, "properties", 0, text.len()) {
        let body = &text[s..e];
        let mut rest = body;
        while let Some(i) = rest.find('<') {
            let after = &rest[i + 1..];
            let Some(gt) = after.find('>') else { break };
            let name = &after[..gt];
            if name.starts_with('/') || name.contains([' ', '/']) {
                rest = &after[gt + 1..];
                continue;
            }
            let close = format!("</{name}>");
            let Some(end) = after[gt + 1..].find(&close) else {
                rest = &after[gt + 1..];
                continue;
            };
            props.insert(
                name.to_string(),
                after[gt + 1..gt + 1 + end].trim().to_string(),
            );
            rest = &after[gt + 1 + end + close.len()..];
        }
    }
    let plugins = elements(&text, "plugins", 0, text.len());
    let mut inv = Inventory::default();
    for (s, e) in elements(&text, "dependency", 0, text.len()) {
        if plugins.iter().any(|&(ps, pe)| s >= ps && e <= pe) {
            continue;
        }
        let (Some((group, _)), Some((artifact, at))) = (
            child(&text, (s, e), "groupId"),
            child(&text, (s, e), "artifactId"),
        ) else {
            return Err(broken(
                path,
                lines.line_of(s),
                "a <dependency> without <groupId> or <artifactId>",
            ));
        };
        let name = format!("{group}:{artifact}");
        let declared = child(&text, (s, e), "version").map(|(v, _)| v.to_string());
        let resolved = declared.as_deref().map(|v| {
            match v.strip_prefix("${").and_then(|r| r.strip_suffix('}')) {
                Some(key) => props.get(key).cloned().unwrap_or_else(|| v.to_string()),
                None => v.to_string(),
            }
        });
        let exact = resolved
            .clone()
            .filter(|v| !v.contains(['[', '(', ',', '$']) && !v.is_empty());
        let mut p = Package::new(
            Ecosystem::Maven,
            &name,
            exact.as_deref(),
            path,
            lines.line_of(at),
        );
        if exact.is_none() {
            p.requirement = resolved;
        }
        p.direct = Some(true);
        p.dev = matches!(child(&text, (s, e), "scope").map(|(v, _)| v), Some("test"));
        inv.packages.push(p);
    }
    Ok(inv)
}
