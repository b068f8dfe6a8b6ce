//! Codex `apply_patch` envelopes: parse the files a patch touches and apply its hunks in
//! memory so the result can be scanned like any other write.
//!
//! ```text
//! *** Begin Patch
//! *** Add File: path      (every following line starts with `+`)
//! *** Update File: path
//! *** Move to: new/path   (optional, right after Update File)
//! @@ optional context header
//!  context line / -removed line / +added line
//! *** End of File         (optional)
//! *** Delete File: path
//! *** End Patch
//! ```

/// One file operation of a patch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatchOp {
    Add {
        path: String,
        content: String,
    },
    Delete {
        path: String,
    },
    Update {
        path: String,
        move_to: Option<String>,
        hunks: Vec<Hunk>,
    },
}

/// One `@@` section: the lines to find (context and removed) and what replaces them
/// (context and added).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hunk {
    pub old_lines: Vec<String>,
    pub new_lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatchError {
    #[error("the patch has no `*** Begin Patch` line")]
    NoBegin,
    #[error("patch line {line}: {message}")]
    Syntax { line: usize, message: String },
    #[error("{path}: hunk {hunk} does not match the current file")]
    HunkMismatch { path: String, hunk: usize },
}

/// Parse a patch envelope into file operations.
pub fn parse_patch(text: &str) -> Result<Vec<PatchOp>, PatchError> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == "*** Begin Patch")
        .ok_or(PatchError::NoBegin)?;
    let mut ops = Vec::new();
    let mut i = start + 1;
    let syntax = |line: usize, message: &str| PatchError::Syntax {
        line: line + 1,
        message: message.to_string(),
    };
    while i < lines.len() {
        let line = lines[i];
        if line.trim() == "*** End Patch" {
            return Ok(ops);
        }
        if let Some(path) = line.strip_prefix("*** Add File: ") {
            i += 1;
            let mut content = String::new();
            while i < lines.len() && !lines[i].starts_with("*** ") {
                let body = lines[i]
                    .strip_prefix('+')
                    .ok_or_else(|| syntax(i, "a line of an added file must start with `+`"))?;
                content.push_str(body);
                content.push('\n');
                i += 1;
            }
            ops.push(PatchOp::Add {
                path: path.trim().to_string(),
                content,
            });
        } else if let Some(path) = line.strip_prefix("*** Delete File: ") {
            ops.push(PatchOp::Delete {
                path: path.trim().to_string(),
            });
            i += 1;
        } else if let Some(path) = line.strip_prefix("*** Update File: ") {
            i += 1;
            let mut move_to = None;
            if let Some(to) = lines.get(i).and_then(|l| l.strip_prefix("*** Move to: ")) {
                move_to = Some(to.trim().to_string());
                i += 1;
            }
            let mut hunks: Vec<Hunk> = Vec::new();
            let mut current: Option<Hunk> = None;
            while i < lines.len() {
                let l = lines[i];
                if l.trim() == "*** End of File" {
                    i += 1;
                    continue;
                }
                if l.starts_with("*** ") {
                    break;
                }
                if l.starts_with("@@") {
                    if let Some(h) = current.take() {
                        hunks.push(h);
                    }
                    current = Some(Hunk::default());
                    i += 1;
                    continue;
                }
                let h = current.get_or_insert_with(Hunk::default);
                if let Some(rest) = l.strip_prefix('+') {
                    h.new_lines.push(rest.to_string());
                } else if let Some(rest) = l.strip_prefix('-') {
                    h.old_lines.push(rest.to_string());
                } else {
                    // Context: a leading space, or an empty line the model did not indent.
                    let rest = l.strip_prefix(' ').unwrap_or(l);
                    h.old_lines.push(rest.to_string());
                    h.new_lines.push(rest.to_string());
                }
                i += 1;
            }
            if let Some(h) = current.take() {
                hunks.push(h);
            }
            ops.push(PatchOp::Update {
                path: path.trim().to_string(),
                move_to,
                hunks,
            });
        } else if line.trim().is_empty() {
            i += 1;
        } else {
            return Err(syntax(
                i,
                "expected `*** Add File:`, `*** Update File:`, `*** Delete File:` or `*** End Patch`",
            ));
        }
    }
    // Models sometimes drop the end marker; what was parsed is still what the patch does.
    Ok(ops)
}

