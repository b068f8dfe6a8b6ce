//! One finding as an `<article>`: header, source lines, data-flow path, fix, rule link.

use super::{analyzer_of, esc};
use crate::{Report, display_snippet};
use std::fmt::Write;
use vibeguard_core::Finding;

/// The `id` of a rule's documentation block.
pub fn rule_anchor(rule_id: &str) -> String {
    format!(
        "rule-{}",
        rule_id
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            })
            .collect::<String>()
    )
}

pub fn render(s: &mut String, r: &Report<'_>, f: &Finding, index: usize) {
    let snippet = display_snippet(f, r.show_secrets);
    let l = &f.location;
    let search = format!("{} {} {} {}", f.rule_id, l.path, f.message, snippet).to_lowercase();
    let _ = write!(
        s,
        "<article class=\"finding sev-{sev}\" id=\"f{index}\" data-severity=\"{sev}\" data-analyzer=\"{an}\" \
data-rule=\"{rule}\" data-path=\"{path}\" data-search=\"{search}\">\n<header><span class=\"badge {sev}\">{sev}</span> \
<a class=\"rule-id\" href=\"#{anchor}\">{rule}</a> <span class=\"loc\">{path}:{line}:{col}</span>\
<p class=\"message\">{msg}</p></header>\n",
        sev = f.severity,
        an = analyzer_of(&f.rule_id),
        rule = esc(&f.rule_id),
        path = esc(&l.path),
        search = esc(&search),
        anchor = esc(&rule_anchor(&f.rule_id)),
        line = l.line,
        col = l.column,
        msg = esc(&f.message),
    );
    source(s, f.location.line, &snippet);
    if let Some(flow) = flow(f) {
        s.push_str(&flow);
    }
    if let Some(p) = &f.provenance {
        let _ = writeln!(
            s,
            "<p class=\"provenance\">introduced in <code>{}</code> by {} &lt;{}&gt; on {}</p>",
            esc(&p.commit[..p.commit.len().min(12)]),
            esc(&p.author),
            esc(&p.email),
            esc(&p.date)
        );
    }
    if let Some(diff) = fix_diff(f, &snippet) {
        s.push_str(&diff);
    }
    s.push_str("</article>\n");
}

/// The finding's lines with their numbers.
fn source(s: &mut String, first_line: u32, snippet: &str) {
    if snippet.is_empty() {
        return;
    }
    s.push_str("<pre class=\"source\">");
    for (i, line) in snippet.lines().enumerate() {
        let _ = write!(
            s,
            "<span class=\"line\"><span class=\"ln\">{}</span><code>{}</code></span>",
            first_line as usize + i,
            esc(line)
        );
    }
    s.push_str("</pre>\n");
}

/// The data-flow path (source to sink) of a finding that has one.
///
/// Hook for the taint engine: `Finding` has no flow field yet. When it gains one (a list
/// of steps, each a location and a label), render the steps here as an `<ol class="flow">`
/// of `path:line` and escaped label; the style sheet already lays that list out.
fn flow(_f: &Finding) -> Option<String> {
    None
}

/// The fix as a unified diff of the finding's lines: the edits that fall inside the
/// snippet are applied to it; other edits are listed as replacements.
fn fix_diff(f: &Finding, snippet: &str) -> Option<String> {
    let fix = f.fix.as_ref()?;
    let l = &f.location;
    // The snippet starts at the first byte of the finding's line.
    let line_start = l
        .byte_start
        .checked_sub(l.column.saturating_sub(1) as usize)?;
    let mut after = snippet.to_string();
    let mut outside = Vec::new();
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.byte_start));
    for e in edits {
        let inside = e.byte_start >= line_start
            && e.byte_end <= line_start + snippet.len()
            && f.secret.is_none();
        let (a, b) = (
            e.byte_start.wrapping_sub(line_start),
            e.byte_end.wrapping_sub(line_start),
        );
        if inside && after.is_char_boundary(a) && after.is_char_boundary(b) && a <= b {
            after.replace_range(a..b, &e.replacement);
        } else {
            outside.push(e);
        }
    }
    let mut s = format!(
        "<details class=\"fix\" open><summary>Fix: {}</summary><pre class=\"diff\">",
        esc(&fix.description)
    );
    if after != snippet {
        for line in snippet.lines() {
            let _ = write!(s, "<del>- {}</del>", esc(line));
        }
        for line in after.lines() {
            let _ = write!(s, "<ins>+ {}</ins>", esc(line));
        }
    }
    for e in outside {
        let _ = write!(
            s,
            "<ins>+ {} <span class=\"at\">(bytes {}..{})</span></ins>",
            esc(&e.replacement),
            e.byte_start,
            e.byte_end
        );
    }
    s.push_str("</pre></details>\n");
    Some(s)
}
