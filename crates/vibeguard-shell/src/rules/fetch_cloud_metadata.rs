//! gate/fetch-cloud-metadata (also used by `crate::classify_url`).

use crate::cmd::{Cmd, Out};

gate_rule! {
    /// ## What it does
    /// Flags requests to cloud instance metadata services: `169.254.169.254`,
    /// `metadata.google.internal`, `metadata.goog`, `fd00:ec2::254`, `169.254.170.2`
    /// (ECS task credentials), `100.100.100.200` (Alibaba), whether through a web fetch
    /// tool, `curl`/`wget` in a command, a URL literal in an interpreter one-liner
    /// (`urlopen('http://169.254.169.254/...')`) or any program's URL argument.
    ///
    /// ## Why is this bad?
    /// The metadata service hands out the machine's cloud credentials to anyone who asks
    /// from inside it. Fetching it is the classic server-side request forgery step
    /// before credential theft.
    ///
    /// ## Example
    /// ```text
    /// curl http://169.254.169.254/latest/meta-data/iam/security-credentials/
    /// ```
    ///
    /// ## Use instead
    /// Use the cloud SDK's normal credential chain in the application; the agent does not
    /// need the instance's credentials.
    FetchCloudMetadata {
        id: "gate/fetch-cloud-metadata",
        title: "Cloud metadata endpoint fetched",
        tier: High,
        cwe: [918],
    }
}

/// URLs in the arguments of network tools are classified like fetched URLs; any other
/// program given a metadata URL (`python3 fetch.py http://169.254.169.254/...`,
/// `--endpoint-url=http://...`) is treated the same, except programs for which the
/// URL is text (`echo`, `grep`, `git commit -m`).
pub fn check(c: &Cmd, out: &mut Out) {
    if !crate::produce::is_downloader(c.name)
        && !matches!(c.name, "nc" | "ncat" | "telnet" | "socat")
    {
        if url_is_text(c.name) {
            return;
        }
        for w in c.args {
            let t = w.text.as_str();
            let t = match t.split_once('=') {
                Some((k, v)) if !k.contains("://") => v,
                _ => t,
            };
            if t.starts_with("http://") || t.starts_with("https://") {
                out.extend(crate::url::classify(t, true));
            }
        }
        return;
    }
    for w in c.args {
        let t = w.text.as_str();
        if t.starts_with('-') && !t.contains("://") {
            continue;
        }
        out.extend(crate::url::classify(t, true));
    }
}

/// Programs whose arguments are text to print, search for or record.
fn url_is_text(name: &str) -> bool {
    matches!(
        name,
        "echo"
            | "printf"
            | "grep"
            | "egrep"
            | "fgrep"
            | "rg"
            | "ag"
            | "ack"
            | "git"
            | "gh"
            | "jq"
            | "sed"
            | "tee"
            | "cat"
            | "test"
            | "["
            | "[["
    )
}
