//! Turn command text into the [`Script`] model: brush-parser first, the fallback
//! tokenizer when brush rejects the input or the input is too large or too nested to
//! hand to a backtracking parser.

use crate::fallback;
use crate::model::{Assign, Pipeline, RawWord, Redirect, Script, SimpleCmd, Stage};
use brush_parser::ast;

/// Inputs above this size are not given to brush (its PEG parser is not linear on
/// adversarial input); the fallback tokenizer still sees every command word.
pub const MAX_PARSE_BYTES: usize = 64 * 1024;
/// Bracket nesting above this goes straight to the fallback, for the same reason.
pub const MAX_NESTING: usize = 24;

/// The result of parsing: a script, and the reason brush was not used, if it wasn't.
pub struct Parsed {
    pub script: Script,
    pub error: Option<String>,
}

pub fn parse(text: &str) -> Parsed {
    if text.len() > MAX_PARSE_BYTES {
        return Parsed {
            script: fallback::tokenize(text),
            error: Some(format!(
                "command is {} bytes, above the {} byte limit for full parsing",
                text.len(),
                MAX_PARSE_BYTES
            )),
        };
    }
    let depth = nesting_depth(text);
    if depth > MAX_NESTING {
        return Parsed {
            script: fallback::tokenize(text),
            error: Some(format!(
                "brackets nest {depth} deep, above the limit of {MAX_NESTING}"
            )),
        };
    }
    let opts = brush_parser::ParserOptions::default();
    let mut parser = brush_parser::Parser::new(std::io::Cursor::new(text.as_bytes()), &opts);
    // brush is third-party code: a panic inside it must not take the hook down.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse_program()));
    match result {
        Ok(Ok(program)) => Parsed {
            script: convert_program(&program),
            error: None,
        },
        Ok(Err(e)) => Parsed {
            script: fallback::tokenize(text),
            error: Some(e.to_string()),
        },
        Err(_) => Parsed {
            script: fallback::tokenize(text),
            error: Some("the shell parser failed on this input".to_string()),
        },
    }
}

/// Deepest nesting of `(`, `{`, `[` and backquote pairs, counted crudely on raw text.
pub fn nesting_depth(text: &str) -> usize {
    let mut depth: usize = 0;
    let mut max = 0;
    let mut backtick_open = false;
    for b in text.bytes() {
        match b {
            b'(' | b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b')' | b'}' | b']' => depth = depth.saturating_sub(1),
            b'`' => {
                backtick_open = !backtick_open;
                if backtick_open {
                    max = max.max(depth + 1);
                }
            }
            _ => {}
        }
    }
    max
}

fn convert_program(p: &ast::Program) -> Script {
    let mut s = Script::default();
    for cc in &p.complete_commands {
        convert_list(cc, &mut s);
    }
    s
}

fn convert_list(list: &ast::CompoundList, out: &mut Script) {
    for item in &list.0 {
        let and_or = &item.0;
        out.pipelines.push(convert_pipeline(&and_or.first));
        for next in &and_or.additional {
            let p = match next {
                ast::AndOr::And(p) | ast::AndOr::Or(p) => p,
            };
            out.pipelines.push(convert_pipeline(p));
        }
    }
}

fn list_script(list: &ast::CompoundList) -> Script {
    let mut s = Script::default();
    convert_list(list, &mut s);
    s
}

fn convert_pipeline(p: &ast::Pipeline) -> Pipeline {
    Pipeline {
        stages: p.seq.iter().map(convert_command).collect(),
    }
}

fn convert_command(c: &ast::Command) -> Stage {
    match c {
        ast::Command::Simple(sc) => Stage::Simple(convert_simple(sc)),
        ast::Command::Compound(cc, redirs) => {
            let redirects = redirs
                .as_ref()
                .map(|r| r.0.iter().map(convert_redirect).collect())
                .unwrap_or_default();
            let (body, loop_var) = compound_body(cc);
            Stage::Group {
                body,
                redirects,
                loop_var,
            }
        }
        ast::Command::Function(f) => {
            let (body, _) = compound_body(&f.body.0);
            Stage::Function {
                name: f.fname.value.clone(),
                body,
            }
        }
        ast::Command::ExtendedTest(..) => Stage::Group {
            body: Script::default(),
            redirects: Vec::new(),
            loop_var: None,
        },
    }
}

type LoopVar = Option<(String, Vec<RawWord>)>;

