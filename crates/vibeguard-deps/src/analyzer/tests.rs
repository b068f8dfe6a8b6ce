//! The scan analyzer on real files in a temporary project, offline.

use super::*;

fn store(dir: &Path) {
    let mut b = vibeguard_store::AdvisoryBuilder::create(&dir.join("advisories.db")).unwrap();
    let mut rep = crate::import::ImportReport::default();
    for r in [
        r#"{"id":"GHSA-django","aliases":["CVE-2022-34265"],"summary":"SQL injection in Trunc and Extract","affected":[{"package":{"ecosystem":"PyPI","name":"django"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"3.2"},{"fixed":"3.2.14"}]}]}],"severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]}"#,
        r#"{"id":"MAL-2023-9","summary":"Malicious code in evil-pkg","affected":[{"package":{"ecosystem":"npm","name":"evil-pkg"},"versions":["1.0.0"]}]}"#,
    ] {
        crate::import::add_record(
            &mut b,
            &crate::osv::Record::from_json(r.as_bytes()).unwrap(),
            "t",
            &mut rep,
        )
        .unwrap();
    }
    b.commit().unwrap();
}

fn run(a: &DepsAnalyzer, path: &str, text: &str) -> Vec<Finding> {
    let mut cx = AnalyzeContext::new(false);
    a.analyze(&SourceFile::new(path, text.as_bytes()), &mut cx);
    cx.findings
}

#[test]
fn reports_vulnerable_malicious_lookalike_and_broken_files() {
    let cache = tempfile::tempdir().unwrap();
    store(cache.path());
    let proj = tempfile::tempdir().unwrap();
    let policy = DepsPolicy {
        offline: true,
        ..DepsPolicy::default()
    };
    let a = DepsAnalyzer::new(&policy, cache.path(), proj.path());
    assert!(a.wants("sub/requirements.txt") && a.wants("package-lock.json") && !a.wants("main.py"));

    let text = "flask==2.3.2\ndjango==3.2.10  # pinned\nreqeusts==2.31.0\n";
    let f = run(&a, "requirements.txt", text);
    let ids: Vec<&str> = f.iter().map(|f| f.rule_id.as_str()).collect();
    assert_eq!(ids, vec!["deps/vulnerable", "deps/typosquat"], "{f:#?}");
    let v = &f[0];
    assert_eq!((v.location.line, v.severity), (2, Severity::Critical));
    assert!(
        v.message.contains("GHSA-django, CVE-2022-34265") && v.message.contains("fixed in 3.2.14"),
        "{}",
        v.message
    );
    let fix = v.fix.as_ref().unwrap();
    let mut fixed = text.to_string();
    fixed.replace_range(
        fix.edits[0].byte_start..fix.edits[0].byte_end,
        &fix.edits[0].replacement,
    );
    assert!(fixed.contains("django==3.2.14  # pinned"));

    let lock = r#"{"lockfileVersion":3,"packages":{"":{"dependencies":{"evil-pkg":"1.0.0"}},"node_modules/evil-pkg":{"version":"1.0.0"}}}"#;
    let f = run(&a, "package-lock.json", lock);
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].rule_id.as_str(), f[0].severity),
        ("deps/malicious", Severity::Critical)
    );

    let f = run(&a, "yarn.lock", "  version \"1.0.0\"\n");
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].rule_id.as_str(), f[0].severity),
        ("deps/lockfile-error", Severity::Info)
    );
}

#[test]
fn a_manifest_next_to_its_lockfile_is_not_audited_twice() {
    let cache = tempfile::tempdir().unwrap();
    store(cache.path());
    let proj = tempfile::tempdir().unwrap();
    std::fs::write(proj.path().join("package-lock.json"), "{}").unwrap();
    let a = DepsAnalyzer::new(
        &DepsPolicy {
            offline: true,
            ..DepsPolicy::default()
        },
        cache.path(),
        proj.path(),
    );
    let f = run(
        &a,
        "package.json",
        r#"{"dependencies":{"evil-pkg":"1.0.0"}}"#,
    );
    assert!(f.iter().all(|f| f.rule_id != "deps/malicious"), "{f:#?}");
}
