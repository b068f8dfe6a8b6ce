use super::steps;
use crate::rule::{Check, File, Hit};
use crate::shell::{downloads_and_runs, parse};

crate::config_rule! {
    /// ## What it does
    /// Flags `run:` steps that execute a script straight from the network
    /// (`curl ... | bash`, `sh -c "$(wget -qO- ...)"`, `bash <(curl ...)`, or a
    /// downloaded file run without a checksum check).
    ///
    /// ## Why is this bad?
    /// The job runs whatever the server returns, with the workflow's token and secrets: a
    /// compromised or spoofed host takes over the pipeline and whatever it deploys
    /// (CWE-494, CWE-829).
    ///
    /// ## Example
    /// ```yaml
    /// - run: curl -fsSL https://example.com/install.sh | bash
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// - uses: example/setup-tool@<full commit sha> # v2.1.0
    /// # or download a pinned release and check its sha256 before running it
    /// ```
    DownloadPipedToShell {
        id: "actions/download-piped-to-shell",
        title: "Download piped into a shell",
        cwe: [494, 829],
        severity: High,
        confidence: High,
        kinds: [Workflow, Action],
        message: "the step runs a script downloaded from the network without verifying it",
    }
}

impl Check for DownloadPipedToShell {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in steps(f) {
            let Some(run) = s.run() else { continue };
            let Some(text) = run.text() else { continue };
            let script = parse(text);
            for r in downloads_and_runs(&script) {
                let piece = &text[r.clone()];
                let first = piece.split_whitespace().next().unwrap_or(piece);
                let at = crate::source::locate(f.text, run.span.clone(), first);
                let line_end = f.text[at.start..]
                    .find('\n')
                    .map_or(f.text.len(), |i| at.start + i);
                out.push(Hit::at(at.start..line_end.max(at.end)));
            }
        }
    }
}