fn compound_body(cc: &ast::CompoundCommand) -> (Script, LoopVar) {
    use ast::CompoundCommand as C;
    match cc {
        C::Arithmetic(_) => (Script::default(), None),
        C::ArithmeticForClause(f) => (list_script(&f.body.list), None),
        C::BraceGroup(b) => (list_script(&b.list), None),
        C::Subshell(s) => (list_script(&s.list), None),
        C::ForClause(f) => {
            let values = f
                .values
                .as_ref()
                .map(|v| v.iter().map(|w| RawWord::Text(w.value.clone())).collect())
                .unwrap_or_default();
            (
                list_script(&f.body.list),
                Some((f.variable_name.clone(), values)),
            )
        }
        C::CaseClause(c) => {
            let mut s = Script::default();
            for item in &c.cases {
                if let Some(cmd) = &item.cmd {
                    convert_list(cmd, &mut s);
                }
            }
            (s, None)
        }
        C::IfClause(i) => {
            let mut s = Script::default();
            convert_list(&i.condition, &mut s);
            convert_list(&i.then, &mut s);
            for e in i.elses.iter().flatten() {
                if let Some(c) = &e.condition {
                    convert_list(c, &mut s);
                }
                convert_list(&e.body, &mut s);
            }
            (s, None)
        }
        C::WhileClause(w) | C::UntilClause(w) => {
            let mut s = Script::default();
            convert_list(&w.0, &mut s);
            convert_list(&w.1.list, &mut s);
            (s, None)
        }
        C::Coprocess(c) => {
            let mut s = Script::default();
            s.pipelines.push(Pipeline {
                stages: vec![convert_command(&c.body)],
            });
            (s, None)
        }
    }
}

fn convert_simple(sc: &ast::SimpleCommand) -> SimpleCmd {
    let mut cmd = SimpleCmd::default();
    if let Some(prefix) = &sc.prefix {
        for item in &prefix.0 {
            convert_item(item, &mut cmd, true);
        }
    }
    if let Some(w) = &sc.word_or_name {
        cmd.words.push(RawWord::Text(w.value.clone()));
    }
    if let Some(suffix) = &sc.suffix {
        for item in &suffix.0 {
            convert_item(item, &mut cmd, false);
        }
    }
    cmd
}

fn convert_item(item: &ast::CommandPrefixOrSuffixItem, cmd: &mut SimpleCmd, prefix: bool) {
    use ast::CommandPrefixOrSuffixItem as I;
    match item {
        I::IoRedirect(r) => cmd.redirects.push(convert_redirect(r)),
        I::Word(w) => cmd.words.push(RawWord::Text(w.value.clone())),
        I::AssignmentWord(a, w) => {
            if prefix && cmd.words.is_empty() {
                let name = match &a.name {
                    ast::AssignmentName::VariableName(n) => n.clone(),
                    ast::AssignmentName::ArrayElementName(n, _) => n.clone(),
                };
                let value = match &a.value {
                    ast::AssignmentValue::Scalar(v) => RawWord::Text(v.value.clone()),
                    ast::AssignmentValue::Array(items) => RawWord::Text(
                        items
                            .iter()
                            .map(|(_, v)| v.value.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                };
                cmd.assigns.push(Assign {
                    name,
                    value,
                    append: a.append,
                });
            } else {
                // `export X=1`, `declare X=1`: an argument word.
                cmd.words.push(RawWord::Text(w.value.clone()));
            }
        }
        I::ProcessSubstitution(kind, sub) => cmd.words.push(RawWord::ProcSubst(
            matches!(kind, ast::ProcessSubstitutionKind::Read),
            Box::new(list_script(&sub.list)),
        )),
    }
}

fn convert_redirect(r: &ast::IoRedirect) -> Redirect {
    use ast::{IoFileRedirectKind as K, IoFileRedirectTarget as T};
    match r {
        ast::IoRedirect::File(_, kind, target) => {
            let word = match target {
                T::Filename(w) => RawWord::Text(w.value.clone()),
                T::ProcessSubstitution(kind, sub) => RawWord::ProcSubst(
                    matches!(kind, ast::ProcessSubstitutionKind::Read),
                    Box::new(list_script(&sub.list)),
                ),
                // `>& WORD` where WORD is a file name rather than an fd: a file redirection
                T::Duplicate(w)
                    if !w.value.is_empty()
                        && !w.value.chars().all(|c| c.is_ascii_digit() || c == '-') =>
                {
                    RawWord::Text(w.value.clone())
                }
                T::Fd(_) | T::Duplicate(_) => return Redirect::Dup,
            };
            match kind {
                K::Read => Redirect::Read(word),
                K::Write | K::Clobber | K::ReadAndWrite => Redirect::Write {
                    target: word,
                    append: false,
                },
                K::Append => Redirect::Write {
                    target: word,
                    append: true,
                },
                // `>& FILE` / `<& FILE` with a file name (not an fd number or `-`) redirect
                // to that file: bash's `>& /dev/tcp/HOST/PORT`
                K::DuplicateInput | K::DuplicateOutput => match &word {
                    RawWord::Text(t)
                        if !t.is_empty()
                            && t != "-"
                            && !t.chars().all(|c| c.is_ascii_digit() || c == '-') =>
                    {
                        if matches!(kind, K::DuplicateOutput) {
                            Redirect::Write {
                                target: word,
                                append: false,
                            }
                        } else {
                            Redirect::Read(word)
                        }
                    }
                    _ => Redirect::Dup,
                },
            }
        }
        ast::IoRedirect::HereDocument(_, h) => Redirect::HereDoc {
            body: h.doc.value.clone(),
            expand: h.requires_expansion,
        },
        ast::IoRedirect::HereString(_, w) => Redirect::HereString(RawWord::Text(w.value.clone())),
        ast::IoRedirect::OutputAndError(w, append) => Redirect::Write {
            target: RawWord::Text(w.value.clone()),
            append: *append,
        },
    }
}
