//! Word expansion as far as it can be done without running anything: quotes and escapes
//! removed (`r''m`, `c\url`, `"ch"mod`, `$'\x72\x6d'`), variables the command itself
//! assigned substituted (`X=rm; $X`), `${IFS}` and other unquoted expansions split into
//! fields, command substitutions analysed and replaced by their output when that output
//! is literal text (`$(printf '\x72\x6d')`) or by a marker when it is not.

use brush_parser::word::{Parameter, ParameterExpr, TildeExpr, WordPiece, WordPieceWithSource};
use std::sync::OnceLock;

/// Marks text that came from something the analysis could not evaluate.
pub const DYNAMIC: char = '\u{1}';
/// Marks a variable that was never assigned (it expands to nothing when run).
pub const UNSET: char = '\u{2}';

/// Taint bits: where a word's content came from.
pub mod taint {
    pub const DOWNLOAD: u16 = 1;
    pub const DECODED: u16 = 2;
    pub const SECRET: u16 = 4;
    pub const ENV_DUMP: u16 = 8;
    pub const DYNAMIC: u16 = 16;
    pub const UNSET: u16 = 32;
    /// Printed by a credential command (`gcloud auth print-access-token`); always
    /// set together with SECRET.
    pub const CRED_PRINT: u16 = 64;
    /// A variable that may come from an env file the command line loaded
    /// (`source .env && ... $API_KEY`); always set together with SECRET.
    pub const ENV_VAR: u16 = 128;
    /// An unset variable whose name says it holds a secret (`$GITHUB_TOKEN`); always set
    /// together with SECRET and ENV_VAR. It may be sent to its own service in a header,
    /// but not printed or put in a URL.
    pub const NAMED_SECRET: u16 = 256;
}

/// One expanded field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub taint: u16,
}

impl Word {
    pub fn lit(s: &str) -> Word {
        Word {
            text: s.to_string(),
            taint: 0,
        }
    }
    pub fn has(&self, bit: u16) -> bool {
        self.taint & bit != 0
    }
    /// Text with the markers removed (for messages and name matching).
    pub fn clean(&self) -> String {
        self.text.replace([DYNAMIC, UNSET], "")
    }
}

/// Output of a command substitution as the analysis sees it.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// The literal output when it is known (`$(echo rm)`).
    pub text: Option<String>,
    pub taint: u16,
}

/// What expansion needs from the analysis: variable values and command substitution.
pub trait Expander {
    /// `Some(value)` for a variable the command assigned or a well-known one.
    fn var(&self, name: &str) -> Option<Word>;
    fn home(&self) -> String;
    /// `$N` when the positional parameters are known (`sh -c '...' arg0 arg1`).
    fn positional(&self, n: usize) -> Option<Word>;
    /// `$@` / `$*` when known.
    fn all_positionals(&self) -> Option<Word>;
    fn cwd(&self) -> String;
    /// Analyse `$(...)` text and say what it prints.
    fn substitute(&mut self, script: &str) -> Output;
    /// Extra taint for a variable nobody set in this command line: its name says it
    /// holds a secret, or it may come from an env file the line loaded.
    fn unset_taint(&self, _name: &str) -> u16 {
        0
    }
}

fn options() -> &'static brush_parser::ParserOptions {
    static OPTS: OnceLock<brush_parser::ParserOptions> = OnceLock::new();
    OPTS.get_or_init(brush_parser::ParserOptions::default)
}

struct Fields {
    fields: Vec<Word>,
    cur: Word,
    /// Whether `cur` has started (an empty quoted string still makes a field).
    started: bool,
}

impl Fields {
    fn push_quoted(&mut self, s: &str, taint: u16) {
        self.cur.text.push_str(s);
        self.cur.taint |= taint;
        self.started = true;
    }
    /// Unquoted expansion result: whitespace splits fields.
    fn push_split(&mut self, s: &str, taint: u16) {
        let mut first = true;
        for part in s.split([' ', '\t', '\n']) {
            if !first {
                self.end();
            }
            first = false;
            if !part.is_empty() {
                self.push_quoted(part, taint);
            } else {
                self.cur.taint |= taint;
            }
        }
    }
    fn end(&mut self) {
        if self.started {
            self.fields.push(std::mem::take(&mut self.cur));
        }
        self.cur = Word::default();
        self.started = false;
    }
}

