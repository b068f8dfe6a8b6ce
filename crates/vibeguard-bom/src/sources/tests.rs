use super::*;

fn build(files: &[(&str, &str)]) -> Components {
    let owned: Vec<(String, String)> = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    let read = |_: &str| None;
    components(&owned, &read)
}

const ROOT: &str = "[workspace]\nmembers = [\"crates/lib\"]\n\n[package]\nname = \"app\"\nversion = \"1.0.0\"\n\n[dependencies]\nmylib = { path = \"crates/lib\", version = \"0.2\" }\nserde = \"1\"\n";
const LIB: &str = "[package]\nname = \"mylib\"\nversion = \"0.2.5\"\n";
const LOCK: &str = "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"1.0.0\"\ndependencies = [\"mylib\", \"serde\"]\n\n[[package]]\nname = \"mylib\"\nversion = \"0.2.5\"\n\n[[package]]\nname = \"serde\"\nversion = \"1.0.200\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n";
const WORKFLOW: &str = "jobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/checkout@v4\n";

#[test]
fn members_carry_their_versions_and_absorb_path_dependencies_on_them() {
    let c = build(&[
        ("Cargo.toml", ROOT),
        ("crates/lib/Cargo.toml", LIB),
        ("Cargo.lock", LOCK),
    ]);
    let lib = c.by_ref("pkg:cargo/mylib@0.2.5").expect("member mylib");
    assert_eq!(lib.kind, Kind::Member);
    let files: Vec<&str> = lib.occurrences.iter().map(|o| o.file.as_str()).collect();
    assert!(files.contains(&"crates/lib/Cargo.toml"), "{files:?}");
    assert!(files.contains(&"Cargo.lock"), "{files:?}");
    assert!(
        files.contains(&"Cargo.toml"),
        "the path dependency folds in: {files:?}"
    );
    assert!(
        !c.list
            .iter()
            .any(|x| x.name == "mylib" && x.version.is_none()),
        "no versionless duplicate"
    );
    assert!(c.by_ref("pkg:cargo/app@1.0.0").is_some());
    assert_eq!(
        c.by_ref("pkg:cargo/serde@1.0.200").unwrap().kind,
        Kind::Package
    );
}

#[test]
fn a_workflow_action_used_twice_is_one_component_with_two_lines() {
    let c = build(&[(".github/workflows/ci.yml", WORKFLOW)]);
    let a = c.by_ref("pkg:github/actions/checkout@v4").expect("action");
    assert_eq!(a.kind, Kind::GithubAction);
    assert!(a.dev);
    let lines: Vec<u32> = a.occurrences.iter().map(|o| o.line).collect();
    assert_eq!(lines, vec![4, 5]);
    assert!(a.extra.contains(&("ci:pinning".into(), "ref".into())));
    assert!(c.files.contains(&".github/workflows/ci.yml".to_string()));
}

#[test]
fn components_declared_only_in_test_data_are_marked_as_fixtures() {
    let c = build(&[
        ("tests/fixtures/demo/requirements.txt", "requests==2.18.4\n"),
        ("requirements.txt", "flask==3.0.0\n"),
    ]);
    let fixture: Vec<(&str, bool)> = c
        .list
        .iter()
        .map(|x| (x.name.as_str(), x.fixture))
        .collect();
    assert_eq!(fixture, vec![("flask", false), ("requests", true)]);
    assert!(is_test_path("packages/x/__tests__/package.json"));
    assert!(!is_test_path("tests.txt"));
    assert!(!is_test_path("src/testing_utils/package.json"));
}

#[test]
fn a_pnpm_snapshot_of_a_local_directory_is_the_member_there() {
    let lock = "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      '@acme/local':\n        specifier: file:pkgs/local\n        version: file:pkgs/local\n\npackages:\n\n  '@acme/local@file:pkgs/local':\n    resolution: {directory: pkgs/local, type: directory}\n\nsnapshots:\n\n  '@acme/local@file:pkgs/local': {}\n";
    let c = build(&[
        ("pnpm-lock.yaml", lock),
        (
            "pkgs/local/package.json",
            "{\"name\": \"@acme/local\", \"version\": \"0.3.0\"}",
        ),
    ]);
    assert!(
        !c.list.iter().any(|x| x.name.contains("file:")),
        "{:#?}",
        c.list
            .iter()
            .map(|x| (&x.name, &x.version))
            .collect::<Vec<_>>()
    );
    let m = c.by_ref("pkg:npm/%40acme/local@0.3.0").expect("the member");
    assert!(m.occurrences.iter().any(|o| o.file == "pnpm-lock.yaml"));
}

#[test]
fn a_member_depends_on_what_its_manifest_declares() {
    let c = build(&[
        ("Cargo.toml", ROOT),
        ("crates/lib/Cargo.toml", LIB),
        ("Cargo.lock", LOCK),
    ]);
    let app = c.by_ref("pkg:cargo/app@1.0.0").expect("app");
    assert_eq!(
        app.depends_on,
        vec![
            "pkg:cargo/mylib@0.2.5".to_string(),
            "pkg:cargo/serde@1.0.200".to_string()
        ]
    );
    assert!(
        c.by_ref("pkg:cargo/mylib@0.2.5")
            .unwrap()
            .depends_on
            .is_empty()
    );
}
