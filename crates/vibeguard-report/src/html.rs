//! One self-contained HTML report: no network, no external asset, nothing but its own
//! inline style and script allowed to run.
//!
//! Every string from a scan (paths, messages, snippets, rule text) is HTML-escaped where it
//! is written ([`esc`]); the script only reads `data-` attributes and moves or hides nodes
//! (no `innerHTML`). The Content-Security-Policy `<meta>` allows exactly the inline style
//! and script by their SHA-256, so even a string that escaped escaping could not run.
//!
//! Layout: counts by severity and by analyzer as small SVG bar charts; a search box,
//! severity and analyzer filters and a group-by choice (severity, rule, file); each
//! finding with its source lines, its data-flow path when it has one, its fix as a diff and
//! a link to its rule's documentation, which is written once per rule at the end.

mod assets;
mod finding;

use crate::Report;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write;
use vibeguard_core::Severity;

/// Escape text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            // Bidirectional overrides can make a line read differently from its bytes.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The analyzer a rule belongs to, from its id's domain (`secrets/x` -> secrets; code
/// rules are per language, config rules per format).
pub fn analyzer_of(rule_id: &str) -> &'static str {
    match rule_id.split('/').next().unwrap_or("") {
        "secrets" => "secrets",
        "gate" => "gate",
        "deps" => "deps",
        "python" | "js" | "ts" | "go" | "java" | "php" | "ruby" | "csharp" | "rust" | "c" => "code",
        _ => "config",
    }
}

pub fn render(r: &Report<'_>) -> String {
    let style = assets::STYLE;
    let script = assets::SCRIPT;
    let mut s = String::with_capacity(16 * 1024 + r.findings.len() * 1024);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src {}; script-src {}; img-src data:; base-uri 'none'; form-action 'none'\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"referrer\" content=\"no-referrer\">\n<title>vibeguard report</title>\n<style>{style}</style>\n</head>\n<body>\n",
        csp_hash(style),
        csp_hash(script),
    );
    header(&mut s, r);
    charts(&mut s, r);
    controls(&mut s, r);
    s.push_str("<main id=\"findings\">\n");
    let mut by_sev: BTreeMap<std::cmp::Reverse<Severity>, Vec<usize>> = BTreeMap::new();
    for (i, f) in r.findings.iter().enumerate() {
        by_sev
            .entry(std::cmp::Reverse(f.severity))
            .or_default()
            .push(i);
    }
    if r.findings.is_empty() {
        s.push_str("<p class=\"empty\">No findings.</p>\n");
    }
    for (sev, idx) in &by_sev {
        let _ = writeln!(
            s,
            "<section class=\"group\" data-key=\"{0}\"><h2>{0} <span class=\"n\">{1}</span></h2>",
            sev.0,
            idx.len()
        );
        for &i in idx {
            finding::render(&mut s, r, &r.findings[i], i);
        }
        s.push_str("</section>\n");
    }
    s.push_str("</main>\n");
    rules_section(&mut s, r);
    let _ = write!(s, "<script>{script}</script>\n</body>\n</html>\n");
    s
}

fn header(s: &mut String, r: &Report<'_>) {
    let st = r.stats;
    let n = r.findings.len();
    let _ = writeln!(
        s,
        "<header><h1>vibeguard report</h1><p class=\"summary\"><b id=\"total\">{n}</b> finding{} \
in {} {} ({}) · vibeguard {}</p>",
        if n == 1 { "" } else { "s" },
        st.files_scanned,
        if st.from_blobs { "blobs" } else { "files" },
        crate::human_bytes(st.bytes_scanned),
        esc(r.tool_version),
    );
    if !r.warnings.is_empty() {
        let _ = writeln!(
            s,
            "<details class=\"warnings\"><summary>{} warning(s)</summary><ul>",
            r.warnings.len()
        );
        for w in r.warnings.iter().take(200) {
            let _ = writeln!(s, "<li>{}</li>", esc(w));
        }
        s.push_str("</ul></details>");
    }
    s.push_str("</header>\n");
}

