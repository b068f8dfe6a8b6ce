//! Pipeline tests on real temporary directories, with a tiny analyzer that reports every
//! `TESTSECRET_` token (the real secret rules live in vibeguard-secrets).

use super::*;
use crate::analyzer::{AnalyzeContext, SourceFile};
use crate::baseline::{Baseline, BaselineIndex};
use crate::finding::{Location, SecretInfo};
use crate::rule::RuleInfo;
use crate::severity::{Confidence, Severity};
use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const RULE: &str = "test/token";

/// Reports `TESTSECRET_<alnum>` tokens; counts how many files it saw.
struct TokenAnalyzer {
    name: &'static str,
    only_ext: Option<&'static str>,
    seen: Arc<AtomicUsize>,
}

impl TokenAnalyzer {
    fn new(name: &'static str, only_ext: Option<&'static str>) -> TokenAnalyzer {
        TokenAnalyzer {
            name,
            only_ext,
            seen: Arc::new(AtomicUsize::new(0)),
        }
    }
}

impl Analyzer for TokenAnalyzer {
    fn name(&self) -> &'static str {
        self.name
    }
    fn rules(&self) -> Vec<RuleInfo> {
        Vec::new()
    }
    fn wants(&self, path: &str) -> bool {
        self.only_ext.is_none_or(|e| path.ends_with(e))
    }
    fn analyze(&self, file: &SourceFile<'_>, cx: &mut AnalyzeContext) {
        self.seen.fetch_add(1, Ordering::Relaxed);
        let text = String::from_utf8_lossy(file.bytes);
        for (i, line) in text.lines().enumerate() {
            let mut from = 0;
            while let Some(at) = line[from..].find("TESTSECRET_") {
                let start = from + at;
                let len = line[start..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(line.len() - start);
                let secret = &line[start..start + len];
                cx.report(token_finding(
                    file.path,
                    i as u32 + 1,
                    start as u32 + 1,
                    secret,
                ));
                from = start + len;
            }
        }
        cx.add_time(RULE, Duration::from_nanos(1));
    }
}

fn token_finding(path: &str, line: u32, col: u32, secret: &str) -> Finding {
    Finding {
        rule_id: RULE.into(),
        severity: Severity::High,
        confidence: Confidence::High,
        message: "test token".into(),
        location: Location {
            path: path.into(),
            line,
            column: col,
            end_line: line,
            end_column: col + secret.len() as u32,
            byte_start: 0,
            byte_end: 0,
        },
        snippet: String::new(),
        secret: Some(SecretInfo::new(secret)),
        fingerprint: Finding::fingerprint_for(RULE, path, secret.as_bytes()),
        provenance: None,
        fix: None,
        flow: Vec::new(),
        properties: Default::default(),
    }
}

fn write(root: &Path, rel: &str, content: &[u8]) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, content).unwrap();
}

fn analyzers() -> Vec<Box<dyn Analyzer>> {
    vec![Box::new(TokenAnalyzer::new("tokens", None))]
}

fn scan(root: &Path, exclude: &[&str]) -> ScanOutput {
    let opts = ScanOptions {
        roots: vec![root.to_path_buf()],
        threads: 2,
        exclude: exclude.iter().map(|s| s.to_string()).collect(),
        timings: true,
        ..ScanOptions::default()
    };
    scan_paths(&analyzers(), &opts).unwrap()
}

fn paths(out: &ScanOutput) -> Vec<&str> {
    out.findings
        .iter()
        .map(|f| f.location.path.as_str())
        .collect()
}

