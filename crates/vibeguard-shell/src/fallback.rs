//! A forgiving tokenizer used when the real parser rejects the input (unterminated
//! quotes, odd syntax, oversized or over-nested text). It never fails: it splits on
//! unquoted operators and keeps each word's raw text, so the analysis still sees the
//! command words of a broken command line.

use crate::model::{Pipeline, RawWord, Redirect, Script, SimpleCmd, Stage};

#[derive(Debug, PartialEq)]
enum Tok {
    Word(String),
    /// `;`, `&&`, `||`, `&`, newline, `(`, `)`, `{`, `}`
    Sep,
    Pipe,
    RedirOut(bool),
    RedirIn,
    HereDoc,
    HereString,
}

/// Split `text` into a [`Script`]; linear in the input length.
pub fn tokenize(text: &str) -> Script {
    let toks = lex(text);
    let mut script = Script::default();
    let mut pipeline = Pipeline::default();
    let mut cmd = SimpleCmd::default();
    let mut pending: Option<Tok> = None;
    let flush_cmd = |cmd: &mut SimpleCmd, pipeline: &mut Pipeline| {
        if !cmd.words.is_empty() || !cmd.redirects.is_empty() {
            pipeline.stages.push(Stage::Simple(std::mem::take(cmd)));
        }
    };
    for t in toks {
        match t {
            Tok::Word(w) => match pending.take() {
                Some(Tok::RedirOut(append)) => cmd.redirects.push(Redirect::Write {
                    target: RawWord::Text(w),
                    append,
                }),
                Some(Tok::RedirIn) => cmd.redirects.push(Redirect::Read(RawWord::Text(w))),
                Some(Tok::HereString) => cmd.redirects.push(Redirect::HereString(RawWord::Text(w))),
                Some(Tok::HereDoc) => {}
                _ => cmd.words.push(RawWord::Text(w)),
            },
            Tok::Sep => {
                pending = None;
                flush_cmd(&mut cmd, &mut pipeline);
                if !pipeline.stages.is_empty() {
                    script.pipelines.push(std::mem::take(&mut pipeline));
                }
            }
            Tok::Pipe => {
                pending = None;
                flush_cmd(&mut cmd, &mut pipeline);
            }
            other => pending = Some(other),
        }
    }
    flush_cmd(&mut cmd, &mut pipeline);
    if !pipeline.stages.is_empty() {
        script.pipelines.push(pipeline);
    }
    script
}

