use super::*;

fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

#[test]
fn cargo_members_take_their_version_from_the_workspace_when_they_inherit_it() {
    let f = files(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"crates/a\"]\n\n[workspace.package]\nversion = \"2.1.0\"\nlicense = \"MIT\"\n\n[package]\nname = \"root-bin\"\nversion = \"15.2.0\"\n",
        ),
        (
            "crates/a/Cargo.toml",
            "[package]\nname = \"a_crate\"\nversion.workspace = true\nlicense.workspace = true\n",
        ),
        ("crates/b/Cargo.toml", "[package]\nname = \"b\"\n"),
    ]);
    let m = from_files(&f);
    let got: Vec<(&str, Option<&str>, Option<&str>, u32)> = m
        .iter()
        .map(|x| {
            (
                x.name.as_str(),
                x.version.as_deref(),
                x.license.as_deref(),
                x.line,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("root-bin", Some("15.2.0"), None, 8),
            ("a_crate", Some("2.1.0"), Some("MIT"), 1),
            ("b", Some("0.0.0"), None, 1),
        ]
    );
}

#[test]
fn cargo_lock_entries_without_a_source_are_members_at_the_locked_version() {
    let lock = "version = 4\n\n[[package]]\nname = \"dep\"\nversion = \"1.0.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"me\"\nversion = \"0.4.16\"\n";
    let m = from_files(&files(&[("fuzz/Cargo.lock", lock)]));
    assert_eq!(m.len(), 1);
    assert_eq!(
        (m[0].name.as_str(), m[0].version.as_deref(), m[0].line),
        ("me", Some("0.4.16"), 8)
    );
}

#[test]
fn python_and_npm_projects_are_members_and_broken_files_are_skipped() {
    let f = files(&[
        (
            "pyproject.toml",
            "[project]\nname = \"Demo_Pkg\"\nversion = \"1.2.3\"\n",
        ),
        (
            "old/pyproject.toml",
            "[tool.poetry]\nname = \"legacy\"\nversion = \"0.1.0\"\nlicense = \"MIT\"\n",
        ),
        (
            "dyn/pyproject.toml",
            "[project]\nname = \"dyn\"\ndynamic = [\"version\"]\n",
        ),
        (
            "web/package.json",
            "{\n  \"name\": \"@scope/web\",\n  \"version\": \"3.0.0\"\n}\n",
        ),
        ("anon/package.json", "{\"private\": true}"),
        ("broken/package.json", "{ not json"),
        ("broken/Cargo.toml", "[package\nname="),
    ]);
    let m = from_files(&f);
    let got: Vec<(Ecosystem, &str, Option<&str>, u32)> = m
        .iter()
        .map(|x| (x.ecosystem, x.name.as_str(), x.version.as_deref(), x.line))
        .collect();
    assert_eq!(
        got,
        vec![
            (Ecosystem::PyPI, "Demo_Pkg", Some("1.2.3"), 1),
            (Ecosystem::PyPI, "legacy", Some("0.1.0"), 1),
            (Ecosystem::PyPI, "dyn", None, 1),
            (Ecosystem::Npm, "@scope/web", Some("3.0.0"), 2),
        ]
    );
}
