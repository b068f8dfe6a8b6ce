//! Keeping `.vibeguard/` (the audit log) out of version control.

/// `.gitignore` text with `.vibeguard/` added, or `None` when it is already ignored.
pub fn with_state_dir(existing: Option<&str>) -> Option<String> {
    let text = existing.unwrap_or("");
    let present = text.lines().any(|l| {
        matches!(
            l.trim(),
            ".vibeguard" | ".vibeguard/" | "/.vibeguard" | "/.vibeguard/"
        )
    });
    if present {
        return None;
    }
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("# vibeguard audit log and caches\n.vibeguard/\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_once() {
        let first = with_state_dir(Some("target/")).unwrap();
        assert_eq!(
            first,
            "target/\n# vibeguard audit log and caches\n.vibeguard/\n"
        );
        assert_eq!(with_state_dir(Some(&first)), None);
        assert_eq!(with_state_dir(Some("/.vibeguard\n")), None);
        assert!(with_state_dir(None).unwrap().ends_with(".vibeguard/\n"));
    }
}
