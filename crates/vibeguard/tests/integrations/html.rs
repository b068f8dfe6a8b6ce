//! `vibeguard scan --format html`, opened in headless Chromium (Debian's package): a
//! screenshot, DOM counts, a real click on a severity filter, search, regrouping, and a
//! snippet holding `<script>` shown as text; no request leaves the page.

use crate::support::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

#[test]
fn chromium_renders_the_report_filters_it_and_shows_scanned_html_as_text() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("project");
    write(
        &p,
        "app/config.py",
        &format!("GITLAB = \"{}\"\n", gitlab_token()),
    );
    write(&p, "app/users.py", sql_injection_py());
    write(
        &p,
        "app/http.py",
        "import requests\n\nr = requests.get(\"https://example.com\", verify=False)\n",
    );
    write(
        &p,
        "web/index.html",
        &format!(
            "<html><body>\n<script>const key = \"{}\";</script>\n</body></html>\n",
            gitlab_token()
        ),
    );
    write(
        &p,
        "compose.yaml",
        "services:\n  app:\n    image: alpine:3.20\n    privileged: true\n",
    );
    let report = d.path().join("report.html");
    let out = Command::new(vibeguard_bin())
        .args(["scan", ".", "--format", "html", "-o"])
        .arg(&report)
        .current_dir(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(!html.contains(&gitlab_token()), "secret in the report");

    let shot = d.path().join("report.png");
    let out = Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integrations/html_check.cjs"))
        .arg(system_program("chromium"))
        .arg(&report)
        .arg(&shot)
        .arg(d.path().join("chromium-profile"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();

    let articles = v["articles"].as_u64().unwrap();
    assert_eq!(articles, 5, "{v:#}");
    assert_eq!(v["visible"], articles, "{v:#}");
    assert_eq!(
        v["shown_text"],
        articles.to_string(),
        "the script ran: {v:#}"
    );
    assert_eq!(v["by_severity"]["critical"], 2, "{v:#}");
    assert!(v["chart_bars"].as_u64().unwrap() >= 5, "{v:#}");
    assert_eq!(
        v["script_elements"], 1,
        "only the report's own script: {v:#}"
    );
    let snippet = &v["script_snippet"];
    assert!(
        snippet["text"]
            .as_str()
            .unwrap()
            .contains("<script>const key"),
        "{v:#}"
    );
    assert_eq!(snippet["child_elements"], 0, "{v:#}");
    assert_eq!(snippet["scripts_in_article"], 0, "{v:#}");

    let high = v["by_severity"]["high"].as_u64().unwrap();
    assert!(high >= 1, "{v:#}");
    assert_eq!(v["after_click"]["checked"], false, "{v:#}");
    assert_eq!(v["after_click"]["visible_high"], 0, "{v:#}");
    assert_eq!(v["after_click"]["visible"], articles - high, "{v:#}");
    assert_eq!(
        v["after_click"]["shown_text"],
        (articles - high).to_string()
    );
    let searched: Vec<&str> = v["after_search"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert_eq!(
        searched,
        vec!["secrets/gitlab-pat", "secrets/gitlab-pat"],
        "{v:#}"
    );
    assert!(
        v["groups_by_path"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == "web/index.html"),
        "{v:#}"
    );

    assert_eq!(v["requests"], serde_json::json!([]), "{v:#}");
    assert_eq!(v["csp_violations"], serde_json::json!([]), "{v:#}");
    assert_eq!(v["js_errors"], serde_json::json!([]), "{v:#}");
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "screenshot of {} bytes",
        png.len()
    );
    // Kept for a person to look at when the test is run by hand.
    if let Some(dir) = std::env::var_os("VIBEGUARD_SCREENSHOT_DIR") {
        std::fs::copy(&shot, Path::new(&dir).join("html-report.png")).unwrap();
    }
}
