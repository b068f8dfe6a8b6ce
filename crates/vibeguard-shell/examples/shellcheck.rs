//! Analyse commands given as arguments and print the findings and the time taken; used
//! to try commands by hand and for a rough speed check in release mode.

use std::path::PathBuf;
use std::time::Instant;
use vibeguard_shell::{ShellContext, analyze_command};

fn main() {
    let cx = ShellContext {
        cwd: PathBuf::from("/home/dev/proj"),
        project_root: PathBuf::from("/home/dev/proj"),
        home: PathBuf::from("/home/dev"),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (bench, cmds) = match args.first().map(String::as_str) {
        Some("--bench") => (true, &args[1..]),
        _ => (false, &args[..]),
    };
    for c in cmds {
        let start = Instant::now();
        let r = analyze_command(c, &cx);
        let first = start.elapsed();
        println!("{c}");
        for f in &r.findings {
            println!("  {:?} {} — {}", f.tier, f.rule_id, f.reason);
        }
        if !r.packages.is_empty() {
            println!("  packages: {:?}", r.packages);
        }
        if let Some(e) = &r.parse_error {
            println!("  parse error: {e}");
        }
        if bench {
            let n = 2000;
            let t = Instant::now();
            for _ in 0..n {
                std::hint::black_box(analyze_command(c, &cx));
            }
            println!("  first {:?}, mean {:?}", first, t.elapsed() / n);
        }
    }
}
