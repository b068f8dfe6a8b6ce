//! Small helpers for YAML documents read as text.

/// Is this YAML a Kubernetes manifest (has `apiVersion:` and `kind:` at the top level)?
pub fn is_kubernetes(text: &str) -> bool {
    text.lines().any(|l| l.starts_with("apiVersion:"))
        && text.lines().any(|l| l.starts_with("kind:"))
}

/// Is this YAML a Compose file (a top-level `services:` key, or a compose file name)?
pub fn is_compose(path: &str, text: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    name.contains("compose") || text.lines().any(|l| l.trim_end() == "services:")
}

/// Is this file a GitHub Actions workflow?
pub fn is_workflow(path: &str) -> bool {
    path.contains(".github/workflows/")
}
