use super::*;

const LOCK: &str = r#"{
  "name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
  "packages": {
    "": {"name": "app", "version": "1.0.0", "dependencies": {"a": "^1.0.0"}},
    "node_modules/a": {"version": "1.0.0", "dependencies": {"b": "^2.0.0"},
      "integrity": "sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQ9yZ2K5tyxAnmgn6TlOGh8+8NLR3ueR5xeQzqy2WRNMQvDg=="},
    "node_modules/b": {"version": "2.0.0", "license": "MIT"}
  }
}
"#;

fn build(files: &[(&str, &str)]) -> Components {
    let owned: Vec<(String, String)> = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    let read = |p: &str| {
        files
            .iter()
            .find(|(n, _)| *n == p)
            .map(|(_, t)| t.to_string())
    };
    from_files(&owned, &read)
}

#[test]
fn lockfile_packages_become_components_with_graph_hashes_and_licenses() {
    let c = build(&[("package-lock.json", LOCK)]);
    let a = c.by_ref("pkg:npm/a@1.0.0").expect("a");
    assert_eq!(a.hashes.len(), 1);
    assert_eq!(a.depends_on, vec!["pkg:npm/b@2.0.0".to_string()]);
    assert_eq!(a.occurrences[0].file, "package-lock.json");
    let b = c.by_ref("pkg:npm/b@2.0.0").expect("b");
    assert_eq!(b.license.as_deref(), Some("MIT"));
}

#[test]
fn the_same_package_in_two_files_is_one_component_with_two_occurrences() {
    let c = build(&[
        ("a/requirements.txt", "requests==2.31.0\n"),
        ("b/requirements.txt", "Requests==2.31.0\n"),
    ]);
    let r: Vec<&Component> = c
        .list
        .iter()
        .filter(|c| c.normalized == "requests")
        .collect();
    assert_eq!(r.len(), 1, "{:?}", c.list);
    assert_eq!(r[0].occurrences.len(), 2);
}

#[test]
fn a_broken_lockfile_is_a_warning_and_the_others_still_count() {
    let c = build(&[
        ("package-lock.json", "{ not json"),
        ("requirements.txt", "flask==3.0.0\n"),
    ]);
    assert!(!c.warnings.is_empty());
    assert!(c.by_ref("pkg:pypi/flask@3.0.0").is_some());
}
