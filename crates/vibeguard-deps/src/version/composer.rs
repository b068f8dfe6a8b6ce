//! Composer version ordering: up to four numbers, then a stability suffix
//! (`dev` < `alpha`/`a` < `beta`/`b` < `RC` < stable < `patch`/`pl`/`p`) with an optional
//! number. Branch names (`dev-main`) have no order and do not parse.

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ComposerVersion {
    nums: [u64; 4],
    stability: u8,
    stability_num: u64,
}

fn stability_rank(word: &str) -> Option<u8> {
    Some(match word {
        "dev" => 0,
        "alpha" | "a" => 1,
        "beta" | "b" => 2,
        "rc" => 3,
        "" | "stable" => 4,
        "patch" | "pl" | "p" => 5,
        _ => return None,
    })
}

impl ComposerVersion {
    pub fn parse(s: &str) -> Option<ComposerVersion> {
        let lower = s.trim().to_ascii_lowercase();
        let s = lower.strip_prefix('v').unwrap_or(&lower);
        if s.starts_with("dev-") {
            return None;
        }
        let num_end = s
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(s.len());
        let numeric = s[..num_end].trim_end_matches('.');
        if numeric.is_empty() {
            return None;
        }
        let mut nums = [0u64; 4];
        for (i, p) in numeric.split('.').enumerate() {
            if i >= 4 {
                return None;
            }
            nums[i] = p.parse().ok()?;
        }
        let mut rest = s[num_end..].trim_start_matches(['-', '.', '_', '+']);
        // `1.2.x-dev` style branch aliases are not orderable releases.
        if rest.starts_with('x') {
            return None;
        }
        let word_end = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let word = &rest[..word_end];
        let stability = stability_rank(word)?;
        rest = rest[word_end..].trim_start_matches(['-', '.', '_']);
        let stability_num = if rest.is_empty() {
            0
        } else {
            rest.parse().ok()?
        };
        Some(ComposerVersion {
            nums,
            stability,
            stability_num,
        })
    }
}
