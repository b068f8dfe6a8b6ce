//! Dump the generic candidates of a directory with their scorer features, and the findings
//! the analyzer reports, for `bench/secrets/train_scorer.py` and `creddata_score.py`.
//!
//! `cargo run -p vibeguard-secrets --example candidates -- DIR --candidates OUT.jsonl
//!  [--findings OUT.json]`
//!
//! Files are read the way `vibeguard scan` reads them (up to 10 MiB, no NUL in the first
//! 8 KiB); paths are relative to DIR. `--findings` writes `{"findings": [...]}` with the
//! rule id and location of each finding, the shape `creddata_score.py` reads from
//! `vibeguard scan --format json`, so the scorer can be tried without building the CLI;
//! `"scored": true` marks findings that the scorer judged (generic candidates).

use std::io::Write;
use std::path::Path;
use vibeguard_core::{AnalyzeContext, Analyzer, SourceFile};
use vibeguard_secrets::SecretsAnalyzer;

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            walk(root, &p, out);
        } else if ft.is_file()
            && let Ok(rel) = p.strip_prefix(root)
        {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn arg_after(args: &[String], flag: &str) -> Option<String> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: candidates DIR --candidates OUT.jsonl [--findings OUT.json]");
        std::process::exit(2);
    };
    let root = Path::new(dir);
    let mut files = Vec::new();
    walk(root, root, &mut files);
    files.sort();
    let analyzer = SecretsAnalyzer::builtin();
    let mut cands_out = arg_after(&args, "--candidates").map(|p| {
        std::io::BufWriter::new(std::fs::File::create(p).expect("candidates output writable"))
    });
    let mut findings = Vec::new();
    for rel in &files {
        let Ok(bytes) = std::fs::read(root.join(rel)) else {
            continue;
        };
        if bytes.len() > 10 << 20 || bytes[..bytes.len().min(8192)].contains(&0) {
            continue;
        }
        let file = SourceFile::new(rel, &bytes);
        let cands = analyzer.generic_candidates(&file);
        if let Some(out) = cands_out.as_mut() {
            for c in &cands {
                let row = serde_json::json!({
                    "file": rel, "line": c.line, "end_line": c.end_line, "rule": c.rule_id,
                    "value": c.value, "score": c.score, "forced": c.forced, "vetoed": c.vetoed,
                    "kept": c.kept, "features": c.features,
                });
                writeln!(out, "{row}").expect("write candidates");
            }
        }
        let mut cx = AnalyzeContext::new(false);
        analyzer.analyze(&file, &mut cx);
        for f in cx.findings {
            let span = (f.location.byte_start, f.location.byte_end);
            findings.push(serde_json::json!({
                "rule_id": f.rule_id,
                "scored": cands.iter().any(|c| c.span == span),
                "location": {"path": rel, "line": f.location.line, "end_line": f.location.end_line},
            }));
        }
    }
    if let Some(p) = arg_after(&args, "--findings") {
        let doc = serde_json::json!({ "findings": findings });
        std::fs::write(p, doc.to_string()).expect("findings output writable");
    }
}
