//! Prints the code findings of files with their data-flow paths: a development aid.
//!
//! `cargo run -p vibeguard-code --example analyze -- FILE...`

use vibeguard_core::{AnalyzeContext, Analyzer, SourceFile};

fn main() {
    let analyzer = vibeguard_code::code_analyzer(&[]);
    analyzer.set_project_root(".".into());
    for path in std::env::args().skip(1) {
        let src = std::fs::read(&path).expect("readable file");
        let mut cx = AnalyzeContext::new(false);
        analyzer.analyze(&SourceFile::new(&path, &src), &mut cx);
        for f in &cx.findings {
            println!(
                "{}:{}: {} [{}] {}",
                f.location.path, f.location.line, f.rule_id, f.confidence, f.message
            );
            for s in &f.flow {
                println!("    {}:{} {}", s.path, s.line, s.note);
            }
            if let Some(fix) = &f.fix {
                println!("    fix: {} {:?}", fix.description, fix.edits);
            }
        }
    }
}
