use super::*;
use crate::testdata::{TOKEN, finding, rule};
use vibeguard_core::pipeline::ScanStats;
use vibeguard_core::{Fix, TextEdit};

fn report_of(findings: &[vibeguard_core::Finding]) -> String {
    let rules = [rule()];
    let stats = ScanStats::default();
    render(&Report {
        findings,
        rules: &rules,
        stats: &stats,
        warnings: &["unreadable <b>dir</b>".to_string()],
        show_secrets: false,
        tool_version: "0.1.0",
    })
}

#[test]
fn scanned_text_is_escaped_everywhere() {
    let mut f = finding("web/<script>alert(1)</script>.html", 4, TOKEN);
    f.snippet = "<script>alert(\"x\")</script> ' & \u{202E}".into();
    f.message = "msg <img src=x onerror=alert(1)>".into();
    let html = report_of(&[f]);
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only our own script element"
    );
    assert!(
        html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39; &amp; \u{FFFD}")
    );
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>dir"));
    assert!(!html.contains(TOKEN), "secret in the report");
}

#[test]
fn the_report_loads_nothing_and_allows_only_its_own_code() {
    let html = report_of(&[finding("a.py", 1, TOKEN)]);
    for needle in [
        "src=\"http",
        "href=\"http",
        "url(",
        "@import",
        "<link",
        "<iframe",
    ] {
        assert!(!html.contains(needle), "{needle} in the report");
    }
    let csp = html
        .lines()
        .find(|l| l.contains("Content-Security-Policy"))
        .unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(csp.contains(&csp_hash(assets::SCRIPT)), "{csp}");
    assert!(csp.contains(&csp_hash(assets::STYLE)), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
}

#[test]
fn a_fix_inside_the_line_is_shown_as_a_diff() {
    let mut f = finding("app.py", 3, TOKEN);
    f.secret = None;
    f.snippet = "requests.get(url, verify=False)".into();
    f.location.column = 19;
    f.location.byte_start = 118;
    f.location.byte_end = 130;
    f.fix = Some(Fix {
        description: "verify certificates".into(),
        edits: vec![TextEdit {
            byte_start: 116,
            byte_end: 130,
            replacement: String::new(),
        }],
    });
    let html = report_of(&[f]);
    assert!(
        html.contains("<del>- requests.get(url, verify=False)</del>"),
        "{html}"
    );
    assert!(html.contains("<ins>+ requests.get(url)</ins>"), "{html}");
}