#[test]
fn honours_gitignore_vibeguardignore_and_excludes() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, ".gitignore", b"build/\n*.log\n");
    write(r, ".vibeguardignore", b"fixtures/\n");
    write(r, "src/app.py", b"key = 'TESTSECRET_aaaa1111'\n");
    write(r, ".env", b"TOKEN=TESTSECRET_hidden01\n");
    write(r, "build/out.py", b"TESTSECRET_build001\n");
    write(r, "debug.log", b"TESTSECRET_log00001\n");
    write(r, "fixtures/f.py", b"TESTSECRET_fixture1\n");
    write(r, "vendor/lib/x.js", b"TESTSECRET_vendor01\n");
    write(r, "web/app.min.js", b"TESTSECRET_minjs001\n");
    write(r, ".git/config", b"TESTSECRET_gitdir01\n");
    let out = scan(r, &["vendor/**", "*.min.js"]);
    assert_eq!(paths(&out), vec![".env", "src/app.py"]);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    // The two findings' files plus .gitignore and .vibeguardignore themselves.
    assert_eq!(out.stats.files_scanned, 4);
}

#[test]
fn binary_and_oversized_files_are_skipped_and_counted() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "small.txt", b"TESTSECRET_small001\n");
    write(
        r,
        "image.png",
        b"\x89PNG\r\n\x1a\n\x00\x00TESTSECRET_binary01",
    );
    let mut big = b"TESTSECRET_large001\n".to_vec();
    big.resize(4096, b'a');
    write(r, "big.txt", &big);
    let opts = ScanOptions {
        roots: vec![r.to_path_buf()],
        max_file_size: 1024,
        ..ScanOptions::default()
    };
    let out = scan_paths(&analyzers(), &opts).unwrap();
    assert_eq!(paths(&out), vec!["small.txt"]);
    assert_eq!(out.stats.skipped_binary, 1);
    assert_eq!(out.stats.skipped_large, 1);
    assert_eq!(out.stats.files_scanned, 1);
    assert_eq!(out.stats.bytes_scanned, 20);
    // Each skipped file is named, so a secret in one is not a surprise.
    assert_eq!(
        out.stats.skipped,
        vec![
            SkippedFile {
                path: "big.txt".into(),
                reason: SkipReason::TooLarge,
                size: Some(4096)
            },
            SkippedFile {
                path: "image.png".into(),
                reason: SkipReason::Binary,
                size: Some(29)
            },
        ]
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_root_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "secret.txt", b"TESTSECRET_outside1\n");
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "in.txt", b"TESTSECRET_inside01\n");
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), r.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), r.join("linkdir")).unwrap();
    let out = scan(r, &[]);
    assert_eq!(paths(&out), vec!["in.txt"]);
    assert_eq!(out.stats.skipped_symlinks, 2);
    let skipped: Vec<(&str, SkipReason)> = out
        .stats
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason))
        .collect();
    assert_eq!(
        skipped,
        vec![
            ("link.txt", SkipReason::Symlink),
            ("linkdir", SkipReason::Symlink)
        ]
    );
}

#[test]
fn read_errors_become_warnings_not_aborts() {
    let d = tempfile::tempdir().unwrap();
    let engine = Engine {
        analyzers: &[],
        timings: false,
        max_file_size: DEFAULT_MAX_FILE_SIZE,
    };
    let excludes = Excludes::new(&[]).unwrap();
    let job = walk::WalkJob {
        root: d.path(),
        prefix: None,
        threads: 1,
        excludes: &excludes,
        only_paths: None,
        engine: &engine,
        progress: None,
    };
    let mut acc = Acc::default();
    let mut buf = Vec::new();
    let gone = walk::read_file(
        &job,
        &mut acc,
        &d.path().join("gone.txt"),
        "gone.txt",
        &mut buf,
        None,
    );
    let dir = walk::read_file(&job, &mut acc, d.path(), "a-dir", &mut buf, None);
    assert!(!gone && !dir);
    assert_eq!(acc.stats.unreadable, 2);
    assert!(
        acc.warnings[0].starts_with("gone.txt: cannot read"),
        "{:?}",
        acc.warnings
    );
    assert!(
        acc.warnings[1].contains("not a regular file"),
        "{:?}",
        acc.warnings
    );
}

