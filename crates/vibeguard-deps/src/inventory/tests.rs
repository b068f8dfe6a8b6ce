//! Every format against a real-shaped fixture (tests/fixtures/lockfiles).

use super::*;
use std::path::Path;

fn fixture(rel: &str) -> Inventory {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lockfiles");
    let text = std::fs::read_to_string(dir.join(rel)).unwrap();
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).ok();
    let inv = parse_file(rel, &text, &read);
    assert!(inv.warnings.is_empty(), "{rel}: {:?}", inv.warnings);
    inv
}

fn get<'a>(inv: &'a Inventory, name: &str) -> &'a Package {
    inv.packages
        .iter()
        .find(|p| p.name == name || p.normalized == name)
        .unwrap_or_else(|| {
            panic!(
                "{name} missing from {:?}",
                inv.packages.iter().map(|p| &p.name).collect::<Vec<_>>()
            )
        })
}

fn v(p: &Package) -> &str {
    p.version.as_deref().unwrap_or("")
}

#[test]
fn cargo_lock() {
    let inv = fixture("Cargo.lock");
    assert_eq!(inv.packages.len(), 3, "workspace crate skipped");
    let sv = get(&inv, "smallvec");
    assert_eq!((v(sv), sv.line, sv.direct), ("1.6.0", 19, Some(true)));
    assert!(sv.hashes[0].starts_with("sha256:1a55"));
    assert_eq!(get(&inv, "libc").direct, Some(false));
    let e = inv.edges();
    assert!(
        e.iter()
            .any(|(a, b)| inv.packages[*a].name == "time" && inv.packages[*b].name == "libc")
    );
}

#[test]
fn package_lock_v3() {
    let inv = fixture("package-lock.json");
    let l = get(&inv, "lodash");
    assert_eq!(
        (v(l), l.line, l.direct, l.dev),
        ("4.17.20", 33, Some(true), false)
    );
    assert_eq!(l.license.as_deref(), Some("MIT"));
    let b = get(&inv, "@babel/core");
    assert_eq!((b.dev, b.direct), (true, Some(true)));
    assert_eq!(get(&inv, "debug").direct, Some(false));
    assert_eq!(get(&inv, "nested").direct, Some(false));
    assert_eq!(b.purl(), "pkg:npm/%40babel/core@7.23.0");
}

#[test]
fn package_lock_v1() {
    let text = r#"{"name":"x","lockfileVersion":1,"dependencies":{
  "minimist": {"version": "0.0.8", "integrity": "sha1-hX/Kv8M5fSYluCKCYuhqp6ARsF0="},
  "mkdirp": {"version": "0.5.1", "requires": {"minimist": "0.0.8"},
    "dependencies": {"minimist": {"version": "0.0.10"}}},
  "aliased": {"version": "npm:left-pad@1.3.0"}
}}"#;
    let inv = parse_file("package-lock.json", text, &|_| None);
    assert_eq!(inv.packages.len(), 4);
    assert!(
        inv.packages
            .iter()
            .any(|p| p.name == "minimist" && v(p) == "0.0.10" && p.direct == Some(false))
    );
    assert!(
        inv.packages
            .iter()
            .any(|p| p.name == "left-pad" && v(p) == "1.3.0")
    );
}

#[test]
fn yarn_classic_and_berry() {
    let inv = fixture("yarn.lock");
    let c = get(&inv, "@babel/code-frame");
    assert_eq!((v(c), c.line), ("7.12.13", 5));
    assert_eq!(c.dependencies, vec!["@babel/highlight"]);
    assert_eq!(v(get(&inv, "minimist")), "1.2.5");
    let inv = fixture("berry/yarn.lock");
    assert_eq!(inv.packages.len(), 2, "{:?}", inv.packages);
    assert_eq!(v(get(&inv, "left-pad")), "1.3.0");
    assert_eq!(
        v(get(&inv, "lodash")),
        "4.17.20",
        "alias resolved to the real package"
    );
}

#[test]
fn pnpm_v9_and_v6() {
    let inv = fixture("pnpm-lock.yaml");
    let e = get(&inv, "express");
    assert_eq!(
        (v(e), e.line, e.direct, e.dev),
        ("4.17.1", 21, Some(true), false)
    );
    assert_eq!(e.dependencies, vec!["typescript"]);
    assert!(get(&inv, "typescript").dev);
    let inv = fixture("pnpm6/pnpm-lock.yaml");
    let r = get(&inv, "react-dom");
    assert_eq!((v(r), r.direct), ("18.2.0", Some(true)));
    assert_eq!(get(&inv, "react").direct, Some(false));
}

#[test]
fn bun_lock() {
    let inv = fixture("bun.lock");
    let a = get(&inv, "axios");
    assert_eq!((v(a), a.direct, a.line), ("0.21.0", Some(true), 12));
    assert_eq!(v(get(&inv, "follow-redirects")), "1.14.0");
}

