//! Compiler-style text: `path:line:col: severity rule-id message`, the source line with
//! the secret redacted and a caret under it, then one summary line.

use crate::sanitize::{path_at_line_start, terminal_safe};
use crate::{Report, display_snippet, human_bytes};
use anstyle::{AnsiColor, Style};
use std::fmt::Write;
use std::time::Duration;
use vibeguard_core::pipeline::ScanStats;
use vibeguard_core::{Finding, Severity};

/// Longest stretch of a source line shown; longer lines (minified code) are cut around
/// the finding.
const MAX_SHOWN: usize = 160;
/// Characters kept before the finding when a long line is cut.
const LEAD: usize = 40;

/// Styles, all plain when colour is off.
struct Paint {
    on: bool,
}

impl Paint {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.on {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }
}

fn severity_style(s: Severity) -> Style {
    let c = |a: AnsiColor| Style::new().fg_color(Some(a.into()));
    match s {
        Severity::Critical => c(AnsiColor::Red).bold(),
        Severity::High => c(AnsiColor::Red),
        Severity::Medium => c(AnsiColor::Yellow),
        Severity::Low => c(AnsiColor::Cyan),
        Severity::Info => Style::new().dimmed(),
    }
}

/// Render the findings and the summary line.
pub fn render(report: &Report<'_>, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    for f in report.findings {
        render_finding(&mut out, f, report.show_secrets, &p);
    }
    out.push_str(&summary_line(report, &p));
    out.push('\n');
    out
}

fn render_finding(out: &mut String, f: &Finding, show_secrets: bool, p: &Paint) {
    let loc = &f.location;
    let sev = severity_style(f.severity);
    let _ = writeln!(
        out,
        "{}: {} {} {}",
        p.paint(
            Style::new().bold(),
            &format!(
                "{}:{}:{}",
                path_at_line_start(&loc.path),
                loc.line,
                loc.column
            )
        ),
        p.paint(sev, f.severity.as_str()),
        p.paint(Style::new().dimmed(), &terminal_safe(&f.rule_id)),
        terminal_safe(&f.message),
    );
    let snippet = display_snippet(f, show_secrets);
    if let Some(line) = snippet.lines().next().filter(|l| !l.trim().is_empty()) {
        let (shown, caret_at, caret_len) = caret(line, f, show_secrets);
        let num = loc.line.to_string();
        let gutter = " ".repeat(num.len());
        let bar = p.paint(Style::new().dimmed(), "|");
        let _ = writeln!(out, "  {num} {bar} {shown}");
        let _ = writeln!(
            out,
            "  {gutter} {bar} {}{}",
            " ".repeat(caret_at),
            p.paint(sev, &"^".repeat(caret_len.max(1)))
        );
    }
    if let Some(pr) = &f.provenance {
        let short = pr.commit.get(..12).unwrap_or(&pr.commit);
        let _ = writeln!(
            out,
            "  = introduced in {} by {} <{}> on {} as {}",
            terminal_safe(short),
            terminal_safe(&pr.author),
            terminal_safe(&pr.email),
            terminal_safe(&pr.date),
            terminal_safe(&pr.path)
        );
    }
    if let Some(fix) = &f.fix {
        let _ = writeln!(out, "  = fix: {}", terminal_safe(&fix.description));
    }
}