/// Whether handing `raw` to brush's recursive word parser is safe (bounded stack).
fn brush_safe(raw: &str) -> bool {
    raw.len() <= crate::parse::MAX_PARSE_BYTES
        && crate::parse::nesting_depth(raw) <= crate::parse::MAX_NESTING
}

fn parse_word(raw: &str) -> Option<Vec<WordPieceWithSource>> {
    if !brush_safe(raw) {
        return None;
    }
    brush_parser::word::parse(raw, options()).ok()
}

/// Expand one raw word into fields (brace expansion first, as bash does). Never fails: text brush cannot parse is unquoted
/// by a simple fallback.
pub fn expand(raw: &str, ex: &mut dyn Expander, depth: usize) -> Vec<Word> {
    if let Some(words) = crate::braces::expand(raw) {
        return words
            .iter()
            .flat_map(|w| expand_unbraced(w, ex, depth))
            .collect();
    }
    expand_unbraced(raw, ex, depth)
}

/// [`expand`] after brace expansion.
fn expand_unbraced(raw: &str, ex: &mut dyn Expander, depth: usize) -> Vec<Word> {
    let mut f = Fields {
        fields: Vec::new(),
        cur: Word::default(),
        started: false,
    };
    match parse_word(raw) {
        Some(pieces) => pieces_into(&pieces, ex, &mut f, false, depth),
        None => f.push_quoted(&simple_unquote(raw), 0),
    }
    f.end();
    f.fields
}

/// Expand a word that is used as one string (assignment values, here-strings,
/// `-c` payloads): no field splitting.
pub fn expand_joined(raw: &str, ex: &mut dyn Expander, depth: usize) -> Word {
    let mut f = Fields {
        fields: Vec::new(),
        cur: Word::default(),
        started: false,
    };
    match parse_word(raw) {
        Some(pieces) => pieces_into(&pieces, ex, &mut f, true, depth),
        None => f.push_quoted(&simple_unquote(raw), 0),
    }
    f.end();
    let mut out = Word::default();
    for (i, w) in f.fields.into_iter().enumerate() {
        if i > 0 {
            out.text.push(' ');
        }
        out.text.push_str(&w.text);
        out.taint |= w.taint;
    }
    out
}

/// Expand a here-document body: parameter and command substitutions only.
pub fn expand_heredoc(body: &str, ex: &mut dyn Expander, depth: usize) -> Word {
    let mut f = Fields {
        fields: Vec::new(),
        cur: Word::default(),
        started: false,
    };
    let parsed = if brush_safe(body) {
        brush_parser::word::parse_heredoc(body, options())
    } else {
        Ok(vec![WordPieceWithSource {
            piece: WordPiece::Text(body.to_string()),
            start_index: 0,
            end_index: body.len(),
        }])
    };
    match parsed {
        Ok(pieces) => pieces_into(&pieces, ex, &mut f, true, depth),
        Err(_) => f.push_quoted(body, 0),
    }
    f.end();
    f.fields.into_iter().next().unwrap_or_default()
}