#[test]
fn requirements_with_includes_constraints_hashes_urls() {
    let inv = fixture("requirements.txt");
    let d = get(&inv, "django");
    assert_eq!((v(d), d.line), ("3.2.10", 4));
    assert_eq!(d.hashes.len(), 1);
    let r = get(&inv, "requests");
    assert_eq!(
        (r.version.as_deref(), r.requirement.as_deref()),
        (None, Some(">=2.20,<3"))
    );
    assert_eq!(v(get(&inv, "flask")), "0.12.2", "constraint pin applies");
    assert_eq!(v(get(&inv, "urllib3")), "1.26.4", "-r include read");
    assert_eq!(get(&inv, "urllib3").file, "base-requirements.txt");
    assert_eq!(get(&inv, "click").origin, Origin::Git);
    assert_eq!(get(&inv, "certifi").origin, Origin::Url);
    assert_eq!(requirements::pin("==1.2.*"), None);
}

#[test]
fn python_locks() {
    let inv = fixture("poetry.lock");
    let j = get(&inv, "jinja2");
    assert_eq!((v(j), j.line, j.dev), ("2.11.2", 3, false));
    assert_eq!(j.dependencies, vec!["markupsafe"]);
    assert!(get(&inv, "pytest").dev);
    let inv = fixture("uv.lock");
    assert_eq!(inv.packages.len(), 2);
    let y = get(&inv, "pyyaml");
    assert_eq!((v(y), y.direct, y.dev), ("5.3.1", Some(true), false));
    assert!(get(&inv, "black").dev);
    let inv = fixture("Pipfile.lock");
    assert_eq!(v(get(&inv, "pillow")), "8.1.0");
    assert!(get(&inv, "pytest").dev);
    let inv = fixture("pylock.toml");
    let u = get(&inv, "urllib3");
    assert_eq!((v(u), u.line, u.hashes.len()), ("1.26.4", 5, 2));
}

#[test]
fn manifests_keep_ranges() {
    let inv = fixture("pyproject.toml");
    assert_eq!(v(get(&inv, "fastapi")), "0.65.1");
    assert_eq!(get(&inv, "pydantic").requirement.as_deref(), Some(">=1.8"));
    assert!(get(&inv, "pytest").dev);
    let inv = fixture("package.json");
    let e = get(&inv, "express");
    assert_eq!((v(e), e.line), ("4.17.1", 4));
    assert_eq!(get(&inv, "react").requirement.as_deref(), Some("^18.2.0"));
    assert_eq!(get(&inv, "local-lib").origin, Origin::Path);
    assert_eq!(get(&inv, "tool").origin, Origin::Git);
}

#[test]
fn go_mod_and_sum() {
    let inv = fixture("go.mod");
    let g = get(&inv, "github.com/gin-gonic/gin");
    assert_eq!((v(g), g.line, g.direct), ("v1.7.0", 6, Some(true)));
    assert_eq!(get(&inv, "golang.org/x/text").direct, Some(false));
    assert_eq!(get(&inv, "github.com/example/local").origin, Origin::Path);
    let inv = fixture("go.sum");
    assert_eq!(inv.packages.len(), 2);
}

#[test]
fn gemfile_and_composer() {
    let inv = fixture("Gemfile.lock");
    let n = get(&inv, "nokogiri");
    assert_eq!((v(n), n.line, n.direct), ("1.13.8", 4, Some(true)));
    assert_eq!(get(&inv, "racc").direct, Some(false));
    assert_eq!(get(&inv, "activesupport").origin, Origin::Git);
    let inv = fixture("composer.lock");
    let g = get(&inv, "guzzlehttp/psr7");
    assert_eq!((v(g), g.line, g.dev), ("1.8.1", 6, false));
    assert_eq!(g.license.as_deref(), Some("MIT"));
    assert!(get(&inv, "phpunit/phpunit").dev);
}

#[test]
fn broken_files_are_warnings_with_a_line() {
    let cases = [
        ("package-lock.json", "{\n  \"packages\": {\n    \"x\": \n}"),
        ("Cargo.lock", "[[package]]\nname = \"a\"\nversion = \n"),
        ("pnpm-lock.yaml", "packages:\n  a: [\n"),
        ("yarn.lock", "  version \"1.0.0\"\n"),
        ("go.mod", "module x\nfrobnicate y\n"),
        ("composer.lock", "not json"),
        ("Gemfile.lock", "GEM\n  specs:\n    rack\n"),
    ];
    for (name, text) in cases {
        let inv = parse_file(name, text, &|_| None);
        assert!(inv.packages.is_empty(), "{name}");
        assert_eq!(inv.warnings.len(), 1, "{name}: {:?}", inv.warnings);
        assert_eq!(inv.warnings[0].file, name);
        assert!(inv.warnings[0].line >= 1);
    }
    // A binary blob named like a lockfile is a warning too.
    let inv = parse_file("poetry.lock", "\u{0}\u{1}\u{2}", &|_| None);
    assert_eq!(inv.warnings.len(), 1);
}