/// With permission bits that forbid reading, the walk warns and goes on. As root the bits
/// do not stop a read, so the test says so and relies on the test above for the error path.
#[cfg(unix)]
#[test]
fn unreadable_file_and_folder_are_warnings() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "ok.txt", b"TESTSECRET_okfile01\n");
    write(r, "locked.txt", b"TESTSECRET_locked01\n");
    write(r, "closed/inner.txt", b"TESTSECRET_closed01\n");
    fs::set_permissions(r.join("locked.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(r.join("closed"), fs::Permissions::from_mode(0o000)).unwrap();
    let bits_enforced = fs::File::open(r.join("locked.txt")).is_err();
    let out = scan(r, &[]);
    fs::set_permissions(r.join("closed"), fs::Permissions::from_mode(0o755)).unwrap();
    if !bits_enforced {
        eprintln!("running with privileges that ignore permission bits; skipping the check");
        assert_eq!(out.findings.len(), 3);
        return;
    }
    assert_eq!(paths(&out), vec!["ok.txt"]);
    assert_eq!(out.stats.unreadable, 2, "{:?}", out.warnings);
    assert_eq!(out.warnings.len(), 2);
}

#[test]
fn each_analyzer_sees_only_files_it_wants() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "a.py", b"x\n");
    write(r, "b.py", b"x\n");
    write(r, "c.js", b"x\n");
    let all = TokenAnalyzer::new("all", None);
    let py = TokenAnalyzer::new("py", Some(".py"));
    let (seen_all, seen_py) = (all.seen.clone(), py.seen.clone());
    let list: Vec<Box<dyn Analyzer>> = vec![Box::new(all), Box::new(py)];
    let opts = ScanOptions {
        roots: vec![r.to_path_buf()],
        ..ScanOptions::default()
    };
    let out = scan_paths(&list, &opts).unwrap();
    assert_eq!(out.stats.files_scanned, 3);
    assert!(out.stats.analyzer_time.contains_key("all"));
    assert!(out.stats.analyzer_time.contains_key("py"));
    let counts = vec![
        seen_all.load(Ordering::Relaxed),
        seen_py.load(Ordering::Relaxed),
    ];
    assert_eq!(counts, vec![3, 2]);
}

#[test]
fn inline_suppressions_and_snippets() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(
        r,
        "app.py",
        b"a = 'TESTSECRET_first001'  # vibeguard: ignore[test/token] fixture\n\
          # vibeguard: ignore[other/rule]\n\
          b = 'TESTSECRET_second01'\n\
          // vibeguard: ignore\n\
          c = 'TESTSECRET_third001'\n",
    );
    let out = scan(r, &[]);
    assert_eq!(out.findings.len(), 1);
    let f = &out.findings[0];
    assert_eq!(f.location.line, 3);
    assert_eq!(out.stats.suppressed_inline, 2);
    assert!(!f.snippet.contains("TESTSECRET_second01"), "{}", f.snippet);
    assert!(f.snippet.starts_with("b = 'TES*"), "{}", f.snippet);
}

#[test]
fn several_roots_prefix_paths_and_a_missing_root_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "one/a.txt", b"TESTSECRET_rootone1\n");
    write(r, "two/b.txt", b"TESTSECRET_roottwo1\n");
    let opts = ScanOptions {
        roots: vec![r.join("one"), r.join("two/b.txt")],
        ..ScanOptions::default()
    };
    let out = scan_paths(&analyzers(), &opts).unwrap();
    let want_a = format!("{}/a.txt", walk::as_given(&r.join("one")));
    let want_b = walk::as_given(&r.join("two/b.txt"));
    assert_eq!(paths(&out), vec![want_a.as_str(), want_b.as_str()]);

    let bad = ScanOptions {
        roots: vec![r.join("nope")],
        ..ScanOptions::default()
    };
    let err = scan_paths(&analyzers(), &bad).unwrap_err().to_string();
    assert!(
        err.starts_with("cannot scan ") && err.contains("nope"),
        "{err}"
    );
    let bad_glob = ScanOptions {
        roots: vec![r.to_path_buf()],
        exclude: vec!["a[".into()],
        ..ScanOptions::default()
    };
    let err = scan_paths(&analyzers(), &bad_glob).unwrap_err().to_string();
    assert!(err.contains("invalid exclude glob `a[`"), "{err}");
}

