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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences_and_bidi_controls() {
        assert_eq!(terminal_safe("a\x1b[31mred\x07"), "a?[31mred?");
        assert_eq!(terminal_safe("x\ty\r"), "x y?");
        assert_eq!(terminal_safe("abc\u{202E}def"), "abc?def");
        assert_eq!(terminal_safe("héllo"), "héllo");
    }
}