fn pieces_into(
    pieces: &[WordPieceWithSource],
    ex: &mut dyn Expander,
    f: &mut Fields,
    quoted: bool,
    depth: usize,
) {
    for p in pieces {
        match &p.piece {
            WordPiece::Text(t) => f.push_quoted(t, 0),
            WordPiece::SingleQuotedText(t) => f.push_quoted(t, 0),
            WordPiece::AnsiCQuotedText(t) => {
                let decoded = decode_escapes(t, EscapeStyle::AnsiC);
                let bit = if decoded != *t && t.contains(['x', '0', '1', 'u']) {
                    taint::DECODED
                } else {
                    0
                };
                f.push_quoted(&decoded, bit)
            }
            WordPiece::DoubleQuotedSequence(inner)
            | WordPiece::GettextDoubleQuotedSequence(inner) => {
                f.started = true;
                pieces_into(inner, ex, f, true, depth)
            }
            WordPiece::EscapeSequence(s) => {
                let s = s.strip_prefix('\\').unwrap_or(s);
                if s != "\n" {
                    f.push_quoted(s, 0)
                }
            }
            WordPiece::TildeExpansion(t) => {
                let s = match t {
                    TildeExpr::Home => ex.home(),
                    TildeExpr::UserHome(u) => format!("/home/{u}"),
                    TildeExpr::WorkingDir => ex.cwd(),
                    _ => DYNAMIC.to_string(),
                };
                f.push_quoted(&s, 0)
            }
            WordPiece::ParameterExpansion(pe) => {
                let w = parameter(pe, ex, depth);
                // "$@" expands to one field per parameter even inside quotes
                let all = matches!(
                    pe,
                    ParameterExpr::Parameter {
                        parameter: Parameter::Special(
                            brush_parser::word::SpecialParameter::AllPositionalParameters {
                                concatenate: false
                            }
                        ),
                        ..
                    }
                );
                if quoted && !all {
                    f.push_quoted(&w.text, w.taint)
                } else {
                    f.push_split(&w.text, w.taint)
                }
            }
            WordPiece::CommandSubstitution(s) | WordPiece::BackquotedCommandSubstitution(s) => {
                let out = ex.substitute(s);
                match out.text {
                    Some(t) => {
                        let t = t.trim_end_matches('\n');
                        if quoted {
                            f.push_quoted(t, out.taint)
                        } else {
                            f.push_split(t, out.taint)
                        }
                    }
                    None => f.push_quoted(&DYNAMIC.to_string(), out.taint | taint::DYNAMIC),
                }
            }
            // `$(( $(cmd) + 1 ))`: the substitutions inside still run
            WordPiece::ArithmeticExpression(expr) => {
                let mut taint = 0;
                for script in substitutions_in(&expr.value).into_iter().take(8) {
                    taint |= ex.substitute(&script).taint;
                }
                f.push_quoted("0", taint & !taint::DYNAMIC)
            }
        }
    }
}

fn parameter(pe: &ParameterExpr, ex: &mut dyn Expander, depth: usize) -> Word {
    let (param, default) = match pe {
        ParameterExpr::Parameter {
            parameter,
            indirect,
        } => {
            if *indirect {
                return dynamic();
            }
            (parameter, None)
        }
        ParameterExpr::UseDefaultValues {
            parameter,
            default_value,
            ..
        }
        | ParameterExpr::AssignDefaultValues {
            parameter,
            default_value,
            ..
        } => (parameter, default_value.as_deref()),
        ParameterExpr::IndicateErrorIfNullOrUnset { parameter, .. } => (parameter, None),
        // `${PWD%/*}`: a known value with a literal suffix pattern removed
        ParameterExpr::RemoveSmallestSuffixPattern {
            parameter: Parameter::Named(name),
            indirect: false,
            pattern: Some(pat),
        }
        | ParameterExpr::RemoveLargestSuffixPattern {
            parameter: Parameter::Named(name),
            indirect: false,
            pattern: Some(pat),
        } => {
            let largest = matches!(pe, ParameterExpr::RemoveLargestSuffixPattern { .. });
            return match ex.var(name) {
                Some(v) if !v.text.contains([DYNAMIC, UNSET]) => {
                    remove_suffix(&v.text, pat, largest).map_or_else(dynamic, |t| Word {
                        text: t,
                        taint: v.taint,
                    })
                }
                _ => dynamic(),
            };
        }
        _ => return dynamic(),
    };
    match param {
        Parameter::Named(name) | Parameter::NamedWithIndex { name, .. } => match ex.var(name) {
            Some(v) => v,
            None => match default {
                Some(d) => expand_joined(d, ex, depth),
                None => Word {
                    text: UNSET.to_string(),
                    taint: taint::UNSET | ex.unset_taint(name),
                },
            },
        },
        Parameter::Positional(n) => ex.positional(*n as usize).unwrap_or_else(dynamic),
        Parameter::Special(brush_parser::word::SpecialParameter::AllPositionalParameters {
            ..
        }) => ex.all_positionals().unwrap_or_else(dynamic),
        Parameter::Special(brush_parser::word::SpecialParameter::ShellName) => {
            ex.positional(0).unwrap_or_else(dynamic)
        }
        _ => dynamic(),
    }
}

