//! Public API behaviour: rule documentation, path and URL classification, package
//! parsing, parse-error reporting.

use std::path::{Path, PathBuf};
use vibeguard_core::Tier;
use vibeguard_shell::{
    PathAccess, ShellContext, analyze_command, classify_path, classify_url, rules,
};

/// A home and project inside a temporary folder, so no case meets a real folder of the
/// machine; `at("/home/dev/x")` is that path moved into the sandbox.
struct Sandbox {
    _t: tempfile::TempDir,
    cx: ShellContext,
}

impl Sandbox {
    fn new() -> Sandbox {
        let t = tempfile::tempdir().unwrap();
        let home = t.path().join("home/dev");
        let project = home.join("proj");
        std::fs::create_dir_all(&project).unwrap();
        let cx = ShellContext {
            cwd: project.clone(),
            project_root: project,
            home,
        };
        Sandbox { _t: t, cx }
    }

    fn at(&self, fixed: &str) -> PathBuf {
        let rel = fixed
            .strip_prefix("/home/dev")
            .expect("a path under /home/dev");
        PathBuf::from(format!("{}{rel}", self.cx.home.display()))
    }
}

#[test]
fn every_rule_is_documented() {
    let rs = rules();
    assert!(rs.len() >= 40, "{} rules", rs.len());
    let mut ids = std::collections::BTreeSet::new();
    for r in &rs {
        assert!(r.id.starts_with("gate/"), "{}", r.id);
        assert!(ids.insert(r.id.clone()), "duplicate {}", r.id);
        for (name, s) in [
            ("what", &r.doc.what),
            ("why", &r.doc.why),
            ("example", &r.doc.example),
            ("use instead", &r.doc.use_instead),
        ] {
            let min = if name == "example" { 5 } else { 30 };
            assert!(s.len() >= min, "{}: section {name} too short: {s:?}", r.id);
        }
        assert!(
            !r.doc.example.contains("```"),
            "{}: fence left in example",
            r.id
        );
        let md = r.markdown();
        assert!(md.contains("## Why is this bad?"));
    }
}

fn ids(fs: &[vibeguard_core::GateFinding]) -> Vec<&str> {
    fs.iter().map(|f| f.rule_id.as_str()).collect()
}

#[test]
fn classify_path_secrets_guard_and_persistence() {
    let sb = Sandbox::new();
    let c = sb.cx.clone();
    let read = |p: &str| {
        let p = if p.starts_with("/home/dev") {
            sb.at(p)
        } else {
            PathBuf::from(p)
        };
        classify_path(&p, PathAccess::Read, &c)
    };
    let f = read(".env");
    assert_eq!(ids(&f), ["gate/read-secret-file"]);
    assert_eq!(f[0].tier, Tier::Medium);
    let f = read("/home/dev/.ssh/id_ed25519");
    assert_eq!(f[0].tier, Tier::High);
    assert_eq!(ids(&read("~/.aws/credentials")), ["gate/read-secret-file"]);
    assert_eq!(ids(&read("/home/dev/.ssh")), ["gate/read-secret-file"]);
    assert!(read(".env.example").is_empty());
    assert_eq!(ids(&read("**/.env*")), ["gate/read-secret-file"]);
    assert_eq!(ids(&read("certs/*.pem")), ["gate/read-secret-file"]);
    assert!(read("src/**/*.rs").is_empty());
    assert!(read("src/main.rs").is_empty());
    assert!(read("/home/dev/.ssh/id_ed25519.pub").is_empty());

    let write = |p: &str| {
        let p = if p.starts_with("/home/dev") {
            sb.at(p)
        } else {
            PathBuf::from(p)
        };
        classify_path(&p, PathAccess::Write, &c)
    };
    assert_eq!(
        ids(&write(".claude/settings.json")),
        ["gate/guard-tampering"]
    );
    assert_eq!(
        ids(&write("/home/dev/proj/vibeguard.toml")),
        ["gate/guard-tampering"]
    );
    assert_eq!(
        ids(&write("/home/dev/.claude/settings.json")),
        ["gate/guard-tampering"]
    );
    assert_eq!(
        ids(&write("/home/dev/.bashrc")),
        ["gate/persistence-or-system-write"]
    );
    assert_eq!(
        ids(&write("/home/dev/.ssh/authorized_keys")),
        ["gate/persistence-or-system-write"]
    );
    assert_eq!(
        ids(&write("/etc/hosts")),
        ["gate/persistence-or-system-write"]
    );
    assert!(write("src/lib.rs").is_empty());
    assert!(write(".claude/agents/reviewer.md").is_empty());
    let del = classify_path(Path::new(".vibeguard/audit.db"), PathAccess::Delete, &c);
    assert_eq!(ids(&del), ["gate/guard-tampering"]);
}

#[test]
fn classify_url_metadata_and_private() {
    let f = classify_url("http://169.254.169.254/latest/meta-data/");
    assert_eq!(ids(&f), ["gate/fetch-cloud-metadata"]);
    assert_eq!(f[0].tier, Tier::High);
    let f = classify_url("http://10.0.0.5:8080/admin");
    assert_eq!(ids(&f), ["gate/fetch-private-address"]);
    assert_eq!(f[0].tier, Tier::Medium);
    assert!(classify_url("https://docs.rs/").is_empty());
}

#[test]
fn packages_are_parsed() {
    let sb = Sandbox::new();
    let r = analyze_command(
        "pip install requests 'flask>=2' && npm i -D vitest@1 left-pad && cargo add serde --features derive",
        &sb.cx,
    );
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    let got: Vec<(String, Vec<String>)> = r
        .packages
        .iter()
        .map(|p| (p.manager.clone(), p.packages.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("pip".into(), vec!["requests".into(), "flask>=2".into()]),
            ("npm".into(), vec!["vitest@1".into(), "left-pad".into()]),
            ("cargo".into(), vec!["serde".into()]),
        ]
    );
    let r = analyze_command("python -m pip install -r requirements.txt", &sb.cx);
    assert!(r.packages.is_empty());
    let r = analyze_command("sudo uv pip install httpx", &sb.cx);
    assert_eq!(r.packages[0].manager, "uv");
    assert_eq!(r.packages[0].packages, vec!["httpx".to_string()]);
}

#[test]
fn reasons_carry_hints_and_parse_errors_are_reported() {
    let sb = Sandbox::new();
    let r = analyze_command("git push --force origin main", &sb.cx);
    let f = &r.findings[0];
    assert!(f.reason.contains("main"));
    assert!(f.hint.as_deref().unwrap_or("").contains("feature branch"));
    let r = analyze_command("echo 'x", &sb.cx);
    assert!(r.parse_error.is_some());
    let f = &r.findings[0];
    assert_eq!(
        (f.rule_id.as_str(), f.tier),
        ("gate/unparsable-command", Tier::Medium)
    );
    let r = analyze_command("rm -rf 'x", &sb.cx);
    assert_eq!(
        r.findings
            .iter()
            .find(|f| f.rule_id == "gate/unparsable-command")
            .map(|f| f.tier),
        Some(Tier::High)
    );
}