/// Apply an update's hunks to `before`. Each hunk's old lines are searched from where the
/// previous hunk ended, first exactly, then ignoring trailing whitespace.
pub fn apply_hunks(path: &str, before: &str, hunks: &[Hunk]) -> Result<String, PatchError> {
    let mut lines: Vec<String> = before.lines().map(str::to_string).collect();
    let mut cursor = 0usize;
    for (n, h) in hunks.iter().enumerate() {
        if h.old_lines.is_empty() {
            // Pure insertion without context: append at the end.
            let at = lines.len();
            lines.splice(at..at, h.new_lines.iter().cloned());
            cursor = lines.len();
            continue;
        }
        let at = find_lines(&lines, &h.old_lines, cursor, |a, b| a == b)
            .or_else(|| {
                find_lines(&lines, &h.old_lines, cursor, |a, b| {
                    a.trim_end() == b.trim_end()
                })
            })
            .or_else(|| find_lines(&lines, &h.old_lines, 0, |a, b| a.trim() == b.trim()))
            .ok_or_else(|| PatchError::HunkMismatch {
                path: path.to_string(),
                hunk: n + 1,
            })?;
        lines.splice(at..at + h.old_lines.len(), h.new_lines.iter().cloned());
        cursor = at + h.new_lines.len();
    }
    let mut out = lines.join("\n");
    if !out.is_empty() {
        out.push('\n');
    }
    Ok(out)
}

fn find_lines(
    hay: &[String],
    needle: &[String],
    from: usize,
    eq: impl Fn(&str, &str) -> bool,
) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - needle.len())
        .find(|&s| needle.iter().enumerate().all(|(k, n)| eq(&hay[s + k], n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATCH: &str = "*** Begin Patch
*** Add File: src/new.py
+print('hi')
+x = 1
*** Update File: src/app.py
*** Move to: src/main.py
@@ def main():
 def main():
-    return 1
+    return 2
*** Delete File: old.txt
*** End Patch
";

    #[test]
    fn parses_every_operation() {
        let ops = parse_patch(PATCH).unwrap();
        assert_eq!(ops.len(), 3);
        assert_eq!(
            ops[0],
            PatchOp::Add {
                path: "src/new.py".into(),
                content: "print('hi')\nx = 1\n".into()
            }
        );
        match &ops[1] {
            PatchOp::Update {
                path,
                move_to,
                hunks,
            } => {
                assert_eq!(path, "src/app.py");
                assert_eq!(move_to.as_deref(), Some("src/main.py"));
                assert_eq!(hunks[0].old_lines, vec!["def main():", "    return 1"]);
                assert_eq!(hunks[0].new_lines, vec!["def main():", "    return 2"]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            ops[2],
            PatchOp::Delete {
                path: "old.txt".into()
            }
        );
    }

    #[test]
    fn applies_hunks_and_reports_mismatch() {
        let ops = parse_patch(PATCH).unwrap();
        let PatchOp::Update { hunks, .. } = &ops[1] else {
            unreachable!()
        };
        let out = apply_hunks(
            "src/app.py",
            "import os\ndef main():\n    return 1\n",
            hunks,
        )
        .unwrap();
        assert_eq!(out, "import os\ndef main():\n    return 2\n");
        assert_eq!(
            apply_hunks("src/app.py", "nothing here\n", hunks),
            Err(PatchError::HunkMismatch {
                path: "src/app.py".into(),
                hunk: 1
            })
        );
    }

    #[test]
    fn rejects_non_patches() {
        assert_eq!(parse_patch("rm -rf /"), Err(PatchError::NoBegin));
        assert!(matches!(
            parse_patch("*** Begin Patch\ngarbage\n*** End Patch"),
            Err(PatchError::Syntax { line: 2, .. })
        ));
        assert!(parse_patch("*** Begin Patch\n*** Add File: a\nno plus\n").is_err());
    }
}