#[test]
fn only_paths_limits_the_walk() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "a.txt", b"TESTSECRET_aaaaaaa1\n");
    write(r, "sub/b.txt", b"TESTSECRET_bbbbbbb1\n");
    let opts = ScanOptions {
        roots: vec![r.to_path_buf()],
        only_paths: Some(["sub/b.txt".to_string()].into_iter().collect()),
        ..ScanOptions::default()
    };
    let out = scan_paths(&analyzers(), &opts).unwrap();
    assert_eq!(paths(&out), vec!["sub/b.txt"]);
    assert_eq!(out.stats.files_scanned, 1);
}

#[test]
fn blob_scan_skips_binary_and_large_and_attaches_provenance() {
    let list = analyzers();
    let scan = BlobScan::new(&list, 64, true, None);
    let prov = Provenance {
        commit: "c0ffee".into(),
        author: "A".into(),
        email: "a@example.com".into(),
        date: "2026-01-01T00:00:00Z".into(),
        path: "old/name.py".into(),
    };
    std::thread::scope(|s| {
        s.spawn(|| scan.scan("old/name.py", b"k = TESTSECRET_hist0001\n", Some(&prov)));
        s.spawn(|| scan.scan("bin.dat", b"\0TESTSECRET_binblob1", None));
        s.spawn(|| scan.scan("big.txt", &[b'a'; 100], None));
    });
    let out = scan.finish();
    assert_eq!(out.findings.len(), 1);
    assert_eq!(out.findings[0].location.path, "old/name.py");
    assert_eq!(out.findings[0].provenance.as_ref(), Some(&prov));
    assert_eq!(
        (
            out.stats.skipped_binary,
            out.stats.skipped_large,
            out.stats.files_scanned
        ),
        (1, 1, 1)
    );
    let skipped: Vec<&str> = out.stats.skipped.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(skipped, vec!["big.txt", "bin.dat"]);
    assert_eq!(out.stats.slowest_rules[0].0, RULE);
}

#[test]
fn filters_count_what_they_drop_and_sort() {
    let mk = |path: &str, line: u32, secret: &str, sev: Severity| {
        let mut f = token_finding(path, line, 1, secret);
        f.severity = sev;
        f
    };
    let accepted = mk("a.py", 1, "TESTSECRET_accepted", Severity::High);
    let mut out = ScanOutput {
        findings: vec![
            mk("b.py", 9, "TESTSECRET_unchanged", Severity::High),
            mk("b.py", 2, "TESTSECRET_new00001", Severity::High),
            mk("b.py", 3, "TESTSECRET_lowsev01", Severity::Low),
            accepted.clone(),
            {
                let mut f = mk("b.py", 2, "TESTSECRET_disabled", Severity::High);
                f.rule_id = "test/off".into();
                f
            },
        ],
        ..ScanOutput::default()
    };
    let cfg = FilterConfig {
        disabled: ["test/off".to_string()].into_iter().collect(),
        baseline: Some(BaselineIndex::new(&Baseline::from_findings(&[accepted]))),
        added_lines: Some(
            [
                ("b.py".to_string(), vec![(2, 3)]),
                ("a.py".to_string(), vec![(1, 1)]),
            ]
            .into_iter()
            .collect(),
        ),
        min_severity: Some(Severity::Medium),
    };
    apply_filters(&mut out, &cfg);
    let kept: Vec<(String, u32)> = out
        .findings
        .iter()
        .map(|f| (f.location.path.clone(), f.location.line))
        .collect();
    assert_eq!(kept, vec![("b.py".to_string(), 2)]);
    let s = &out.stats;
    assert_eq!(
        (
            s.filtered_disabled,
            s.filtered_unchanged,
            s.filtered_severity,
            s.suppressed_baseline
        ),
        (1, 1, 1, 1)
    );
}

