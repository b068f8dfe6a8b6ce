//! Score the secrets analyzer alone on the labelled corpus (corpus/secrets), the way
//! corpus/secrets/score.py scores the binary: a secret is found when a finding lies on a
//! line of its span; any finding outside every secret span is a false positive.
//!
//! `cargo run -p vibeguard-secrets --example corpus_score [-- CORPUS_DIR] [--details]`

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use vibeguard_core::{AnalyzeContext, Analyzer, SourceFile};
use vibeguard_secrets::SecretsAnalyzer;

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(root, &p, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let details = args.iter().any(|a| a == "--details");
    let corpus = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "corpus/secrets".to_string());
    let corpus = Path::new(&corpus);
    let labels_text =
        std::fs::read_to_string(corpus.join("labels.jsonl")).expect("labels.jsonl readable");
    // (file) -> list of (line, end_line, label, kind)
    let mut labels: HashMap<String, Vec<(u32, u32, bool, String)>> = HashMap::new();
    for line in labels_text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("label json");
        let file = v["file"].as_str().unwrap_or_default().to_string();
        let start = v["line"].as_u64().unwrap_or(0) as u32;
        let end = v["end_line"].as_u64().unwrap_or(start as u64) as u32;
        let secret = v["label"] == "secret";
        let kind = v["kind"].as_str().unwrap_or("").to_string();
        labels
            .entry(file)
            .or_default()
            .push((start, end, secret, kind));
    }
    let root = corpus.join("files");
    let mut files = Vec::new();
    walk(&root, &root, &mut files);
    files.sort();
    let analyzer = SecretsAnalyzer::builtin();
    let mut found: BTreeSet<(String, u32)> = BTreeSet::new();
    let mut fps: BTreeMap<(String, u32), String> = BTreeMap::new();
    let mut rules_hit: BTreeMap<(String, u32), String> = BTreeMap::new();
    for f in &files {
        let Ok(bytes) = std::fs::read(root.join(f)) else {
            continue;
        };
        let mut cx = AnalyzeContext::new(false);
        analyzer.analyze(&SourceFile::new(f, &bytes), &mut cx);
        let spans = labels.get(f).cloned().unwrap_or_default();
        for finding in cx.findings {
            let line = finding.location.line;
            match spans.iter().find(|s| s.2 && s.0 <= line && line <= s.1) {
                Some(s) => {
                    found.insert((f.clone(), s.0));
                    rules_hit.insert((f.clone(), s.0), finding.rule_id.clone());
                }
                None => {
                    let kind = spans
                        .iter()
                        .find(|s| s.0 <= line && line <= s.1)
                        .map(|s| s.3.clone())
                        .unwrap_or_else(|| "unlabelled".into());
                    fps.insert(
                        (f.clone(), line),
                        format!("{} [{kind}] {}", finding.rule_id, finding.snippet),
                    );
                }
            }
        }
    }
    let mut total = 0;
    let mut misses = Vec::new();
    for (file, spans) in &labels {
        for s in spans.iter().filter(|s| s.2) {
            total += 1;
            if !found.contains(&(file.clone(), s.0)) {
                misses.push((file.clone(), s.0, s.3.clone()));
            }
        }
    }
    misses.sort();
    let tp = found.len();
    let recall = tp as f64 / total as f64;
    let precision = tp as f64 / (tp + fps.len()) as f64;
    println!(
        "found {tp}/{total}  recall {:.1}%  false positives {}  precision {:.1}%",
        recall * 100.0,
        fps.len(),
        precision * 100.0
    );
    if details {
        for (file, line, kind) in &misses {
            let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
            let l = text.lines().nth(*line as usize - 1).unwrap_or("");
            println!(
                "  miss {file}:{line} ({kind}) {}",
                l.chars().take(160).collect::<String>()
            );
        }
        for ((file, line), what) in &fps {
            println!(
                "  fp   {file}:{line} {}",
                what.chars().take(200).collect::<String>()
            );
        }
    }
}
