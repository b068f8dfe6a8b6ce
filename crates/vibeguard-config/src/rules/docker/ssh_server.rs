use super::{first_line, run_scripts};
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags an SSH server in an image: `EXPOSE 22`, installing `openssh-server`,
    /// starting `sshd`, or turning on root or password login in its configuration.
    ///
    /// ## Why is this bad?
    /// A container is reached with `docker exec`/`kubectl exec`; an SSH daemon adds a
    /// network-facing login service with its own keys and passwords to manage, and with
    /// root or password login it is an open door to brute force (CWE-284, CWE-1188).
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y openssh-server \
    ///  && sed -i 's/#PermitRootLogin.*/PermitRootLogin yes/' /etc/ssh/sshd_config
    /// EXPOSE 22
    /// CMD ["/usr/sbin/sshd", "-D"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// # no SSH server; use `docker exec` / `kubectl exec` to get a shell
    /// CMD ["node", "server.js"]
    /// ```
    SshServer {
        id: "docker/ssh-server",
        title: "SSH server in a container",
        cwe: [284, 1188],
        severity: Medium,
        confidence: High,
        kinds: [Dockerfile],
        message: "SSH server in the image: use `docker exec`/`kubectl exec` instead of a network login service",
    }
}

impl Check for SshServer {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let Some(df) = f.dockerfile() else { return };
        for ins in &df.instructions {
            match ins.keyword.as_str() {
                "EXPOSE"
                    if ins
                        .args
                        .split_whitespace()
                        .any(|p| p == "22" || p.starts_with("22/")) =>
                {
                    out.push(Hit::at(first_line(f.text, ins)).message(
                            "`EXPOSE 22` publishes an SSH server: use `docker exec`/`kubectl exec` instead",
                        ));
                }
                "CMD" | "ENTRYPOINT" => {
                    let argv = ins.exec_form().unwrap_or_else(|| {
                        ins.args.split_whitespace().map(str::to_string).collect()
                    });
                    if argv.iter().any(|a| crate::shell::basename(a) == "sshd") {
                        out.push(Hit::at(first_line(f.text, ins)).message(
                            "the container starts `sshd`: use `docker exec`/`kubectl exec` instead of an SSH server",
                        ));
                    }
                }
                _ => {}
            }
        }
        for rs in run_scripts(df) {
            for c in rs.script.all_commands() {
                let name = c.name();
                let installs = matches!(
                    name,
                    "apt-get" | "apt" | "apk" | "yum" | "dnf" | "microdnf" | "zypper"
                ) && c
                    .args()
                    .iter()
                    .any(|a| matches!(*a, "openssh-server" | "openssh" | "dropbear"));
                let root_or_password = c.words.iter().any(|w| {
                    let t = w.text.to_ascii_lowercase();
                    (t.contains("permitrootlogin") && t.contains("yes"))
                        || (t.contains("passwordauthentication") && t.contains("yes"))
                        || (t.contains("permitemptypasswords") && t.contains("yes"))
                });
                if installs {
                    out.push(Hit::at(rs.file_span(f.text, &c.span)).message(
                        "installs an SSH server in the image: use `docker exec`/`kubectl exec` instead",
                    ));
                } else if root_or_password {
                    out.push(
                        Hit::at(rs.file_span(f.text, &c.span))
                            .severity(vibeguard_core::Severity::High)
                            .message("enables root or password login for the image's SSH server"),
                    );
                }
            }
        }
    }
}
