//! Keeping vibeguard's local state (the audit log and its lock, caches) out of version
//! control, while `.vibeguard/baseline.json`, which a team commits for CI, stays
//! committable.

/// The lines init writes. `.vibeguard/*` rather than `.vibeguard/`: git does not look
/// inside an ignored directory, so a `!` exception would not work under the latter.
pub const BLOCK: &str = "# vibeguard: local state (audit log, caches); the baseline is committed\n\
.vibeguard/*\n\
!.vibeguard/baseline.json\n";

/// Lines that ignore the whole state directory, baseline included (what earlier versions
/// of init wrote, and what a user may have added by hand): replaced by [`BLOCK`].
fn ignores_whole_dir(line: &str) -> bool {
    matches!(
        line.trim(),
        ".vibeguard" | ".vibeguard/" | "/.vibeguard" | "/.vibeguard/"
    )
}

/// `.gitignore` text that ignores the local state and keeps the baseline committable, or
/// `None` when it already does.
pub fn with_state_dir(existing: Option<&str>) -> Option<String> {
    let text = existing.unwrap_or("");
    if text.contains(BLOCK) && !text.lines().any(ignores_whole_dir) {
        return None;
    }
    let mut out = String::with_capacity(text.len() + BLOCK.len());
    let mut placed = text.contains(BLOCK);
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare == "# vibeguard audit log and caches" {
            continue;
        }
        if ignores_whole_dir(bare) {
            if !placed {
                out.push_str(BLOCK);
                placed = true;
            }
            continue;
        }
        out.push_str(line);
    }
    if !placed {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(BLOCK);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_once() {
        let first = with_state_dir(Some("target/")).unwrap();
        assert_eq!(first, format!("target/\n{BLOCK}"));
        assert_eq!(with_state_dir(Some(&first)), None);
        assert_eq!(with_state_dir(None).unwrap(), BLOCK);
    }

    #[test]
    fn a_line_that_ignores_the_whole_directory_is_replaced_in_place() {
        let old = "target/\n# vibeguard audit log and caches\n.vibeguard/\nnode_modules/\n";
        assert_eq!(
            with_state_dir(Some(old)).unwrap(),
            format!("target/\n{BLOCK}node_modules/\n")
        );
        let by_hand = format!("/.vibeguard\n{BLOCK}");
        assert_eq!(with_state_dir(Some(&by_hand)).unwrap(), BLOCK);
    }
}
