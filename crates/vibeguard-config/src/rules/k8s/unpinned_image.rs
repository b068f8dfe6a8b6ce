use super::containers;
use crate::rule::{Check, File, Hit};
use crate::rules::docker::unpinned_base_image::{image_tag, is_floating};

crate::config_rule! {
    /// ## What it does
    /// Flags container images without a tag or with `:latest` (and no digest).
    ///
    /// ## Why is this bad?
    /// The cluster pulls whatever the tag points to when a pod starts: two replicas can
    /// run different code, a rollback does not roll back, and a compromised registry push
    /// is deployed without review (CWE-1357, CWE-494).
    ///
    /// ## Example
    /// ```yaml
    /// image: nginx:latest
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// image: nginx:1.27.0@sha256:<digest>
    /// ```
    UnpinnedImage {
        id: "k8s/unpinned-image",
        title: "Image not pinned",
        cwe: [1357, 494],
        severity: Medium,
        confidence: High,
        kinds: [Kubernetes],
        message: "image without a version tag (or `:latest`): pin a version and preferably a digest",
    }
}

impl Check for UnpinnedImage {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for (obj, c) in containers(f) {
            let Some(img) = c.node.get("image") else {
                continue;
            };
            let Some(t) = img.text() else { continue };
            if is_floating(t) {
                let what = if image_tag(t).is_some() {
                    "uses `:latest`"
                } else {
                    "has no tag"
                };
                out.push(Hit::at(img.span.clone()).message(format!(
                    "image `{t}` of container `{}` in {obj} {what}: pin a version and preferably a digest",
                    c.name
                )));
            }
        }
    }
}
