//! The binary's regex engine has Unicode case folding and the Perl classes but no
//! property tables (`\p{..}`), while test builds get every table through dev-dependencies
//! (feature unification). So a built-in pattern with a property class would pass every
//! test and then fail to compile in the released binary; this catches it in the source.

use std::path::Path;

fn visit(dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "target" && name != "tests" && name != "examples" {
                visit(&path, found);
            }
            continue;
        }
        if !(name.ends_with(".rs") || name.ends_with(".toml")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            // In Rust sources the backslash may be doubled inside normal strings.
            let class = ["\\p{", "\\P{", "\\\\p{", "\\\\P{"]
                .iter()
                .any(|c| line.contains(c));
            // Comments, and text that talks about property classes, are not patterns.
            let prose = line.trim_start().starts_with("//") || line.contains("property class");
            if class && !prose {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
}

#[test]
fn no_built_in_pattern_uses_a_unicode_property_class() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut found = Vec::new();
    visit(crates, &mut found);
    assert!(
        found.is_empty(),
        "\\p{{..}} classes are not in the binary's regex engine:\n{}",
        found.join("\n")
    );
}
