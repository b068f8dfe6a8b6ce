//! GitHub Actions a project's CI runs: every `uses:` of its workflows
//! (`.github/workflows/*.yml`) and of the actions it defines itself (`action.yml`,
//! composite actions), as components.
//!
//! CI actions run with the repository's token and secrets, so they are part of the
//! supply chain even though nothing ships them. Each `uses:` becomes:
//! - `owner/repo[/path]@ref`: an action or a reusable workflow, purl
//!   `pkg:github/owner/repo@ref` with the path inside the repository as the purl
//!   subpath (`#path`), as the purl specification places it;
//! - `docker://image[:tag|@digest]`: a container image, purl `pkg:docker/...` with the
//!   registry host as the `repository_url` qualifier;
//! - `./path`: an action or workflow of the project itself, not a component (its own
//!   `uses:` are read where its file is);
//! - a value with a `${{ }}` expression: resolved only at run time, not a component (a
//!   warning says so).
//!
//! The files are read line by line (not as a YAML document) so that every component
//! carries the line it is used on; text inside block scalars (`run: |`) is skipped, so
//! a script that prints `uses: x@y` is not taken for a step.

use serde::Serialize;

/// What a `uses:` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UseKind {
    /// A JavaScript, Docker or composite action in a GitHub repository.
    Action,
    /// A reusable workflow (`owner/repo/.github/workflows/x.yml@ref`).
    ReusableWorkflow,
    /// A container image run as a step (`docker://`).
    DockerImage,
}

/// How firmly a `uses:` pins what it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pinning {
    /// A full commit SHA or an image digest: immutable.
    Digest,
    /// A tag or a branch: whoever controls the repository can move it.
    Ref,
    /// No ref or tag at all (`docker://alpine`): the latest, whatever it is then.
    None,
}

/// One `uses:` of a workflow or action file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionUse {
    pub kind: UseKind,
    /// `owner/repo` (with `/path` when it names one), or the image without its tag.
    pub name: String,
    /// The ref (`v4`, a SHA), the image tag or digest.
    pub version: Option<String>,
    pub purl: String,
    pub pinning: Pinning,
    /// The value as written.
    pub uses: String,
    pub file: String,
    pub line: u32,
}

/// Whether `rel` is a file whose `uses:` are read: a workflow, or an action the
/// project defines (`action.yml` / `action.yaml` anywhere).
pub fn is_ci_file(rel: &str) -> bool {
    let (dir, base) = rel.rsplit_once('/').unwrap_or(("", rel));
    let yaml = base.ends_with(".yml") || base.ends_with(".yaml");
    (yaml && (dir == ".github/workflows" || dir.ends_with("/.github/workflows")))
        || base == "action.yml"
        || base == "action.yaml"
}

/// Every `uses:` in one workflow or action file, and a warning for each that could not
/// be made a component.
pub fn parse(file: &str, text: &str) -> (Vec<ActionUse>, Vec<String>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    // Indentation of the key that opened a block scalar; deeper lines are its text.
    let mut block: Option<usize> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        let content = line.trim_start();
        let indent = line.len() - content.len();
        if let Some(b) = block {
            if content.is_empty() || indent > b {
                continue;
            }
            block = None;
        }
        if content.starts_with('#') || content.is_empty() {
            continue;
        }
        let (key_indent, entry) = match content.strip_prefix("- ") {
            Some(rest) => (
                indent + 2 + (rest.len() - rest.trim_start().len()),
                rest.trim_start(),
            ),
            None => (indent, content),
        };
        let Some((key, value)) = entry.split_once(':') else {
            continue;
        };
        let value = strip_comment(value).trim();
        if opens_block_scalar(value) {
            block = Some(key_indent);
            continue;
        }
        if unquote(key.trim()) != "uses" || value.is_empty() {
            continue;
        }
        let value = unquote(value);
        match classify(value) {
            Ok(Some((kind, name, version, purl, pinning))) => out.push(ActionUse {
                kind,
                name,
                version,
                purl,
                pinning,
                uses: value.to_string(),
                file: file.to_string(),
                line: i as u32 + 1,
            }),
            Ok(None) => {}
            Err(why) => warnings.push(format!("{file}:{}: `uses: {value}`: {why}", i + 1)),
        }
    }
    (out, warnings)
}

