//! The checker end to end: a store built from test records, a registry on 127.0.0.1.

use super::*;
use crate::test_http::{Reply, Server};
use std::collections::BTreeMap;

fn iso(secs_ago: i64) -> String {
    let t = jiff::Timestamp::from_second(jiff::Timestamp::now().as_second() - secs_ago).unwrap();
    t.to_string()
}

fn setup() -> (tempfile::TempDir, Server, Checker) {
    let fresh = iso(3600);
    let old = iso(3 * 365 * 24 * 3600);
    let server = Server::start(move |path| match path {
        "/pypi/requests/json" | "/pypi/django/json" => Reply::ok(format!(
            r#"{{"info":{{"version":"2.31.0"}},"releases":{{"2.31.0":[{{"upload_time_iso_8601":"{old}"}}],"1.0":[{{"upload_time_iso_8601":"{old}"}}],"0.9":[{{"upload_time_iso_8601":"{old}"}}]}}}}"#
        )),
        "/pypi/fresh-thing/json" => Reply::ok(format!(
            r#"{{"info":{{"version":"0.0.1"}},"releases":{{"0.0.1":[{{"upload_time_iso_8601":"{fresh}"}}]}}}}"#
        )),
        "/pypi/reqeusts/json" => Reply::ok(format!(
            r#"{{"info":{{"version":"1.0"}},"releases":{{"1.0":[{{"upload_time_iso_8601":"{old}"}}]}}}}"#
        )),
        "/pypi/slow-package/json" => Reply {
            delay: Duration::from_secs(2),
            ..Reply::ok("{}")
        },
        _ => Reply::status(404),
    });
    let dir = tempfile::tempdir().unwrap();
    let mut b =
        vibeguard_store::AdvisoryBuilder::create(&dir.path().join("advisories.db")).unwrap();
    let mut rep = crate::import::ImportReport::default();
    for r in [
        r#"{"id":"GHSA-x","summary":"SQL injection","affected":[{"package":{"ecosystem":"PyPI","name":"django"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"3.2.14"}]}]}],"severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]}"#,
        r#"{"id":"MAL-2022-1","summary":"Malicious code in colourama","affected":[{"package":{"ecosystem":"PyPI","name":"colourama"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]}]}"#,
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
    let mut registries = BTreeMap::new();
    registries.insert("PyPI".to_string(), server.base.clone());
    let policy = DepsPolicy {
        registries,
        allow: vec!["internal-lib".into()],
        ..DepsPolicy::default()
    };
    let c = Checker::new(&policy, dir.path());
    (dir, server, c)
}

fn rules(c: &Checker, name: &str, version: Option<&str>) -> (Vec<String>, Option<String>) {
    let req = PackageRequest {
        ecosystem: "PyPI".into(),
        name: name.into(),
        version: version.map(str::to_string),
        source: "pip install".into(),
    };
    let v = c
        .check(&[req], Instant::now() + Duration::from_millis(800))
        .remove(0);
    (
        v.issues.iter().map(|i| i.rule_id.clone()).collect(),
        v.unknown,
    )
}

#[test]
fn each_kind_of_bad_package() {
    let (_d, _s, c) = setup();
    assert_eq!(rules(&c, "requests", None), (vec![], None));
    assert_eq!(
        rules(&c, "django", Some("3.2.10")).0,
        vec!["deps/vulnerable"]
    );
    assert_eq!(rules(&c, "django", Some("3.2.14")).0, Vec::<String>::new());
    assert!(
        rules(&c, "colourama", None)
            .0
            .contains(&"deps/malicious".to_string())
    );
    assert_eq!(
        rules(&c, "huggingface-cli-pro", None).0,
        vec!["deps/hallucinated-package"]
    );
    assert_eq!(rules(&c, "reqeusts", None).0, vec!["deps/typosquat"]);
    assert_eq!(rules(&c, "fresh-thing", None).0, vec!["deps/new-release"]);
    assert_eq!(
        rules(&c, "internal-lib", None).0,
        Vec::<String>::new(),
        "allowed names are not looked up as missing"
    );
}

#[test]
fn a_slow_registry_leaves_the_package_unknown_within_the_deadline() {
    let (_d, _s, c) = setup();
    let start = Instant::now();
    let (issues, unknown) = rules(&c, "slow-package", None);
    assert!(start.elapsed() < Duration::from_millis(1500));
    assert!(issues.is_empty());
    assert!(unknown.is_some());
}

#[test]
fn manifest_edits_yield_only_added_packages() {
    let (_d, _s, c) = setup();
    let before = "{\n  \"dependencies\": {\n    \"react\": \"^18.2.0\"\n  }\n}\n";
    let after = "{\n  \"dependencies\": {\n    \"react\": \"^18.2.0\",\n    \"lodahs\": \"4.17.21\"\n  }\n}\n";
    let reqs = c.requests_from_manifest("web/package.json", before, after);
    assert_eq!(reqs.len(), 1);
    assert_eq!(
        (reqs[0].name.as_str(), reqs[0].version.as_deref()),
        ("lodahs", Some("4.17.21"))
    );
    let reqs = c.requests_from_manifest(
        "requirements.txt",
        "flask==2.0\n",
        "flask==2.0\nreqeusts==1.0\n",
    );
    assert_eq!(reqs.len(), 1);
    assert!(
        c.requests_from_manifest("src/main.py", "", "import os\n")
            .is_empty()
    );
}
