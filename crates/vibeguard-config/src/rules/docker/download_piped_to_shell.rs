use super::run_scripts;
use crate::rule::{Check, File, Hit};
use crate::shell::downloads_and_runs;

crate::config_rule! {
    /// ## What it does
    /// Flags `RUN` steps (shell form, `sh -c` exec form and heredocs) that run a script
    /// straight from the network: `curl ... | sh`, `wget -qO- ... | bash`,
    /// `sh -c "$(curl ...)"`, `bash <(curl ...)`, or a downloaded file executed with no
    /// checksum or signature check in the same step.
    ///
    /// ## Why is this bad?
    /// The image runs whatever the server returns at build time, as root, with no record
    /// of what it was: a compromised or spoofed host owns every image built from then on
    /// (CWE-494, CWE-829).
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN curl -fsSL https://get.example.com/install.sh | sh
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ARG TOOL_SHA256=<sha256 of the release>
    /// RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool-1.4.2.tgz \
    ///  && echo "${TOOL_SHA256}  /tmp/tool.tgz" | sha256sum -c - \
    ///  && tar -xzf /tmp/tool.tgz -C /usr/local/bin
    /// ```
    DownloadPipedToShell {
        id: "docker/download-piped-to-shell",
        title: "Download piped into a shell",
        cwe: [494, 829],
        severity: High,
        confidence: High,
        kinds: [Dockerfile],
        message: "the build runs a script downloaded from the network without verifying it: download a pinned release and check its checksum first",
    }
}

impl Check for DownloadPipedToShell {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let Some(df) = f.dockerfile() else { return };
        for rs in run_scripts(df) {
            for r in downloads_and_runs(&rs.script) {
                out.push(Hit::at(rs.file_span(f.text, &r)));
            }
        }
    }
}