/// One horizontal bar chart as inline SVG.
fn bar_chart(s: &mut String, id: &str, title: &str, rows: &[(String, usize, &str)]) {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let h = 22 * rows.len().max(1) + 8;
    let _ = writeln!(
        s,
        "<figure class=\"chart\" id=\"{id}\"><figcaption>{}</figcaption>\
<svg role=\"img\" width=\"320\" height=\"{h}\" viewBox=\"0 0 320 {h}\"><title>{}</title>",
        esc(title),
        esc(title)
    );
    for (i, (label, n, class)) in rows.iter().enumerate() {
        let y = 4 + i * 22;
        let w = (*n as f64 / max as f64 * 180.0).round() as usize;
        let _ = writeln!(
            s,
            "<g class=\"bar {class}\"><text x=\"0\" y=\"{ty}\">{l}</text>\
<rect x=\"90\" y=\"{y}\" width=\"{w}\" height=\"16\" rx=\"2\"></rect>\
<text x=\"{tx}\" y=\"{ty}\" class=\"count\">{n}</text></g>",
            ty = y + 13,
            l = esc(label),
            tx = 96 + w,
        );
    }
    s.push_str("</svg></figure>\n");
}

fn charts(s: &mut String, r: &Report<'_>) {
    s.push_str("<section id=\"charts\">\n");
    let sev_rows: Vec<(String, usize, &str)> = r
        .counts()
        .iter()
        .map(|(sev, n)| (sev.to_string(), *n, sev.as_str()))
        .collect();
    bar_chart(s, "chart-severity", "Findings by severity", &sev_rows);
    let mut by_an: BTreeMap<&str, usize> = BTreeMap::new();
    for f in r.findings {
        *by_an.entry(analyzer_of(&f.rule_id)).or_default() += 1;
    }
    let an_rows: Vec<(String, usize, &str)> = by_an
        .iter()
        .map(|(a, n)| (a.to_string(), *n, "analyzer"))
        .collect();
    bar_chart(s, "chart-analyzer", "Findings by analyzer", &an_rows);
    s.push_str("</section>\n");
}

fn controls(s: &mut String, r: &Report<'_>) {
    s.push_str(
        "<section id=\"controls\"><input id=\"search\" type=\"search\" placeholder=\"Search rule, file, message, code\" aria-label=\"Search\">\n<fieldset id=\"filter-severity\"><legend>Severity</legend>",
    );
    for (sev, n) in r.counts() {
        let _ = write!(
            s,
            "<label><input type=\"checkbox\" name=\"severity\" value=\"{0}\" id=\"sev-{0}\" checked> {0} ({n})</label>",
            sev
        );
    }
    s.push_str("</fieldset>\n<fieldset id=\"filter-analyzer\"><legend>Analyzer</legend>");
    let mut analyzers: Vec<&str> = r.findings.iter().map(|f| analyzer_of(&f.rule_id)).collect();
    analyzers.sort_unstable();
    analyzers.dedup();
    for a in analyzers {
        let _ = write!(
            s,
            "<label><input type=\"checkbox\" name=\"analyzer\" value=\"{a}\" id=\"an-{a}\" checked> {a}</label>"
        );
    }
    s.push_str(
        "</fieldset>\n<label>Group by <select id=\"group-by\"><option value=\"severity\">severity</option>\
<option value=\"rule\">rule</option><option value=\"path\">file</option></select></label>\n\
<span class=\"shown\"><b id=\"shown\"></b> shown</span></section>\n",
    );
}

fn rules_section(s: &mut String, r: &Report<'_>) {
    let mut ids: Vec<&str> = r.findings.iter().map(|f| f.rule_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return;
    }
    s.push_str("<section id=\"rules\"><h2>Rules</h2>\n");
    for id in ids {
        let _ = write!(
            s,
            "<details class=\"rule\" id=\"{}\"><summary><code>{}</code>",
            esc(&finding::rule_anchor(id)),
            esc(id)
        );
        match r.rule(id) {
            Some(rule) => {
                let cwe: Vec<String> = rule.cwe.iter().map(|c| format!("CWE-{c}")).collect();
                let _ = write!(
                    s,
                    " {} <span class=\"meta\">{} · {}</span></summary>",
                    esc(&rule.title),
                    rule.severity,
                    esc(&cwe.join(", "))
                );
                for (h, body) in [
                    ("What it does", &rule.doc.what),
                    ("Why is this bad?", &rule.doc.why),
                    ("Example", &rule.doc.example),
                    ("Use instead", &rule.doc.use_instead),
                ] {
                    let body = body.trim();
                    if body.is_empty() {
                        continue;
                    }
                    if h == "Example" || h == "Use instead" {
                        let _ = write!(s, "<h3>{h}</h3><pre>{}</pre>", esc(body));
                    } else {
                        let _ = write!(s, "<h3>{h}</h3><p>{}</p>", esc(body));
                    }
                }
            }
            None => s.push_str("</summary><p>No documentation for this rule.</p>"),
        }
        s.push_str("</details>\n");
    }
    s.push_str("</section>\n");
}

#[cfg(test)]
mod tests;
