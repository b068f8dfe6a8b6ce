//! Fixture expectations: rule fixtures write the expected rule ids on the line itself
//! (`# expect: python/sql-injection`, `// expect: a, b`); every rule crate's harness reads
//! them with this one function.

use std::collections::BTreeSet;

/// `(line, rule id)` pairs expected by a fixture's `expect:` annotations (1-based lines).
pub fn expected_findings(src: &str) -> BTreeSet<(u32, String)> {
    let mut out = BTreeSet::new();
    for (i, line) in src.lines().enumerate() {
        if let Some(pos) = line.find("expect:") {
            for id in line[pos + 7..].split(',') {
                let id = id.split_whitespace().next().unwrap_or("");
                if !id.is_empty() {
                    out.insert((i as u32 + 1, id.to_string()));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_expectations() {
        let e = super::expected_findings("a\nx = 1 # expect: r/a, r/b\ny # ok\n");
        assert_eq!(e.len(), 2);
        assert!(e.contains(&(2, "r/b".to_string())));
    }
}
