//! "Did you mean ...?" for names a user typed: rule ids, policy keys, enum values.
//!
//! One edit distance for every place that suggests, so `vibeguard explain`, the policy
//! checks and the key checks agree on what counts as close.

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The largest distance still worth suggesting for a word of this length: a third of it,
/// at least 2 (so a typo in a short key is still caught).
pub fn close_enough(word: &str) -> usize {
    (word.chars().count() / 3).max(2)
}

/// Up to `max` candidates close to `word`: those at the smallest distance found (several
/// only when they tie), in candidate order.
pub fn closest<'a, I>(word: &str, candidates: I, max: usize) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = close_enough(word);
    let mut scored: Vec<(usize, usize, &str)> = candidates
        .into_iter()
        .enumerate()
        .map(|(i, c)| (edit_distance(word, c), i, c))
        .filter(|(d, _, _)| *d <= limit)
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.2 == b.2);
    let best = scored.first().map_or(0, |s| s.0);
    scored
        .into_iter()
        .take_while(|s| s.0 == best)
        .take(max)
        .map(|(_, _, c)| c)
        .collect()
}

/// `"; did you mean `a`?"`, `"; did you mean `a` or `b`?"`, or `""` when nothing is close.
pub fn did_you_mean(close: &[&str]) -> String {
    if close.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = close.iter().map(|c| format!("`{c}`")).collect();
    format!("; did you mean {}?", quoted.join(" or "))
}

/// serde's messages for an unknown key or value (`unknown field `x`, expected one of `a`,
/// `b``; `unknown variant `y`, expected `a` or `b``) with the closest expected name added,
/// so every section that uses `deny_unknown_fields` (and every enum) gets a suggestion
/// without code of its own. Other messages are returned unchanged.
pub fn with_serde_suggestion(message: &str) -> String {
    let Some((found, expected)) = unknown_name(message) else {
        return message.to_string();
    };
    let close = closest(&found, expected.iter().map(String::as_str), 1);
    let hint = did_you_mean(&close);
    if hint.is_empty() {
        return message.to_string();
    }
    // The hint goes at the end of the line that names the unknown key (toml puts a source
    // excerpt above it).
    let trimmed = message.trim_end_matches('\n');
    let start = trimmed
        .find("unknown field `")
        .or_else(|| trimmed.find("unknown variant `"))
        .unwrap_or(0);
    let end = trimmed[start..]
        .find('\n')
        .map_or(trimmed.len(), |i| start + i);
    format!("{}{hint}{}", &trimmed[..end], &trimmed[end..])
}

/// The unknown name and the expected names from a serde unknown-field/variant message.
fn unknown_name(message: &str) -> Option<(String, Vec<String>)> {
    let at = message
        .find("unknown field `")
        .map(|i| i + "unknown field `".len())
        .or_else(|| {
            message
                .find("unknown variant `")
                .map(|i| i + "unknown variant `".len())
        })?;
    let rest = &message[at..];
    let end = rest.find('`')?;
    let found = rest[..end].to_string();
    let tail = &rest[end + 1..];
    let line_end = tail.find('\n').unwrap_or(tail.len());
    let tail = &tail[..line_end];
    let expected: Vec<String> = tail
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((found, expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_closest() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(
            closest(
                "secret/aws-access-key-id",
                [
                    "secrets/aws-access-key-id",
                    "secrets/aws-secret-key",
                    "gate/rm"
                ],
                3
            ),
            vec!["secrets/aws-access-key-id"]
        );
        assert!(closest("zzzzzzzzz", ["exclude", "disable"], 3).is_empty());
        assert_eq!(did_you_mean(&["a", "b"]), "; did you mean `a` or `b`?");
        assert_eq!(did_you_mean(&[]), "");
    }

    #[test]
    fn serde_unknown_field_and_variant_messages_get_a_suggestion() {
        assert_eq!(
            with_serde_suggestion(
                "unknown field `exlude`, expected one of `exclude`, `fail_on`, `disable`"
            ),
            "unknown field `exlude`, expected one of `exclude`, `fail_on`, `disable`; did you mean `exclude`?"
        );
        assert_eq!(
            with_serde_suggestion(
                "unknown variant `stirct`, expected one of `prototype`, `standard`, `strict`\n"
            ),
            "unknown variant `stirct`, expected one of `prototype`, `standard`, `strict`; did you mean `strict`?"
        );
        assert_eq!(
            with_serde_suggestion("unknown field `x`, expected `enabled`"),
            "unknown field `x`, expected `enabled`"
        );
        assert_eq!(
            with_serde_suggestion("invalid type: integer"),
            "invalid type: integer"
        );
    }
}
