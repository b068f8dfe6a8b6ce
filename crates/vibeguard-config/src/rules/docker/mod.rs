//! Dockerfile rules, and the shell scripts of `RUN` instructions they read.

pub mod add_remote_url;
pub mod chmod_world_writable;
pub mod download_piped_to_shell;
pub mod package_cache;
pub mod run_as_root;
pub mod secret_copied;
pub mod secret_in_env;
pub mod ssh_server;
pub mod sudo;
pub mod unpinned_base_image;
pub mod verification_disabled;

use crate::parse::dockerfile::{Dockerfile, Instruction};
use crate::shell::{self, Script};
use crate::source::locate;
use std::ops::Range;

/// The shell script of one `RUN` (its shell form, `sh -c` in exec form, or a heredoc).
pub struct RunScript<'a> {
    pub ins: &'a Instruction,
    pub text: String,
    pub script: Script,
    /// Where `text` starts in the file when it is a verbatim slice (heredocs).
    exact: Option<usize>,
}

impl RunScript<'_> {
    /// The file range of `r` (a range in `self.text`): exact for heredocs; otherwise the
    /// command's first word found in the instruction, to the end of that line.
    pub fn file_span(&self, file_text: &str, r: &Range<usize>) -> Range<usize> {
        if let Some(off) = self.exact {
            return off + r.start..off + r.end;
        }
        let piece = self.text.get(r.clone()).unwrap_or("");
        let first = piece.split_whitespace().next().unwrap_or("");
        let at = locate(file_text, self.ins.span.clone(), first);
        let line_end = file_text[at.start..self.ins.span.end.max(at.start)]
            .find('\n')
            .map_or(self.ins.span.end, |i| at.start + i);
        at.start..line_end.max(at.end)
    }
}

/// Every `RUN` script of the file.
pub fn run_scripts(df: &Dockerfile) -> Vec<RunScript<'_>> {
    let mut out = Vec::new();
    for ins in df.instructions.iter().filter(|i| i.keyword == "RUN") {
        let (_, rest) = ins.flags();
        if !ins.heredocs.is_empty() {
            // `RUN <<EOF` or `RUN bash <<EOF`: the heredoc is the script; a heredoc fed
            // to another interpreter (`python3 <<EOF`) is not shell.
            let cmd = rest.split("<<").next().unwrap_or("").trim();
            let prog = cmd
                .split_whitespace()
                .next()
                .map(shell::basename)
                .unwrap_or("");
            let is_shell = cmd.is_empty() || matches!(prog, "sh" | "bash" | "ash" | "dash" | "zsh");
            for h in &ins.heredocs {
                let shebang_other = h
                    .body
                    .lines()
                    .next()
                    .is_some_and(|l| l.starts_with("#!") && !l.contains("sh"));
                if is_shell && !shebang_other {
                    out.push(RunScript {
                        ins,
                        text: h.body.clone(),
                        script: shell::parse(&h.body),
                        exact: Some(h.body_span.start),
                    });
                }
            }
            if !cmd.is_empty() {
                out.push(RunScript {
                    ins,
                    text: cmd.to_string(),
                    script: shell::parse(cmd),
                    exact: None,
                });
            }
            continue;
        }
        let text = match ins.exec_form() {
            Some(argv) => match argv.as_slice() {
                [sh, flag, script, ..]
                    if matches!(shell::basename(sh), "sh" | "bash" | "ash" | "dash")
                        && flag.starts_with('-')
                        && flag.contains('c') =>
                {
                    script.clone()
                }
                _ => argv
                    .iter()
                    .map(|a| format!("'{}'", a.replace('\'', "")))
                    .collect::<Vec<_>>()
                    .join(" "),
            },
            None => rest.to_string(),
        };
        out.push(RunScript {
            ins,
            script: shell::parse(&text),
            text,
            exact: None,
        });
    }
    out
}

/// The final stage's index (1-based stage numbers as in [`Instruction::stage`]).
pub fn final_stage(df: &Dockerfile) -> usize {
    df.stages.len()
}

/// The range of the instruction's first line.
pub fn first_line(text: &str, ins: &Instruction) -> Range<usize> {
    let s = ins.span.start;
    let e = text[s..ins.span.end.max(s)]
        .find('\n')
        .map_or(ins.span.end, |i| s + i);
    s..e
}
