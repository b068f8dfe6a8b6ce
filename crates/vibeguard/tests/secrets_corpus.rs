//! Quality floors on the labelled secrets corpus (`corpus/secrets/`) and its held-out split
//! (`corpus/secrets/holdout/`).
//!
//! Runs the real `vibeguard` binary on a copy of each corpus's `files/` (copied into a temp
//! dir so no ignore file of this repository applies), reads `labels.jsonl` and computes the
//! same scores as `corpus/secrets/score.py`:
//!
//! - a labelled secret is found when a finding lies on any line of its span;
//! - a false positive is a distinct (file, line) with a finding outside every secret span
//!   (labelled look-alikes and plain context lines alike);
//! - recall = found / secrets, precision = found / (found + false positives).
//!
//! The floors below are the scores measured when this test was last tuned, minus a small
//! margin (never below 0.85 unless the engine measured lower, in which case the floor is
//! what it achieved, and BENCHMARKS.md says so). The goal is 0.95 for both. Raise the
//! floors as the engine improves; a drop below them is a regression in the secrets engine.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// Floors on the main corpus, which the secrets rules are tuned against: measured 1.000
/// recall (303/303) and 1.000 precision (no false positive among 641 labels) at 01f1359;
/// after issue 13 (weak credentials relabelled as secrets, 34 spans added) 1.000 (323/323)
/// and 1.000 among 675 labels.
const MAIN_RECALL_FLOOR: f64 = 0.95;
const MAIN_PRECISION_FLOOR: f64 = 0.95;
/// Floors on the held-out split (`corpus/secrets/holdout`). First measured, before any
/// tuning on it, at 0.915 recall (86/94) and 1.000 precision (secrets commit 25bbec9); after
/// the rules were tuned on it, 0.979 (92/94) and 1.000 at 01f1359.
const HOLDOUT_RECALL_FLOOR: f64 = 0.93;
const HOLDOUT_PRECISION_FLOOR: f64 = 0.95;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/secrets")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

struct Label {
    file: String,
    line: u64,
    end_line: u64,
    secret: bool,
    kind: String,
}

fn labels(corpus: &Path) -> Vec<Label> {
    let text = std::fs::read_to_string(corpus.join("labels.jsonl")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            Label {
                file: v["file"].as_str().unwrap().to_string(),
                line: v["line"].as_u64().unwrap(),
                end_line: v["end_line"].as_u64().unwrap(),
                secret: v["label"] == "secret",
                kind: v["kind"].as_str().unwrap().to_string(),
            }
        })
        .collect()
}

/// Every (path relative to `root`, line) the JSON report holds a finding for. The report is
/// walked for objects with `rule_id` and `location {path, line}`, so the test does not depend
/// on the envelope around the findings.
fn finding_lines(report: &Value, root: &Path) -> BTreeSet<(String, u64)> {
    fn walk(v: &Value, root: &str, out: &mut BTreeSet<(String, u64)>) {
        match v {
            Value::Object(map) => {
                if let (Some(loc), true) = (map.get("location"), map.contains_key("rule_id"))
                    && let (Some(path), Some(line)) = (loc["path"].as_str(), loc["line"].as_u64())
                {
                    let path = path.replace('\\', "/");
                    let rel = path
                        .strip_prefix(&format!("{root}/"))
                        .or_else(|| path.strip_prefix("./"))
                        .unwrap_or(&path)
                        .to_string();
                    out.insert((rel, line));
                    return;
                }
                map.values().for_each(|x| walk(x, root, out));
            }
            Value::Array(items) => items.iter().for_each(|x| walk(x, root, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(report, &root.to_string_lossy(), &mut out);
    out
}

/// Scans `corpus/files` with the real binary and asserts recall and precision floors.
fn assert_corpus_floors(
    corpus: &Path,
    recall_floor: f64,
    precision_floor: f64,
    min_secrets: usize,
) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("files");
    copy_tree(&corpus.join("files"), &root);
    let report_path = tmp.path().join("report.json");

    let out = Command::cargo_bin("vibeguard")
        .unwrap()
        .arg("scan")
        .arg(&root)
        .args(["--format", "json", "--output"])
        .arg(&report_path)
        .output()
        .unwrap();
    let code = out.status.code();
    assert!(
        code == Some(0) || code == Some(1),
        "scan failed with {code:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&report_path).unwrap())
        .expect("the JSON report parses");
    let hits = finding_lines(&report, &root);

    let labels = labels(corpus);
    let mut secret_lines: BTreeMap<&str, BTreeSet<u64>> = BTreeMap::new();
    for l in labels.iter().filter(|l| l.secret) {
        secret_lines
            .entry(&l.file)
            .or_default()
            .extend(l.line..=l.end_line);
    }
    let mut missed = Vec::new();
    let mut found = 0usize;
    for l in labels.iter().filter(|l| l.secret) {
        if hits
            .iter()
            .any(|(p, line)| p == &l.file && (l.line..=l.end_line).contains(line))
        {
            found += 1;
        } else {
            missed.push(format!("{}:{} ({})", l.file, l.line, l.kind));
        }
    }
    let false_pos: Vec<String> = hits
        .iter()
        .filter(|(p, line)| {
            !secret_lines
                .get(p.as_str())
                .is_some_and(|lines| lines.contains(line))
        })
        .map(|(p, line)| format!("{p}:{line}"))
        .collect();

    let secrets = labels.iter().filter(|l| l.secret).count();
    assert!(
        secrets >= min_secrets,
        "corpus lost its labels ({secrets} secrets)"
    );
    let recall = found as f64 / secrets as f64;
    let precision = if found + false_pos.len() == 0 {
        0.0
    } else {
        found as f64 / (found + false_pos.len()) as f64
    };
    eprintln!(
        "{}: recall {recall:.3} ({found}/{secrets}), precision {precision:.3} ({} false positives)",
        corpus.display(),
        false_pos.len()
    );
    assert!(
        recall >= recall_floor,
        "recall {recall:.3} fell below {recall_floor}; missed:\n{}",
        missed.join("\n")
    );
    assert!(
        precision >= precision_floor,
        "precision {precision:.3} fell below {precision_floor}; false positives:\n{}",
        false_pos.join("\n")
    );
}

#[test]
fn main_corpus_recall_and_precision_stay_above_floors() {
    assert_corpus_floors(&corpus_dir(), MAIN_RECALL_FLOOR, MAIN_PRECISION_FLOOR, 300);
}

#[test]
fn holdout_corpus_recall_and_precision_stay_above_floors() {
    assert_corpus_floors(
        &corpus_dir().join("holdout"),
        HOLDOUT_RECALL_FLOOR,
        HOLDOUT_PRECISION_FLOOR,
        90,
    );
}