/// The command substitutions (`$(...)`, `` `...` ``) in arithmetic text.
fn substitutions_in(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' && b.get(i + 1) == Some(&b'(') && b.get(i + 2) != Some(&b'(') {
            let mut depth = 0;
            let start = i + 2;
            let mut j = i + 1;
            while j < b.len() {
                match b[j] {
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j < b.len() {
                out.push(text[start..j].to_string());
            }
            i = j + 1;
            continue;
        }
        if b[i] == b'`'
            && let Some(end) = text[i + 1..].find('`')
        {
            out.push(text[i + 1..i + 1 + end].to_string());
            i += end + 2;
            continue;
        }
        i += 1;
    }
    out
}

/// `${V%PAT}` / `${V%%PAT}` for the patterns paths use: `/*` (dirname), a literal
/// suffix, or `.*` (extension). Other patterns are left unknown.
fn remove_suffix(value: &str, pat: &str, largest: bool) -> Option<String> {
    if pat.starts_with('*') {
        return None;
    }
    if let Some(lit) = pat.strip_suffix('*') {
        if lit.contains(['*', '?', '[']) || lit.is_empty() {
            return None;
        }
        let at = if largest {
            value.find(lit)
        } else {
            value.rfind(lit)
        }?;
        return Some(value[..at].to_string());
    }
    if pat.contains(['*', '?', '[']) {
        return None;
    }
    Some(value.strip_suffix(pat).unwrap_or(value).to_string())
}

fn dynamic() -> Word {
    Word {
        text: DYNAMIC.to_string(),
        taint: taint::DYNAMIC,
    }
}

/// Remove quotes and backslashes the simple way (used when the word parser fails).
pub fn simple_unquote(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    let mut in_single = false;
    while let Some(c) = chars.next() {
        match c {
            '\'' => in_single = !in_single,
            '"' if !in_single => {}
            '\\' if !in_single => {
                if let Some(n) = chars.next() {
                    out.push(n)
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum EscapeStyle {
    /// `$'...'`: `\NNN` octal with 1-3 digits.
    AnsiC,
    /// `printf` / `echo -e`: also `\0NNN`.
    Printf,
}

/// Decode backslash escapes (`\x72`, `\162`, `\u0072`, `\n`, ...).
pub fn decode_escapes(s: &str, style: EscapeStyle) -> String {
    let b: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != '\\' || i + 1 >= b.len() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let c = b[i + 1];
        i += 2;
        match c {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'e' | 'E' => out.push('\u{1b}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'x' => {
                let (v, used) = take_digits(&b[i..], 16, 2);
                i += used;
                if used == 0 {
                    out.push_str("\\x");
                } else if let Some(ch) = char::from_u32(v) {
                    out.push(ch);
                }
            }
            'u' | 'U' => {
                let max = if c == 'u' { 4 } else { 8 };
                let (v, used) = take_digits(&b[i..], 16, max);
                i += used;
                if let Some(ch) = char::from_u32(v).filter(|_| used > 0) {
                    out.push(ch);
                }
            }
            '0'..='7' => {
                let start = i - 1;
                let max = if style == EscapeStyle::Printf && c == '0' {
                    4
                } else {
                    3
                };
                let (v, used) = take_digits(&b[start..], 8, max);
                i = start + used;
                if let Some(ch) = char::from_u32(v) {
                    out.push(ch);
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    out
}

fn take_digits(b: &[char], radix: u32, max: usize) -> (u32, usize) {
    let mut v: u32 = 0;
    let mut used = 0;
    while used < max && used < b.len() {
        match b[used].to_digit(radix) {
            Some(d) => {
                v = v.saturating_mul(radix).saturating_add(d);
                used += 1;
            }
            None => break,
        }
    }
    (v, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_hex_and_octal_escapes() {
        assert_eq!(decode_escapes(r"\x72\x6d", EscapeStyle::AnsiC), "rm");
        assert_eq!(decode_escapes(r"\162\155", EscapeStyle::AnsiC), "rm");
        assert_eq!(decode_escapes(r"\0162", EscapeStyle::Printf), "r");
        assert_eq!(decode_escapes(r"a\qb", EscapeStyle::Printf), r"a\qb");
    }
}
