//! A tiny `*` wildcard matcher for rule ids and MCP keys (`secrets/*`, `github/*`): the
//! gate's overrides and the policy checks match patterns the same way. Linear in practice:
//! patterns are short and `*` is the only metacharacter.

/// Does `pattern` (where `*` matches any run of characters, including none) match `text`?
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::wildcard_match;

    #[test]
    fn matches_stars() {
        assert!(wildcard_match("secrets/*", "secrets/aws-access-key"));
        assert!(!wildcard_match("secrets/*", "gate/rm"));
        assert!(wildcard_match("*", "anything"));
        assert!(wildcard_match("*/delete_*", "github/delete_repo"));
        assert!(!wildcard_match("*/delete_*", "github/list"));
        assert!(wildcard_match("a*a", "aa"));
        assert!(!wildcard_match("a*a", "a"));
        assert!(wildcard_match("exact", "exact"));
        assert!(!wildcard_match("exact", "exactly"));
    }
}
