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

/// Maven and NuGet files against OSV records of those ecosystems: the ranges follow each
/// ecosystem's ordering (`2.9.10.1` < `2.9.10.8` in Maven, four-part NuGet versions).
#[test]
fn maven_and_nuget_files_are_audited() {
    let cache = tempfile::tempdir().unwrap();
    let mut b =
        vibeguard_store::AdvisoryBuilder::create(&cache.path().join("advisories.db")).unwrap();
    let mut rep = crate::import::ImportReport::default();
    for r in [
        r#"{"id":"GHSA-jfh8-c2jp-5v3q","aliases":["CVE-2021-44228"],"summary":"Remote code injection in Log4j","affected":[{"package":{"ecosystem":"Maven","name":"org.apache.logging.log4j:log4j-core"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"2.0-beta9"},{"fixed":"2.3.1"},{"introduced":"2.4"},{"fixed":"2.12.2"},{"introduced":"2.13.0"},{"fixed":"2.15.0"}]}]}],"severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"}]}"#,
        r#"{"id":"GHSA-test-jackson","summary":"Deserialization of untrusted data in jackson-databind","affected":[{"package":{"ecosystem":"Maven","name":"com.fasterxml.jackson.core:jackson-databind"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"2.9.0"},{"fixed":"2.9.10.8"}]}]}]}"#,
        r#"{"id":"GHSA-5crp-9r3c-p9vr","aliases":["CVE-2024-21907"],"summary":"Improper handling of exceptional conditions in Newtonsoft.Json","affected":[{"package":{"ecosystem":"NuGet","name":"Newtonsoft.Json"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"13.0.1"}]}]}]}"#,
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
    let proj = tempfile::tempdir().unwrap();
    let policy = DepsPolicy {
        offline: true,
        ..DepsPolicy::default()
    };
    let a = DepsAnalyzer::new(&policy, cache.path(), proj.path());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lockfiles");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    let vulnerable = |f: &[Finding]| -> Vec<(u32, String)> {
        f.iter()
            .filter(|f| f.rule_id == "deps/vulnerable")
            .map(|f| {
                (
                    f.location.line,
                    f.properties.values["advisoryIds"][0]
                        .as_str()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect()
    };
    let f = run(&a, "pom.xml", &read("pom.xml"));
    assert_eq!(
        vulnerable(&f),
        vec![
            (28, "GHSA-jfh8-c2jp-5v3q".to_string()),
            (33, "GHSA-test-jackson".to_string())
        ],
        "{f:#?}"
    );
    assert_eq!(f[0].properties.values["fixedVersion"], "2.15.0");
    let f = run(&a, "gradle.lockfile", &read("gradle.lockfile"));
    assert_eq!(
        vulnerable(&f),
        vec![(8, "GHSA-jfh8-c2jp-5v3q".to_string())],
        "{f:#?}"
    );
    let f = run(&a, "packages.lock.json", &read("packages.lock.json"));
    assert_eq!(
        vulnerable(&f),
        vec![(5, "GHSA-5crp-9r3c-p9vr".to_string())],
        "{f:#?}"
    );
    assert_eq!(f[0].properties.values["fixedVersion"], "13.0.1");
}