#[test]
fn exclude_patterns_anchor_with_a_slash() {
    let e = Excludes::new(&["node_modules".into(), "/build".into(), "docs/*.md".into()]).unwrap();
    assert!(e.is_excluded("node_modules"));
    assert!(e.is_excluded("web/node_modules/x.js"));
    assert!(e.is_excluded("build/a.js"));
    assert!(!e.is_excluded("src/build/a.js"));
    assert!(e.is_excluded("docs/a.md"));
    assert!(!e.is_excluded("docs/sub/a.md"));
    assert!(!e.is_excluded("src/main.rs"));
}

#[test]
fn path_filter_uses_top_level_vibeguardignore_and_excludes() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), ".vibeguardignore", b"fixtures/\n*.snap\n");
    let ex = Excludes::new(&["vendor/**".into()]).unwrap();
    let (f, warning) = PathFilter::new(Some(d.path()), ex);
    assert!(warning.is_none());
    assert!(f.is_skipped("tests/fixtures/key.pem"));
    assert!(f.is_skipped("a/b/out.snap"));
    assert!(f.is_skipped("vendor/x.js"));
    assert!(!f.is_skipped("src/main.rs"));
    let (none, _) = PathFilter::new(None, Excludes::new(&[]).unwrap());
    assert!(!none.is_skipped("tests/fixtures/key.pem"));
}

/// A path whose file is not the one the listing saw (swapped between listing and
/// opening) is not read.
#[cfg(unix)]
#[test]
fn a_file_swapped_after_listing_is_not_read() {
    use std::os::unix::fs::MetadataExt;
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.txt", b"TESTSECRET_swapped1\n");
    let real = fs::metadata(d.path().join("a.txt")).unwrap().ino();
    let engine = Engine {
        analyzers: &[],
        timings: false,
        max_file_size: DEFAULT_MAX_FILE_SIZE,
    };
    let excludes = Excludes::new(&[]).unwrap();
    let job = walk::WalkJob {
        root: d.path(),
        prefix: None,
        threads: 1,
        excludes: &excludes,
        only_paths: None,
        engine: &engine,
        progress: None,
    };
    let mut acc = Acc::default();
    let mut buf = Vec::new();
    let path = d.path().join("a.txt");
    assert!(walk::read_file(
        &job,
        &mut acc,
        &path,
        "a.txt",
        &mut buf,
        Some(real)
    ));
    assert!(!walk::read_file(
        &job,
        &mut acc,
        &path,
        "a.txt",
        &mut buf,
        Some(real + 1)
    ));
    assert!(
        acc.warnings[0].contains("changed while being scanned"),
        "{:?}",
        acc.warnings
    );
}

/// A root the user names is scanned even when it is a symlink (only links found inside
/// the tree are skipped).
#[cfg(unix)]
#[test]
fn a_named_root_symlink_is_followed() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "real/a.txt", b"TESTSECRET_rootlnk1\n");
    std::os::unix::fs::symlink(d.path().join("real/a.txt"), d.path().join("file-link")).unwrap();
    std::os::unix::fs::symlink(d.path().join("real"), d.path().join("dir-link")).unwrap();
    for root in ["file-link", "dir-link"] {
        let opts = ScanOptions {
            roots: vec![d.path().join(root)],
            ..ScanOptions::default()
        };
        let out = scan_paths(&analyzers(), &opts).unwrap();
        assert_eq!(out.findings.len(), 1, "{root}: {:?}", out.warnings);
    }
}

/// Reports every `MOUNT` word as a non-secret finding of one rule (like a config rule
/// that matches twice in `/var/run/docker.sock:/var/run/docker.sock`).
struct WordAnalyzer;

impl Analyzer for WordAnalyzer {
    fn name(&self) -> &'static str {
        "words"
    }
    fn rules(&self) -> Vec<RuleInfo> {
        Vec::new()
    }
    fn analyze(&self, file: &SourceFile<'_>, cx: &mut AnalyzeContext) {
        let text = String::from_utf8_lossy(file.bytes);
        for (i, line) in text.lines().enumerate() {
            for (col, _) in line.match_indices("MOUNT") {
                let mut f = token_finding(file.path, i as u32 + 1, col as u32 + 1, "MOUNT");
                f.rule_id = "test/mount".into();
                f.secret = None;
                cx.report(f);
            }
        }
    }
}

