use super::first_line;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags `ADD` instructions that fetch an `http(s)://` URL without `--checksum`.
    ///
    /// ## Why is this bad?
    /// `ADD <url>` downloads at build time with no integrity check: whoever controls the
    /// server, the DNS or the network path decides what goes into the image
    /// (CWE-494). The download is also invisible to dependency scanners.
    ///
    /// ## Example
    /// ```dockerfile
    /// ADD https://example.com/tool.tar.gz /opt/
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ADD --checksum=sha256:<sha256 of the file> https://example.com/tool-1.4.2.tar.gz /opt/
    /// ```
    AddRemoteUrl {
        id: "docker/add-remote-url",
        title: "ADD from a URL without a checksum",
        cwe: [494],
        severity: Medium,
        confidence: High,
        kinds: [Dockerfile],
        message: "`ADD` downloads a URL with no integrity check: add `--checksum=sha256:...`, or download with a verified checksum in `RUN`",
    }
}

impl Check for AddRemoteUrl {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let Some(df) = f.dockerfile() else { return };
        for ins in df.instructions.iter().filter(|i| i.keyword == "ADD") {
            let (flags, rest) = ins.flags();
            if flags.iter().any(|(n, _)| n == "checksum") {
                continue;
            }
            let words: Vec<String> = match ins.exec_form() {
                Some(v) => v,
                None => rest.split_whitespace().map(str::to_string).collect(),
            };
            let sources = &words[..words.len().saturating_sub(1)];
            if sources.iter().any(|s| {
                let l = s.to_ascii_lowercase();
                l.starts_with("http://") || l.starts_with("https://")
            }) {
                out.push(Hit::at(first_line(f.text, ins)));
            }
        }
    }
}
