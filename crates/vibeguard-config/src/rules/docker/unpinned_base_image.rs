use super::first_line;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags `FROM` images without a tag or with the `:latest` tag (build stages
    /// included). Stage names, `scratch` and images pinned by digest are fine; `ARG`
    /// defaults are substituted first.
    ///
    /// ## Why is this bad?
    /// An untagged image means `:latest`, which moves: the next build silently gets a
    /// different operating system, runtime and set of vulnerabilities, and a compromised
    /// or broken upstream push lands in your image without review (CWE-1357).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:latest
    /// FROM node
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12.4-slim-bookworm
    /// FROM node:20.15.1-alpine3.20@sha256:<digest>
    /// ```
    UnpinnedBaseImage {
        id: "docker/unpinned-base-image",
        title: "Base image not pinned",
        cwe: [1357],
        severity: Medium,
        confidence: High,
        kinds: [Dockerfile],
        message: "base image without a version tag (or `:latest`): builds are not reproducible and pull whatever was pushed last",
    }
}

/// The tag of an image reference (`None` when untagged); a registry port is not a tag.
pub fn image_tag(image: &str) -> Option<&str> {
    let no_digest = image.split('@').next().unwrap_or(image);
    let last = no_digest.rsplit('/').next().unwrap_or(no_digest);
    last.split_once(':').map(|(_, t)| t)
}

/// Is this image reference floating (untagged or `:latest`, and not pinned by digest)?
pub fn is_floating(image: &str) -> bool {
    if image.contains("@sha256:") || image.contains('$') || image.is_empty() {
        return false;
    }
    match image_tag(image) {
        None => true,
        Some(t) => t.eq_ignore_ascii_case("latest"),
    }
}

impl Check for UnpinnedBaseImage {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let Some(df) = f.dockerfile() else { return };
        for (i, st) in df.stages.iter().enumerate() {
            let img = st.image.as_str();
            if img.eq_ignore_ascii_case("scratch") || df.is_stage_alias(img, i) {
                continue;
            }
            if is_floating(img) {
                let what = if image_tag(img).is_some() {
                    "uses `:latest`"
                } else {
                    "has no tag (so `:latest`)"
                };
                out.push(Hit::at(first_line(f.text, &df.instructions[st.from])).message(format!(
                    "base image `{img}` {what}: pin a version (and ideally a digest) so builds are reproducible"
                )));
            }
        }
    }
}
