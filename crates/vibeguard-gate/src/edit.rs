//! Applying an agent's string edits in memory, so the gate can scan the file as it will be.

use crate::action::EditOp;

/// Why an edit could not be applied; the gate asks a person instead of guessing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("edit {index}: the text to replace is not in the file")]
    NotFound { index: usize },
}

/// Apply `edits` in order to `before`.
///
/// - `replace_all` replaces every occurrence.
/// - An `old` that occurs several times without `replace_all` is replaced everywhere:
///   the agent's tool would refuse such an edit, and scanning the widest result cannot
///   hide anything the edit adds.
/// - An empty `old` creates the file when it is empty and appends otherwise (Windsurf
///   and NotebookEdit send new content this way).
pub fn apply_edits(before: &str, edits: &[EditOp]) -> Result<String, EditError> {
    let mut text = before.to_string();
    for (index, e) in edits.iter().enumerate() {
        if e.old.is_empty() {
            if text.is_empty() {
                text = e.new.clone();
            } else {
                if !text.ends_with('\n') {
                    text.push('\n');
                }
                text.push_str(&e.new);
            }
            continue;
        }
        let count = text.matches(e.old.as_str()).count();
        if count == 0 {
            return Err(EditError::NotFound { index: index + 1 });
        }
        if count == 1 && !e.replace_all {
            text = text.replacen(e.old.as_str(), &e.new, 1);
        } else {
            text = text.replace(e.old.as_str(), &e.new);
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(old: &str, new: &str, all: bool) -> EditOp {
        EditOp {
            old: old.into(),
            new: new.into(),
            replace_all: all,
        }
    }

    #[test]
    fn replaces_in_order() {
        let out = apply_edits(
            "a = 1\nb = 2\n",
            &[op("a = 1", "a = 10", false), op("a = 10", "a = 11", false)],
        )
        .unwrap();
        assert_eq!(out, "a = 11\nb = 2\n");
    }

    #[test]
    fn replace_all_and_duplicates_replace_everywhere() {
        assert_eq!(apply_edits("x x", &[op("x", "y", true)]).unwrap(), "y y");
        assert_eq!(apply_edits("x x", &[op("x", "y", false)]).unwrap(), "y y");
    }

    #[test]
    fn missing_old_text_is_an_error() {
        assert_eq!(
            apply_edits("abc", &[op("abc", "d", false), op("zzz", "q", false)]),
            Err(EditError::NotFound { index: 2 })
        );
    }

    #[test]
    fn empty_old_creates_or_appends() {
        assert_eq!(apply_edits("", &[op("", "new", false)]).unwrap(), "new");
        assert_eq!(
            apply_edits("old", &[op("", "new", false)]).unwrap(),
            "old\nnew"
        );
    }
}
