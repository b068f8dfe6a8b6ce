//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per
//! finding, shown on the pull request's diff.
//!
//! A workflow command is any stdout line starting with `::`. Scanned text must never
//! start one: values are escaped as the runner expects (`%`, CR and LF in data; also `:`
//! and `,` in properties), so a message or path holding a newline followed by
//! `::add-mask::` or `::stop-commands::` stays inside its own annotation.

use crate::Report;
use std::fmt::Write;
use vibeguard_core::Severity;

/// Escape the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "notice",
    }
}

pub fn render(r: &Report<'_>) -> String {
    let mut out = String::new();
    for f in r.findings {
        let l = &f.location;
        let title = format!("{} ({})", f.rule_id, f.severity);
        let _ = writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            level(f.severity),
            escape_property(&l.path),
            l.line,
            l.column,
            l.end_line.max(l.line),
            l.end_column,
            escape_property(&title),
            escape_data(&format!("{} [{}]", f.message, f.rule_id)),
        );
    }
    let counts: Vec<String> = r.counts().iter().map(|(s, c)| format!("{c} {s}")).collect();
    let _ = writeln!(
        out,
        "vibeguard: {} finding(s): {}",
        r.findings.len(),
        counts.join(", ")
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{TOKEN, finding, rule};
    use vibeguard_core::pipeline::ScanStats;

    #[test]
    fn scanned_text_cannot_start_a_workflow_command() {
        let mut f = finding("dir,x:y/a%0A.py", 2, TOKEN);
        f.message = "bad\n::add-mask::x\r\n::stop-commands::tok".into();
        let rules = [rule()];
        let stats = ScanStats::default();
        let findings = [f];
        let out = render(&Report {
            findings: &findings,
            rules: &rules,
            stats: &stats,
            warnings: &[],
            show_secrets: false,
            tool_version: "0.1.0",
        });
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(
            lines[0].starts_with("::error file=dir%2Cx%3Ay/a%250A.py,line=2,col=10,"),
            "{out}"
        );
        assert!(
            lines[0]
                .ends_with("::bad%0A::add-mask::x%0D%0A::stop-commands::tok [secrets/test-token]"),
            "{out}"
        );
        assert!(lines.iter().skip(1).all(|l| !l.starts_with("::")), "{out}");
        assert!(!out.contains(TOKEN));
    }
}