/// `|`, `>`, `|-`, `>+2`...: the key's value is the indented text below it.
fn opens_block_scalar(v: &str) -> bool {
    let mut c = v.chars();
    matches!(c.next(), Some('|' | '>')) && c.all(|x| matches!(x, '-' | '+' | '0'..='9'))
}

/// Text before a ` #` comment (a `#` inside a value, as in `a#b`, stays).
fn strip_comment(v: &str) -> &str {
    if v.trim_start().starts_with('#') {
        return "";
    }
    match v.find(" #") {
        Some(p) if !v.trim_start().starts_with(['"', '\'']) => &v[..p],
        _ => v,
    }
}

fn unquote(v: &str) -> &str {
    let v = v.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

type Classified = (UseKind, String, Option<String>, String, Pinning);

fn classify(value: &str) -> Result<Option<Classified>, &'static str> {
    if value.starts_with("./") || value.starts_with("../") {
        return Ok(None);
    }
    if value.contains("${{") {
        return Err("chosen by an expression at run time");
    }
    if let Some(image) = value.strip_prefix("docker://") {
        return docker(image).map(Some);
    }
    let (path, git_ref) = value
        .rsplit_once('@')
        .ok_or("no `@ref`: GitHub refuses a remote action without one")?;
    let mut segments = path.split('/');
    let (Some(owner), Some(repo)) = (segments.next(), segments.next()) else {
        return Err("not `owner/repo@ref`");
    };
    if owner.is_empty() || repo.is_empty() || git_ref.is_empty() {
        return Err("not `owner/repo@ref`");
    }
    let sub: Vec<&str> = segments.collect();
    let kind = if sub.first() == Some(&".github")
        && sub
            .last()
            .is_some_and(|f| f.ends_with(".yml") || f.ends_with(".yaml"))
    {
        UseKind::ReusableWorkflow
    } else {
        UseKind::Action
    };
    let mut purl = format!(
        "pkg:github/{}/{}@{}",
        encode(&owner.to_ascii_lowercase()),
        encode(&repo.to_ascii_lowercase()),
        encode(git_ref)
    );
    if !sub.is_empty() {
        purl.push('#');
        purl.push_str(&sub.iter().map(|s| encode(s)).collect::<Vec<_>>().join("/"));
    }
    let pinning = if is_commit_sha(git_ref) {
        Pinning::Digest
    } else {
        Pinning::Ref
    };
    Ok(Some((
        kind,
        path.to_string(),
        Some(git_ref.to_string()),
        purl,
        pinning,
    )))
}

/// `[registry/]path/name[:tag][@sha256:digest]` as a docker purl.
fn docker(image: &str) -> Result<Classified, &'static str> {
    if image.is_empty() {
        return Err("an empty image reference");
    }
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (image, None),
    };
    // A `:` after the last `/` is the tag; before it, a registry port.
    let last_slash = rest.rfind('/').map_or(0, |p| p + 1);
    let (repo, tag) = match rest[last_slash..].rfind(':') {
        Some(p) => (&rest[..last_slash + p], Some(&rest[last_slash + p + 1..])),
        None => (rest, None),
    };
    let parts: Vec<&str> = repo.split('/').collect();
    // A first segment with a `.` or `:` (or `localhost`) is a registry host.
    let (registry, path) = if parts.len() > 1
        && (parts[0].contains('.') || parts[0].contains(':') || parts[0] == "localhost")
    {
        (Some(parts[0]), &parts[1..])
    } else {
        (None, &parts[..])
    };
    let version = digest.or(tag).map(str::to_string);
    let mut purl = format!(
        "pkg:docker/{}",
        path.iter()
            .map(|s| encode(&s.to_ascii_lowercase()))
            .collect::<Vec<_>>()
            .join("/")
    );
    if let Some(v) = &version {
        purl.push('@');
        purl.push_str(&encode(v));
    }
    if let Some(r) = registry {
        purl.push_str("?repository_url=");
        purl.push_str(&encode(r));
    }
    let pinning = match (digest, tag) {
        (Some(_), _) => Pinning::Digest,
        (None, Some(_)) => Pinning::Ref,
        (None, None) => Pinning::None,
    };
    Ok((
        UseKind::DockerImage,
        repo.to_string(),
        version,
        purl,
        pinning,
    ))
}

fn is_commit_sha(r: &str) -> bool {
    r.len() == 40 && r.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Percent-encode a purl segment (unreserved characters kept).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
