//! Escaping untrusted text for a terminal: scanned files may contain escape sequences
//! that would move the cursor, recolour the screen or rewrite earlier lines.

/// Replace control characters (C0, DEL, C1, including ESC) with `?`, and tabs with one
/// space, so every input character stays one output character (carets stay aligned).
pub fn terminal_safe(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => '?',
            // Bidirectional overrides can make a line read differently from its bytes.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => '?',
            c => c,
        })
        .collect()
}

/// Prefixes a CI runner reads as a command when a log line starts with them: GitHub
/// Actions workflow commands (`::error::`, `::add-mask::`, `::stop-commands::`) and
/// Azure Pipelines logging commands (`##vso[...]`, `##[error]`).
const CI_COMMAND_PREFIXES: &[&str] = &["::", "##[", "##vso["];

/// A scanned file's path as the start of an output line: escaped for the terminal,
/// and, when it would begin with a CI log command, written as `./PATH` (the same file),
/// so a repository cannot inject workflow commands into a CI log through its file names.
pub fn path_at_line_start(path: &str) -> String {
    let safe = terminal_safe(path);
    if CI_COMMAND_PREFIXES
        .iter()
        .any(|p| safe.trim_start().starts_with(p))
    {
        format!("./{safe}")
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_start_a_ci_log_command() {
        assert_eq!(
            path_at_line_start("::error file=x::owned"),
            "./::error file=x::owned"
        );
        assert_eq!(
            path_at_line_start("##vso[task.setvariable]x"),
            "./##vso[task.setvariable]x"
        );
        assert_eq!(path_at_line_start("##[error]x"), "./##[error]x");
        assert_eq!(path_at_line_start("a\n::add-mask::y"), "a?::add-mask::y");
        assert_eq!(path_at_line_start("src/main.rs"), "src/main.rs");
        assert_eq!(path_at_line_start("#notes.md"), "#notes.md");
    }

    #[test]
    fn strips_escape_sequences_and_bidi_controls() {
        assert_eq!(terminal_safe("a\x1b[31mred\x07"), "a?[31mred?");
        assert_eq!(terminal_safe("x\ty\r"), "x y?");
        assert_eq!(terminal_safe("abc\u{202E}def"), "abc?def");
        assert_eq!(terminal_safe("héllo"), "héllo");
    }
}