#[test]
fn pom_xml() {
    let inv = fixture("pom.xml");
    let names: Vec<&str> = inv.packages.iter().map(|p| p.name.as_str()).collect();
    assert!(
        !names.contains(&"commons-collections:commons-collections"),
        "commented out"
    );
    assert!(
        !names.contains(&"org.codehaus.plexus:plexus-utils"),
        "plugin dependency"
    );
    let log4j = get(&inv, "org.apache.logging.log4j:log4j-core");
    assert_eq!(
        (v(log4j), log4j.line, log4j.direct),
        ("2.14.1", 28, Some(true))
    );
    assert_eq!(log4j.ecosystem, Ecosystem::Maven);
    assert_eq!(
        log4j.purl(),
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"
    );
    // A version from the pom's own properties.
    assert_eq!(
        v(get(&inv, "com.fasterxml.jackson.core:jackson-databind")),
        "2.9.10.1"
    );
    // A range is a requirement, not a version.
    let spring = get(&inv, "org.springframework:spring-core");
    assert_eq!(
        (spring.version.as_deref(), spring.requirement.as_deref()),
        (None, Some("[5.3.0,6.0)"))
    );
    assert!(get(&inv, "junit:junit").dev);
    assert_eq!(v(get(&inv, "org.yaml:snakeyaml")), "1.33");
    assert_eq!(inv.packages.len(), 5);
}

#[test]
fn gradle_lockfile() {
    let inv = fixture("gradle.lockfile");
    assert_eq!(inv.packages.len(), 6);
    let g = get(&inv, "com.google.guava:guava");
    assert_eq!((v(g), g.line, g.dev), ("31.1-jre", 6, false));
    assert!(get(&inv, "junit:junit").dev);
    let broken = parse_file(
        "gradle.lockfile",
        "# x\ncom.example:only-two=runtimeClasspath\n",
        &|_| None,
    );
    assert_eq!(broken.warnings[0].line, 2, "{:?}", broken.warnings);
}

#[test]
fn nuget_packages_lock() {
    let inv = fixture("packages.lock.json");
    // Newtonsoft.Json is resolved for two frameworks at one version: listed once.
    assert_eq!(inv.packages.len(), 3);
    let nj = get(&inv, "Newtonsoft.Json");
    assert_eq!((v(nj), nj.line, nj.direct), ("12.0.1", 5, Some(true)));
    assert_eq!(nj.normalized, "newtonsoft.json");
    assert!(nj.hashes[0].starts_with("sha512-pBR3"));
    let enc = get(&inv, "System.Text.Encodings.Web");
    assert_eq!((enc.direct, enc.line), (Some(false), 11));
    assert_eq!(enc.dependencies, vec!["system.runtime".to_string()]);
    assert_eq!(get(&inv, "Orders.Core").origin, Origin::Path);
    let broken = parse_file(
        "packages.lock.json",
        "{\"version\": 1,\n\"dependencies\": [}",
        &|_| None,
    );
    assert_eq!(broken.warnings[0].line, 2, "{:?}", broken.warnings);
}

#[test]
fn a_pyproject_name_that_prefixes_another_gets_its_own_line() {
    let text = "[project]\nname = \"x\"\ndependencies = [\n    \"usernotifications\",\n    'user',\n    \"user-agents>=2\",\n]\n";
    let inv = parse_file("pyproject.toml", text, &|_| None);
    let line = |n: &str| get(&inv, n).line;
    assert_eq!(
        (line("usernotifications"), line("user"), line("user-agents")),
        (4, 5, 6)
    );
    let poetry =
        "[tool.poetry.dependencies]\npython = \"^3.11\"\nsuperuser = \"1.0\"\nuser = \"2.0\"\n";
    let inv = parse_file("pyproject.toml", poetry, &|_| None);
    assert_eq!(
        (get(&inv, "superuser").line, get(&inv, "user").line),
        (3, 4)
    );
}

#[test]
fn cargo_toml_workspace_inherited_dependencies_are_read_at_the_root() {
    // A member manifest names its dependencies by inheritance; the root says where they
    // come from (here: a sibling path crate and a registry crate).
    let member = "[package]\nname = \"app\"\n\n[dependencies]\nmy-core.workspace = true\nserde = { workspace = true, features = [\"derive\"] }\nrand = \"0.8\"\n";
    let inv = parse_file("crates/app/Cargo.toml", member, &|_: &str| None);
    let names: Vec<&str> = inv.packages.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["rand"],
        "inherited entries are the root's to declare"
    );
    let root = "[workspace]\nmembers = [\"crates/*\"]\n\n[workspace.dependencies]\nmy-core = { path = \"crates/core\" }\nserde = \"1\"\n";
    let inv = parse_file("Cargo.toml", root, &|_: &str| None);
    assert_eq!(get(&inv, "my-core").origin, Origin::Path);
    assert_eq!(get(&inv, "serde").origin, Origin::Registry);
}
