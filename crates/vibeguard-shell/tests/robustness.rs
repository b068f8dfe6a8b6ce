//! The analysis must never panic and must stay bounded on hostile input: random bytes,
//! deep nesting, unterminated quotes, huge commands. (No timing assertions: the bound
//! is structural, through size, depth and command-count limits.)

use std::path::PathBuf;
use vibeguard_shell::{PathAccess, ShellContext, analyze_command, classify_path, classify_url};

fn cx() -> ShellContext {
    ShellContext {
        cwd: PathBuf::from("/home/dev/proj"),
        project_root: PathBuf::from("/home/dev/proj"),
        home: PathBuf::from("/home/dev"),
    }
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
        let _ = analyze_command(&s, &cx());
        let _ = classify_url(&s);
        let _ = classify_path(std::path::Path::new(&s), PathAccess::Read, &cx());
    }
    // raw bytes, lossily decoded
    for _ in 0..500 {
        let len = (rng.next() % 200) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let s = String::from_utf8_lossy(&bytes);
        let _ = analyze_command(&s, &cx());
    }
}

#[test]
fn deep_nesting_is_bounded_and_reported() {
    for open in ["$(", "(", "$((", "`", "{ ", "<(", "\"$("] {
        let s = open.repeat(5000);
        let r = analyze_command(&s, &cx());
        assert!(!r.findings.is_empty(), "no finding for nested {open:?}");
    }
    let mut s = String::from("ls");
    for _ in 0..12 {
        s = format!("bash -c {}", shell_quote(&s));
    }
    let r = analyze_command(&s, &cx());
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
    let big = "echo hello && ".repeat(7500) + "rm -rf /";
    assert!(big.len() > 100_000);
    let r = analyze_command(&big, &cx());
    let ids: Vec<&str> = r.findings.iter().map(|f| f.rule_id.as_str()).collect();
    assert!(ids.contains(&"gate/delete-system-or-home"), "{ids:?}");
    assert!(r.parse_error.is_some());

    for s in [
        "echo 'abc",
        "echo \"abc",
        "cat <<EOF",
        "echo $'\\x",
        "rm -rf \"${",
        "$((1+",
        "`",
        "\\",
    ] {
        let _ = analyze_command(s, &cx());
    }
    let loops = "for i in 1 2 3 4 5 6 7 8 9; do for j in 1 2 3 4 5 6 7 8; do for k in 1 2 3 4 5 6 7 8; do echo $i$j$k; done; done; done";
    let _ = analyze_command(loops, &cx());
    let nested_ok = format!("{}rm -rf ~{}", "echo $(".repeat(20), ")".repeat(20));
    let r = analyze_command(&nested_ok, &cx());
    assert!(r.findings.iter().any(
        |f| f.rule_id == "gate/delete-system-or-home" || f.rule_id == "gate/too-deeply-nested"
    ));
    let parsed_big = "echo hello && ".repeat(4400) + "rm -rf /";
    let r = analyze_command(&parsed_big, &cx());
    assert!(
        r.findings
            .iter()
            .any(|f| f.rule_id == "gate/delete-system-or-home")
    );
    let mut deep_loops = String::from("echo x");
    for i in 0..12 {
        deep_loops = format!("for v{i} in 1 2 3 4 5 6 7 8; do {deep_loops}; done");
    }
    let _ = analyze_command(&deep_loops, &cx());
    let wide = "$(echo a)".repeat(20_000);
    let _ = analyze_command(&wide, &cx());
}