fn lex(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut toks = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut i = 0;
    let n = chars.len();
    let push_word = |cur: &mut String, in_word: &mut bool, toks: &mut Vec<Tok>| {
        if *in_word {
            toks.push(Tok::Word(std::mem::take(cur)));
            *in_word = false;
        }
    };
    while i < n {
        let c = chars[i];
        match c {
            ' ' | '\t' => {
                push_word(&mut cur, &mut in_word, &mut toks);
                i += 1;
            }
            '\n' | ';' | '(' | ')' | '{' | '}' if !(c == '(' && cur.ends_with('$')) => {
                if (c == '{' || c == '}') && in_word {
                    cur.push(c);
                    i += 1;
                    continue;
                }
                push_word(&mut cur, &mut in_word, &mut toks);
                toks.push(Tok::Sep);
                i += 1;
            }
            '&' => {
                push_word(&mut cur, &mut in_word, &mut toks);
                if i + 1 < n && chars[i + 1] == '>' {
                    let append = i + 2 < n && chars[i + 2] == '>';
                    toks.push(Tok::RedirOut(append));
                    i += if append { 3 } else { 2 };
                } else {
                    toks.push(Tok::Sep);
                    i += if i + 1 < n && chars[i + 1] == '&' {
                        2
                    } else {
                        1
                    };
                }
            }
            '|' => {
                push_word(&mut cur, &mut in_word, &mut toks);
                if i + 1 < n && chars[i + 1] == '|' {
                    toks.push(Tok::Sep);
                    i += 2;
                } else {
                    toks.push(Tok::Pipe);
                    i += if i + 1 < n && chars[i + 1] == '&' {
                        2
                    } else {
                        1
                    };
                }
            }
            '>' => {
                // `2>` : drop a pure-digit word just before as the fd number.
                if in_word && cur.chars().all(|d| d.is_ascii_digit()) {
                    cur.clear();
                    in_word = false;
                }
                push_word(&mut cur, &mut in_word, &mut toks);
                if i + 1 < n && chars[i + 1] == '&' {
                    // `>&2`: skip the duplicated fd.
                    i += 2;
                    while i < n && (chars[i].is_ascii_digit() || chars[i] == '-') {
                        i += 1;
                    }
                    continue;
                }
                let append = i + 1 < n && chars[i + 1] == '>';
                toks.push(Tok::RedirOut(append));
                i += if append { 2 } else { 1 };
                if i < n && chars[i] == '|' {
                    i += 1;
                }
            }
            '<' => {
                push_word(&mut cur, &mut in_word, &mut toks);
                if i + 2 < n && chars[i + 1] == '<' && chars[i + 2] == '<' {
                    toks.push(Tok::HereString);
                    i += 3;
                } else if i + 1 < n && chars[i + 1] == '<' {
                    toks.push(Tok::HereDoc);
                    i += 2;
                } else if i + 1 < n && chars[i + 1] == '(' {
                    // process substitution: keep it as part of a word
                    in_word = true;
                    i = take_balanced(&chars, i + 1, &mut cur, '<');
                } else {
                    toks.push(Tok::RedirIn);
                    i += 1;
                }
            }
            '\'' => {
                in_word = true;
                cur.push(c);
                i += 1;
                while i < n && chars[i] != '\'' {
                    cur.push(chars[i]);
                    i += 1;
                }
                if i < n {
                    cur.push('\'');
                    i += 1;
                }
            }
            '"' => {
                in_word = true;
                cur.push(c);
                i += 1;
                while i < n && chars[i] != '"' {
                    if chars[i] == '\\' && i + 1 < n {
                        cur.push(chars[i]);
                        i += 1;
                    }
                    cur.push(chars[i]);
                    i += 1;
                }
                if i < n {
                    cur.push('"');
                    i += 1;
                }
            }
            '\\' => {
                in_word = true;
                if i + 1 < n {
                    if chars[i + 1] != '\n' {
                        cur.push('\\');
                        cur.push(chars[i + 1]);
                    }
                    i += 2;
                } else {
                    i += 1;
                }
            }
            '$' if i + 1 < n && chars[i + 1] == '(' => {
                in_word = true;
                i = take_balanced(&chars, i + 1, &mut cur, '$');
            }
            '#' if !in_word => {
                while i < n && chars[i] != '\n' {
                    i += 1;
                }
            }
            _ => {
                in_word = true;
                cur.push(c);
                i += 1;
            }
        }
    }
    push_word(&mut cur, &mut in_word, &mut toks);
    toks
}

/// Copy `lead` and a parenthesised group starting at `open` (which holds `(`) into
/// `cur`; returns the index after the closing paren (or the end of input).
fn take_balanced(chars: &[char], open: usize, cur: &mut String, lead: char) -> usize {
    cur.push(lead);
    let mut depth = 0usize;
    let mut i = open;
    while i < chars.len() {
        let c = chars[i];
        cur.push(c);
        i += 1;
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    // unterminated: close it so the word parser has a chance
    cur.push(')');
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &Script) -> Vec<Vec<String>> {
        s.pipelines
            .iter()
            .flat_map(|p| p.stages.iter())
            .filter_map(|st| match st {
                Stage::Simple(c) => Some(
                    c.words
                        .iter()
                        .map(|w| match w {
                            RawWord::Text(t) => t.clone(),
                            RawWord::ProcSubst(..) => "<proc>".into(),
                        })
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn splits_operators_and_keeps_unterminated_quotes() {
        let s = tokenize("echo 'abc && rm -rf / | cat");
        assert_eq!(words(&s), vec![vec!["echo", "'abc && rm -rf / | cat"]]);
        let s = tokenize("cd x && rm -rf \"/ ; ls");
        assert_eq!(words(&s)[0], vec!["cd", "x"]);
        assert_eq!(words(&s)[1], vec!["rm", "-rf", "\"/ ; ls"]);
    }
}
