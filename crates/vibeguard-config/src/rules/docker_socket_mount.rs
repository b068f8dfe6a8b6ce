use super::yaml_util::{is_compose, is_kubernetes};
use vibeguard_code::lang::Lang;
use vibeguard_code::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_code::{code_rule, lazy_regex};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags the Docker daemon socket (`/var/run/docker.sock`, `/run/docker.sock`,
    /// containerd's socket) mounted into a Compose service or a Kubernetes pod.
    ///
    /// ## Why is this bad?
    /// Whoever can talk to the daemon can start a privileged container with the host's
    /// root filesystem mounted: the mount is root on the host (CWE-250).
    ///
    /// ## Example
    /// ```text
    /// volumes:
    ///   - /var/run/docker.sock:/var/run/docker.sock
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # build with a rootless builder (BuildKit, kaniko) or a socket proxy that allows
    /// # only the API calls the service needs
    /// ```
    DockerSocketMount
}

static META: Meta = Meta {
    id: "container/docker-socket-mount",
    title: "Docker socket mounted into a container",
    cwe: &[250],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "the container runtime socket is mounted: the service can take over the host",
    langs: &[Lang::Yaml],
    keywords: &["docker.sock", "containerd.sock"],
};

impl CodeRule for DockerSocketMount {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        if !is_compose(file.path, file.text) && !is_kubernetes(file.text) {
            return;
        }
        let re = lazy_regex!(r"/(?:var/)?run/(?:docker|containerd/containerd)\.sock");
        for m in re.find_iter(file.text) {
            out.push(Hit {
                start: m.start(),
                end: m.end(),
                fix: None,
            });
        }
    }
}
