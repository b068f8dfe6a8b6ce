//! The analysis must never panic and must stay bounded on hostile input: random bytes,
//! deep nesting, unterminated quotes, huge commands. (No timing assertions: the bound
//! is structural, through size, depth and command-count limits.)

use vibeguard_core::Tier;
use vibeguard_shell::{
    PathAccess, ShellContext, ShellReport, analyze_command, classify_path, classify_url,
};

/// A home and project inside a temporary folder: the analysis reads scripts a command
/// runs from the project, so it must not meet a real folder of the machine.
fn sandbox() -> (tempfile::TempDir, ShellContext) {
    let t = tempfile::tempdir().unwrap();
    let home = t.path().join("home/dev");
    let project = home.join("proj");
    std::fs::create_dir_all(&project).unwrap();
    let cx = ShellContext {
        cwd: project.clone(),
        project_root: project,
        home,
    };
    (t, cx)
}

/// Small deterministic generator (xorshift) so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_inputs_never_panic() {
    let (_t, cx) = sandbox();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let alphabet: Vec<char> =
        "rm -f/~$(){}[]`'\"\\|&;<>\n\t*?!#=%+@:.,abcxyz0123456789é\u{0}\u{1}\u{2}"
            .chars()
            .collect();
    for _ in 0..1500 {
        let len = (rng.next() % 120) as usize;
        let s: String = (0..len)
            .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
            .collect();
        assert_judged(&s, &analyze_command(&s, &cx));
        // URL and path classification return findings only for what they recognise;
        // they must simply return (a panic fails the test).
        classify_url(&s);
        classify_path(std::path::Path::new(&s), PathAccess::Read, &cx);
    }
    // raw bytes, lossily decoded
    for _ in 0..500 {
        let len = (rng.next() % 200) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let s = String::from_utf8_lossy(&bytes);
        assert_judged(&s, &analyze_command(&s, &cx));
    }
}

/// The analysis handled `input` itself: it did not fall back to its caught-panic answer,
/// and an input it could not parse carries a finding (so the gate never waves through a
/// command it did not understand).
fn assert_judged(input: &str, r: &ShellReport) {
    assert_ne!(
        r.parse_error.as_deref(),
        Some("internal error in shell analysis"),
        "the analysis panicked on {input:?}"
    );
    if r.parse_error.is_some() {
        assert!(
            !r.findings.is_empty(),
            "unparsable without a finding: {input:?}"
        );
    }
}

/// The rule ids and the highest tier of a report.
fn verdict(r: &ShellReport) -> (Vec<&str>, Option<Tier>) {
    (
        r.findings.iter().map(|f| f.rule_id.as_str()).collect(),
        r.findings.iter().map(|f| f.tier).max(),
    )
}

#[test]
fn deep_nesting_is_bounded_and_reported() {
    let (_t, cx) = sandbox();
    for open in ["$(", "(", "$((", "`", "{ ", "<(", "\"$("] {
        let s = open.repeat(5000);
        let r = analyze_command(&s, &cx);
        assert!(!r.findings.is_empty(), "no finding for nested {open:?}");
    }
    let mut s = String::from("ls");
    for _ in 0..12 {
        s = format!("bash -c {}", shell_quote(&s));
    }
    let r = analyze_command(&s, &cx);
    assert!(
        r.findings.iter().any(
            |f| f.rule_id == "gate/too-deeply-nested" || f.rule_id == "gate/unparsable-command"
        )
    );
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

#[test]
fn huge_and_unterminated_inputs() {
    let (_t, cx) = sandbox();
    let big = "echo hello && ".repeat(7500) + "rm -rf /";
    assert!(big.len() > 100_000);
    let r = analyze_command(&big, &cx);
    let ids: Vec<&str> = r.findings.iter().map(|f| f.rule_id.as_str()).collect();
    assert!(ids.contains(&"gate/delete-system-or-home"), "{ids:?}");
    assert!(r.parse_error.is_some());

    // Unterminated input cannot be judged: a medium finding (a person looks), high when
    // it names a destructive program.
    for (s, tier) in [
        ("echo 'abc", Tier::Medium),
        ("echo \"abc", Tier::Medium),
        ("cat <<EOF", Tier::Medium),
        ("echo $'\\x", Tier::Medium),
        ("rm -rf \"${", Tier::High),
        ("$((1+", Tier::Medium),
        ("`", Tier::Medium),
        ("\\", Tier::Medium),
    ] {
        let r = analyze_command(s, &cx);
        assert_judged(s, &r);
        assert_eq!(
            verdict(&r),
            (vec!["gate/unparsable-command"], Some(tier)),
            "{s:?}"
        );
    }
    // Nested loops of a harmless command are parsed and allowed.
    let loops = "for i in 1 2 3 4 5 6 7 8 9; do for j in 1 2 3 4 5 6 7 8; do for k in 1 2 3 4 5 6 7 8; do echo $i$j$k; done; done; done";
    let r = analyze_command(loops, &cx);
    assert_eq!(r.parse_error, None);
    assert_eq!(verdict(&r), (vec![], None));
    let nested_ok = format!("{}rm -rf ~{}", "echo $(".repeat(20), ")".repeat(20));
    let r = analyze_command(&nested_ok, &cx);
    assert!(r.findings.iter().any(
        |f| f.rule_id == "gate/delete-system-or-home" || f.rule_id == "gate/too-deeply-nested"
    ));
    let parsed_big = "echo hello && ".repeat(4400) + "rm -rf /";
    let r = analyze_command(&parsed_big, &cx);
    assert!(
        r.findings
            .iter()
            .any(|f| f.rule_id == "gate/delete-system-or-home")
    );
    let mut deep_loops = String::from("echo x");
    for i in 0..12 {
        deep_loops = format!("for v{i} in 1 2 3 4 5 6 7 8; do {deep_loops}; done");
    }
    // More commands than the gate analyses: not judged, so not allowed.
    let r = analyze_command(&deep_loops, &cx);
    assert_judged(&deep_loops, &r);
    assert!(verdict(&r).1 >= Some(Tier::Medium), "{:?}", verdict(&r));
    let wide = "$(echo a)".repeat(20_000);
    let r = analyze_command(&wide, &cx);
    assert_judged("20 000 command substitutions", &r);
    assert!(verdict(&r).1 >= Some(Tier::Medium), "{:?}", verdict(&r));
}