#[test]
fn distinct_advisories_on_one_line_are_not_merged() {
    let mut a = token_finding("requirements.txt", 3, 1, "TESTSECRET_same0001");
    a.secret = None;
    a.properties.tags = vec!["GHSA-aaaa".into(), "CVE-2021-1".into()];
    let mut b = a.clone();
    b.properties.tags = vec!["GHSA-bbbb".into()];
    let again = a.clone();
    let mut all = vec![a, b, again];
    super::dedup_findings(&mut all);
    let tags: Vec<&str> = all.iter().map(|f| f.properties.tags[0].as_str()).collect();
    assert_eq!(tags, vec!["GHSA-aaaa", "GHSA-bbbb"]);
}

#[test]
fn findings_are_deduplicated_by_rule_file_and_lines_across_analyzers() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(
        r,
        "a.txt",
        b"k = TESTSECRET_same0001 # again TESTSECRET_same0001\n\
          two = TESTSECRET_first001, TESTSECRET_second01\n\
          - MOUNT:MOUNT\n",
    );
    // Two analyzers that report the same rule on the same secret.
    let analyzers: Vec<Box<dyn Analyzer>> = vec![
        Box::new(TokenAnalyzer::new("tokens", None)),
        Box::new(TokenAnalyzer::new("tokens-again", None)),
        Box::new(WordAnalyzer),
    ];
    let opts = ScanOptions {
        roots: vec![r.to_path_buf()],
        ..ScanOptions::default()
    };
    let out = scan_paths(&analyzers, &opts).unwrap();
    let got: Vec<(u32, u32, &str)> = out
        .findings
        .iter()
        .map(|f| (f.location.line, f.location.column, f.rule_id.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            // The same secret twice on one line, from two analyzers: one finding.
            (1, 5, RULE),
            // Two different secrets on one line stay two findings.
            (2, 7, RULE),
            (2, 28, RULE),
            // One rule matching twice in one line: one finding, the first.
            (3, 3, "test/mount"),
        ]
    );
}

/// Panics on files whose name contains `boom`, like an analyzer bug on one odd file.
struct PanickyAnalyzer;

impl Analyzer for PanickyAnalyzer {
    fn name(&self) -> &'static str {
        "panicky"
    }
    fn rules(&self) -> Vec<RuleInfo> {
        Vec::new()
    }
    fn wants(&self, _path: &str) -> bool {
        true
    }
    fn analyze(&self, file: &SourceFile<'_>, _cx: &mut AnalyzeContext) {
        if file.path.contains("boom") {
            panic!("index out of range in {}", file.path);
        }
    }
}

#[test]
fn an_analyzer_panic_on_one_file_is_a_warning_and_the_scan_goes_on() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "boom.py", b"TESTSECRET_inboom\n");
    write(r, "fine.py", b"TESTSECRET_infine\n");
    let list: Vec<Box<dyn Analyzer>> = vec![
        Box::new(PanickyAnalyzer),
        Box::new(TokenAnalyzer::new("tokens", None)),
    ];
    let opts = ScanOptions {
        roots: vec![r.to_path_buf()],
        threads: 2,
        ..ScanOptions::default()
    };
    let out = scan_paths(&list, &opts).unwrap();
    // Both files were scanned, and the other analyzer's findings in the file that broke
    // the first one are kept.
    assert_eq!(out.stats.files_scanned, 2);
    let mut found = paths(&out);
    found.sort();
    assert_eq!(found, vec!["boom.py", "fine.py"]);
    let w: Vec<&String> = out
        .warnings
        .iter()
        .filter(|w| w.contains("panicky analyzer failed"))
        .collect();
    assert_eq!(w.len(), 1, "{:?}", out.warnings);
    assert!(w[0].starts_with("boom.py: ") && w[0].contains("index out of range"));
}