/// The line to show (escaped, cut if long), where the caret starts and how long it is,
/// all in characters.
fn caret(line: &str, f: &Finding, show_secrets: bool) -> (String, usize, usize) {
    let col = (f.location.column as usize).saturating_sub(1);
    let marked = f.secret.as_ref().map(|s| {
        if show_secrets && !s.raw.is_empty() {
            s.raw.as_str()
        } else {
            s.redacted.as_str()
        }
    });
    // Byte range of the highlighted text within `line`.
    let (start, end) = match marked.filter(|m| !m.is_empty()) {
        Some(m) => match line
            .get(col..)
            .and_then(|rest| rest.find(m))
            .map(|i| i + col)
        {
            Some(i) => (i, i + m.len()),
            None => match line.find(m) {
                Some(i) => (i, i + m.len()),
                None => (col, col + 1),
            },
        },
        None => {
            let end = if f.location.end_line == f.location.line {
                (f.location.end_column as usize).saturating_sub(1)
            } else {
                line.len()
            };
            (col, end.max(col + 1))
        }
    };
    let start = floor_char(line, start.min(line.len()));
    let end = floor_char(line, end.min(line.len())).max(start);
    let chars_before = line[..start].chars().count();
    let mut caret_len = line[start..end].chars().count();
    let total = line.chars().count();
    if caret_len == 0 && start >= line.len() {
        caret_len = 1;
    }
    if total <= MAX_SHOWN {
        return (terminal_safe(line), chars_before, caret_len);
    }
    // Cut a window around the finding.
    let from = chars_before.saturating_sub(LEAD);
    let take = MAX_SHOWN;
    let window: String = line.chars().skip(from).take(take).collect();
    let mut shown = String::new();
    let mut offset = 0;
    if from > 0 {
        shown.push('…');
        offset = 1;
    }
    shown.push_str(&terminal_safe(&window));
    if from + take < total {
        shown.push('…');
    }
    let caret_at = chars_before - from + offset;
    (shown, caret_at, caret_len.min(take - (chars_before - from)))
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The one summary line on its own (no newline).
pub fn summary(report: &Report<'_>, color: bool) -> String {
    summary_line(report, &Paint { on: color })
}

/// `3 findings: 1 critical, 2 high, 0 medium, 0 low, 0 info; 120 files (1.2 MiB) in 0.05s`
/// plus what was skipped or suppressed, when anything was.
fn summary_line(report: &Report<'_>, p: &Paint) -> String {
    let n = report.findings.len();
    let head = match n {
        0 => p.paint(
            Style::new().fg_color(Some(AnsiColor::Green.into())).bold(),
            "no findings",
        ),
        1 => p.paint(Style::new().bold(), "1 finding"),
        n => p.paint(Style::new().bold(), &format!("{n} findings")),
    };
    let counts: Vec<String> = report
        .counts()
        .iter()
        .map(|(s, c)| format!("{c} {s}"))
        .collect();
    let st = report.stats;
    let mut line = if n == 0 {
        head
    } else {
        format!("{head}: {}", counts.join(", "))
    };
    let _ = write!(
        line,
        "; {} {} ({}) scanned in {}",
        st.files_scanned,
        match (st.from_blobs, st.files_scanned == 1) {
            (false, true) => "file",
            (false, false) => "files",
            (true, true) => "blob",
            (true, false) => "blobs",
        },
        human_bytes(st.bytes_scanned),
        seconds(st.wall)
    );
    let mut extra = Vec::new();
    if st.skipped_binary > 0 {
        extra.push(format!("{} binary", st.skipped_binary));
    }
    if st.skipped_large > 0 {
        extra.push(format!("{} too large", st.skipped_large));
    }
    if st.skipped_symlinks > 0 {
        extra.push(format!("{} symlinks", st.skipped_symlinks));
    }
    if st.unreadable > 0 {
        extra.push(format!("{} unreadable", st.unreadable));
    }
    if !extra.is_empty() {
        let _ = write!(line, "; skipped {}", extra.join(", "));
    }
    let mut hidden = Vec::new();
    if st.suppressed_inline > 0 {
        hidden.push(format!("{} inline", st.suppressed_inline));
    }
    if st.suppressed_baseline > 0 {
        hidden.push(format!("{} baseline", st.suppressed_baseline));
    }
    if !hidden.is_empty() {
        let _ = write!(line, "; suppressed {}", hidden.join(", "));
    }
    line
}

fn seconds(d: Duration) -> String {
    format!("{:.2}s", d.as_secs_f64())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The `--stats` block: counts, time per stage, slowest rules and files.
pub fn render_stats(st: &ScanStats) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "stats:");
    let _ = writeln!(
        out,
        "  {} scanned      {} ({})",
        if st.from_blobs { "blobs" } else { "files" },
        st.files_scanned,
        human_bytes(st.bytes_scanned)
    );
    let _ = writeln!(
        out,
        "  skipped            {} binary, {} too large, {} symlinks, {} unreadable",
        st.skipped_binary, st.skipped_large, st.skipped_symlinks, st.unreadable
    );
    let _ = writeln!(
        out,
        "  filtered           {} inline, {} baseline, {} unchanged lines, {} below threshold, {} disabled",
        st.suppressed_inline,
        st.suppressed_baseline,
        st.filtered_unchanged,
        st.filtered_severity,
        st.filtered_disabled
    );
    let secs = st.wall.as_secs_f64();
    if secs > 0.0 {
        let _ = writeln!(
            out,
            "  throughput         {:.1} MiB/s",
            st.bytes_scanned as f64 / (1024.0 * 1024.0) / secs
        );
    }
    let _ = writeln!(out, "  time (wall)        {}", ms(st.wall));
    let _ = writeln!(out, "  stages (summed over threads):");
    let _ = writeln!(out, "    walk+read        {}", ms(st.walk_read));
    for (name, d) in st.analyzer_stages() {
        let _ = writeln!(out, "    analyze:{:<8} {}", terminal_safe(name), ms(d));
    }
    let _ = writeln!(out, "    filter           {}", ms(st.filter));
    let _ = writeln!(out, "    report           {}", ms(st.report));
    if !st.slowest_rules.is_empty() {
        let _ = writeln!(out, "  slowest rules:");
        for (id, d) in &st.slowest_rules {
            let _ = writeln!(out, "    {:>10}  {}", ms(*d), terminal_safe(id));
        }
    }
    if !st.slowest_files.is_empty() {
        let what = if st.from_blobs { "blobs" } else { "files" };
        let _ = writeln!(out, "  slowest {what}:");
        for (path, d) in &st.slowest_files {
            let _ = writeln!(out, "    {:>10}  {}", ms(*d), terminal_safe(path));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{finding, rule, with_extras};

    fn report<'a>(
        findings: &'a [Finding],
        rules: &'a [vibeguard_core::RuleInfo],
        stats: &'a ScanStats,
        show: bool,
    ) -> Report<'a> {
        Report {
            findings,
            rules,
            stats,
            warnings: &[],
            show_secrets: show,
            tool_version: "0.0.0",
        }
    }

    #[test]
    fn compiler_style_with_redacted_line_and_caret() {
        let secret = crate::testdata::TOKEN;
        let fs = [finding("app/config.py", 3, secret)];
        let rules = [rule()];
        let st = ScanStats {
            files_scanned: 2,
            bytes_scanned: 2048,
            ..ScanStats::default()
        };
        let text = render(&report(&fs, &rules, &st, false), false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "app/config.py:3:10: high secrets/test-token test token in source"
        );
        let redacted = &fs[0].secret.as_ref().unwrap().redacted;
        assert_eq!(lines[1], format!("  3 | token = \"{redacted}\""));
        assert_eq!(
            lines[2],
            format!("    |          {}", "^".repeat(redacted.len()))
        );
        assert_eq!(
            lines[3],
            "1 finding: 0 critical, 1 high, 0 medium, 0 low, 0 info; 2 files (2.0 KiB) scanned in 0.00s"
        );
        assert!(!text.contains(secret));
        let shown = render(&report(&fs, &rules, &st, true), false);
        assert!(shown.contains(secret));
    }

    #[test]
    fn escapes_control_characters_and_shows_provenance_and_fix() {
        let mut f = with_extras(finding("a.py", 1, crate::testdata::TOKEN));
        f.snippet = format!("\x1b[2Jx = \"{}\"", f.secret.as_ref().unwrap().redacted);
        let fs = [f];
        let st = ScanStats::default();
        let text = render(&report(&fs, &[], &st, false), false);
        assert!(!text.contains('\x1b'), "{text:?}");
        assert!(text.contains("  = introduced in 0123456789ab by Dev ?[31mEvil <dev@example.com>"));
        assert!(text.contains("  = fix: read the token from TOKEN"));
    }

    #[test]
    fn no_output_line_starts_a_ci_log_command() {
        let hostile = [
            "::error file=app.py::owned",
            "##vso[task.setvariable variable=X]y",
            "##[warning]z",
            "a\n::add-mask::secret",
        ];
        let fs: Vec<Finding> = hostile
            .iter()
            .map(|p| {
                let mut f = finding(p, 1, crate::testdata::TOKEN);
                f.snippet = "::stop-commands::tok\n##vso[x]".to_string();
                f
            })
            .collect();
        let st = ScanStats::default();
        let text = render(&report(&fs, &[], &st, false), false);
        for line in text.lines() {
            for p in ["::", "##[", "##vso["] {
                assert!(!line.trim_start().starts_with(p), "{line:?}");
            }
        }
        assert!(text.contains("./::error file=app.py::owned:1:"), "{text}");
    }

    #[test]
    fn colour_only_when_asked() {
        let fs = [finding("a.py", 1, crate::testdata::TOKEN)];
        let st = ScanStats::default();
        assert!(!render(&report(&fs, &[], &st, false), false).contains('\x1b'));
        assert!(render(&report(&fs, &[], &st, false), true).contains('\x1b'));
    }

    #[test]
    fn long_lines_are_cut_around_the_finding() {
        let secret = crate::testdata::TOKEN;
        let mut f = finding("min.js", 1, secret);
        let redacted = f.secret.as_ref().unwrap().redacted.clone();
        let line = format!("{}k=\"{redacted}\"{}", "a".repeat(500), "b".repeat(500));
        f.snippet = line;
        f.location.column = 504;
        let fs = [f];
        let st = ScanStats::default();
        let text = render(&report(&fs, &[], &st, false), false);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[1].chars().count() < 200, "{}", lines[1]);
        let code = lines[1].split_once("| ").unwrap().1;
        let carets = lines[2].split_once("| ").unwrap().1;
        let at = carets.find('^').unwrap();
        let under: String = code.chars().skip(at).take(redacted.len()).collect();
        assert_eq!(under, redacted);
    }

    #[test]
    fn stats_block_lists_stages_and_slowest_rules() {
        let mut st = ScanStats::default();
        st.analyzer_time
            .insert("secrets".into(), Duration::from_millis(3));
        st.slowest_rules = vec![("secrets/x".into(), Duration::from_millis(2))];
        let s = render_stats(&st);
        assert!(s.contains("analyze:secrets"), "{s}");
        assert!(s.contains("walk+read"));
        assert!(s.contains("secrets/x"));
    }
}
