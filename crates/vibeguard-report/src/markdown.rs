//! Markdown for pull-request comments and the GitHub job summary.
//!
//! Scanned text (paths, messages, snippets) may hold Markdown or HTML meant to fake a
//! clean report, hide a finding or inject links; every such string goes through
//! [`md_escape`] (HTML entities plus Markdown punctuation) and snippets are shown in
//! `<code>` elements with entities, never in backtick spans a snippet could close.

use crate::{Report, display_snippet};
use std::fmt::Write;

/// At most this many findings are listed; a summary job has a size limit (1 MiB).
pub const MAX_ROWS: usize = 200;

/// Escape text for a Markdown table cell: HTML special characters become entities,
/// Markdown punctuation is backslash-escaped, line breaks become spaces.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '|' => out.push_str("&#124;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '!' | '~' | '{' | '}' | '$'
            | '@' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('?'),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => out.push('?'),
            c => out.push(c),
        }
    }
    out
}

/// A snippet as inline HTML code: entities only (Markdown is not parsed inside `<code>`
/// in a table cell on GitHub, but `|` still splits cells, so it becomes an entity).
fn code(s: &str) -> String {
    let mut out = String::from("<code>");
    for c in s.trim().chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("&#124;"),
            '`' => out.push_str("&#96;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('?'),
            c => out.push(c),
        }
    }
    out.push_str("</code>");
    out
}

pub fn render(r: &Report<'_>) -> String {
    let mut s = String::new();
    let n = r.findings.len();
    let _ = writeln!(s, "### vibeguard: {}\n", headline(n));
    let counts: Vec<String> = r
        .counts()
        .iter()
        .filter(|(_, c)| *c > 0)
        .map(|(sev, c)| format!("{c} {sev}"))
        .collect();
    if !counts.is_empty() {
        let _ = writeln!(s, "{}\n", counts.join(" · "));
    }
    if n > 0 {
        s.push_str("| severity | rule | location | finding |\n|---|---|---|---|\n");
        for f in r.findings.iter().take(MAX_ROWS) {
            let title = r.rule(&f.rule_id).map_or("", |rule| rule.title.as_str());
            let _ = writeln!(
                s,
                "| {sev} | {id}<br>{title} | {path}:{line} | {msg}<br>{snip} |",
                sev = f.severity,
                id = md_escape(&f.rule_id),
                title = md_escape(title),
                path = md_escape(&f.location.path),
                line = f.location.line,
                msg = md_escape(&f.message),
                snip = code(&display_snippet(f, r.show_secrets)),
            );
        }
        if n > MAX_ROWS {
            let _ = writeln!(
                s,
                "\n… and {} more (see the SARIF or JSON report)",
                n - MAX_ROWS
            );
        }
        s.push('\n');
    }
    let st = r.stats;
    let _ = writeln!(
        s,
        "<sub>{} {} ({}) scanned by vibeguard {}; `vibeguard explain RULE` documents each rule.</sub>",
        st.files_scanned,
        if st.from_blobs { "blobs" } else { "files" },
        crate::human_bytes(st.bytes_scanned),
        md_escape(r.tool_version),
    );
    s
}

fn headline(n: usize) -> String {
    match n {
        0 => "no findings".to_string(),
        1 => "1 finding".to_string(),
        n => format!("{n} findings"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{TOKEN, finding, rule};
    use vibeguard_core::pipeline::ScanStats;

    #[test]
    fn markdown_escapes_scanned_text_and_redacts() {
        let mut f = finding("a|b/<img src=x onerror=alert(1)>.py", 3, TOKEN);
        f.message = "look [here](https://evil.example) **now**".into();
        f.snippet = "x = \"`</code><script>alert(1)</script>\" | y".into();
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
        assert!(out.contains("### vibeguard: 1 finding"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("<script>"), "{out}");
        assert!(!out.contains("](https"), "{out}");
        assert!(out.contains("a&#124;b/&lt;img"), "{out}");
        assert!(!out.contains(TOKEN), "{out}");
        // Each finding is one table row with exactly four cells.
        let row = out.lines().find(|l| l.starts_with("| high")).unwrap();
        assert_eq!(row.matches(" | ").count(), 3, "{row}");
    }
}
