//! Dockerfile / Containerfile: instructions with their spans, line continuations (with
//! the `# escape=` directive), comments inside continued instructions, BuildKit heredocs
//! (`RUN <<EOF`, `<<-EOF`, quoted delimiters, several per instruction), build stages,
//! and `ARG` defaults substituted into `FROM`.

use std::collections::HashMap;
use std::ops::Range;

const INSTRUCTIONS: &[&str] = &[
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

#[derive(Debug, Clone)]
pub struct Heredoc {
    pub delimiter: String,
    pub body: String,
    pub body_span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Instruction {
    /// Upper-case keyword (`RUN`).
    pub keyword: String,
    /// The arguments after the keyword, continuation lines joined (escape + line break
    /// removed, comment lines inside dropped).
    pub args: String,
    /// The instruction from its keyword to its last line (heredoc bodies included).
    pub span: Range<usize>,
    /// Index of the build stage (`FROM`) this instruction belongs to; 0 before the first.
    pub stage: usize,
    pub heredocs: Vec<Heredoc>,
}

impl Instruction {
    /// `--name=value` flags at the start of the arguments, and the rest.
    pub fn flags(&self) -> (Vec<(String, String)>, &str) {
        split_flags(&self.args)
    }

    /// The exec (JSON array) form's strings, if the arguments are one.
    pub fn exec_form(&self) -> Option<Vec<String>> {
        exec_form(self.flags().1)
    }
}

/// `--name=value` flags at the start of `args`, and the rest.
pub fn split_flags(args: &str) -> (Vec<(String, String)>, &str) {
    let mut flags = Vec::new();
    let mut rest = args.trim_start();
    while let Some(f) = rest.strip_prefix("--") {
        let end = f.find(char::is_whitespace).unwrap_or(f.len());
        let (name, value) = f[..end].split_once('=').unwrap_or((&f[..end], ""));
        flags.push((name.to_ascii_lowercase(), value.to_string()));
        rest = f[end..].trim_start();
    }
    (flags, rest)
}

/// The strings of a JSON array argument (`["node", "server.js"]`).
pub fn exec_form(args: &str) -> Option<Vec<String>> {
    let t = args.trim();
    if !t.starts_with('[') {
        return None;
    }
    let n = super::json::parse(t).ok()?;
    n.items()
        .iter()
        .map(|i| i.text().map(str::to_string))
        .collect()
}

#[derive(Debug, Clone)]
pub struct Stage {
    /// Index of the `FROM` instruction.
    pub from: usize,
    /// The image as written (`node:${NODE}`) and with known `ARG` defaults substituted.
    pub image_raw: String,
    pub image: String,
    pub alias: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Dockerfile {
    pub instructions: Vec<Instruction>,
    pub stages: Vec<Stage>,
}

impl Dockerfile {
    /// Instructions of one stage.
    pub fn stage_instructions(&self, stage: usize) -> impl Iterator<Item = &Instruction> {
        self.instructions.iter().filter(move |i| i.stage == stage)
    }

    /// Is `name` the alias of an earlier stage (`FROM builder`)?
    pub fn is_stage_alias(&self, name: &str, before: usize) -> bool {
        self.stages[..before.min(self.stages.len())]
            .iter()
            .any(|s| {
                s.alias
                    .as_deref()
                    .is_some_and(|a| a.eq_ignore_ascii_case(name))
            })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DockerfileError {
    pub line: usize,
    pub message: String,
}

pub fn parse(text: &str) -> Result<Dockerfile, DockerfileError> {
    let escape = escape_directive(text);
    let lines: Vec<(usize, &str)> = line_spans(text);
    let mut instructions: Vec<Instruction> = Vec::new();
    let mut stage = 0usize;
    let mut i = 0;
    while i < lines.len() {
        let (start, raw) = lines[i];
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            i += 1;
            continue;
        }
        let lead = raw.len() - trimmed.len();
        let kw_end = trimmed
            .find(|c: char| c.is_whitespace())
            .unwrap_or(trimmed.len());
        let keyword = trimmed[..kw_end].to_ascii_uppercase();
        if !INSTRUCTIONS.contains(&keyword.as_str()) {
            return Err(DockerfileError {
                line: i + 1,
                message: format!("unknown instruction `{}`", &trimmed[..kw_end]),
            });
        }
        // The logical line: continue while a line ends with the escape character.
        let mut args = String::new();
        let mut piece = &trimmed[kw_end..];
        let mut end = start + raw.len();
        loop {
            let body = piece.trim_end_matches([' ', '\t', '\r']);
            if let Some(cut) = body.strip_suffix(escape) {
                args.push_str(cut);
                args.push(' ');
                i += 1;
                // Skip comment and blank lines inside a continued instruction.
                while i < lines.len() {
                    let t = lines[i].1.trim_start();
                    if t.starts_with('#') || t.trim().is_empty() && i + 1 < lines.len() {
                        i += 1;
                    } else {
                        break;
                    }
                }
                if i >= lines.len() {
                    break;
                }
                piece = lines[i].1;
                end = lines[i].0 + lines[i].1.len();
            } else {
                args.push_str(body);
                i += 1;
                break;
            }
        }
        let args = args.trim().to_string();
        // Heredocs start on the line after the instruction.
        let mut heredocs = Vec::new();
        if matches!(keyword.as_str(), "RUN" | "COPY" | "ADD") {
            for (delim, strip_tabs) in heredoc_delimiters(&args) {
                let body_start = lines.get(i).map_or(text.len(), |l| l.0);
                let mut body = String::new();
                let mut closed = false;
                while i < lines.len() {
                    let (ls, l) = lines[i];
                    let l = l.strip_suffix('\r').unwrap_or(l);
                    let cmp = if strip_tabs {
                        l.trim_start_matches('\t')
                    } else {
                        l
                    };
                    i += 1;
                    if cmp == delim {
                        closed = true;
                        end = ls + lines[i - 1].1.len();
                        heredocs.push(Heredoc {
                            delimiter: delim.clone(),
                            body: std::mem::take(&mut body),
                            body_span: body_start..ls,
                        });
                        break;
                    }
                    body.push_str(cmp);
                    body.push('\n');
                }
                if !closed {
                    return Err(DockerfileError {
                        line: lines.len(),
                        message: format!("heredoc `{delim}` is not closed"),
                    });
                }
            }
        }
        if keyword == "FROM" {
            stage = instructions.iter().filter(|x| x.keyword == "FROM").count() + 1;
        }
        instructions.push(Instruction {
            keyword,
            args,
            span: start + lead..end,
            stage,
            heredocs,
        });
    }
    let stages = stages(&instructions);
    Ok(Dockerfile {
        instructions,
        stages,
    })
}

fn stages(instructions: &[Instruction]) -> Vec<Stage> {
    let mut global_args: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for (idx, ins) in instructions.iter().enumerate() {
        match ins.keyword.as_str() {
            "ARG" if ins.stage == 0 => {
                for part in ins.args.split_whitespace() {
                    let (k, v) = part.split_once('=').unwrap_or((part, ""));
                    global_args.insert(k.to_string(), unquote(v).to_string());
                }
            }
            "FROM" => {
                let (_, rest) = ins.flags();
                let words: Vec<&str> = rest.split_whitespace().collect();
                let image_raw = words.first().copied().unwrap_or("").to_string();
                let alias = match words.as_slice() {
                    [_, as_kw, name, ..] if as_kw.eq_ignore_ascii_case("as") => {
                        Some(name.to_string())
                    }
                    _ => None,
                };
                out.push(Stage {
                    from: idx,
                    image: substitute(&image_raw, &global_args),
                    image_raw,
                    alias,
                });
            }
            _ => {}
        }
    }
    out
}

fn unquote(v: &str) -> &str {
    v.trim_matches(|c| c == '"' || c == '\'')
}

/// `$NAME`, `${NAME}` and `${NAME:-default}` replaced by known values; unknown names are
/// left as written.
pub fn substitute(s: &str, vars: &HashMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(p) = rest.find('$') {
        out.push_str(&rest[..p]);
        let after = &rest[p + 1..];
        if let Some(inner) = after.strip_prefix('{')
            && let Some(close) = inner.find('}')
        {
            let expr = &inner[..close];
            let (name, default) = match expr.split_once(":-") {
                Some((n, d)) => (n, Some(d)),
                None => (expr.split_once('-').map_or(expr, |x| x.0), None),
            };
            match vars.get(name).filter(|v| !v.is_empty()) {
                Some(v) => out.push_str(v),
                None => match default {
                    Some(d) => out.push_str(d),
                    None => out.push_str(&rest[p..p + 2 + close + 1]),
                },
            }
            rest = &inner[close + 1..];
            continue;
        }
        let n = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        match vars.get(&after[..n]) {
            Some(v) if n > 0 => out.push_str(v),
            _ => out.push_str(&rest[p..p + 1 + n]),
        }
        rest = &after[n..];
    }
    out.push_str(rest);
    out
}

/// The `# escape=` parser directive (backslash by default).
fn escape_directive(text: &str) -> char {
    for line in text.lines() {
        let t = line.trim();
        let Some(d) = t.strip_prefix('#') else { break };
        let d = d.trim();
        if let Some((k, v)) = d.split_once('=') {
            if k.trim().eq_ignore_ascii_case("escape") {
                return if v.trim() == "`" { '`' } else { '\\' };
            }
            continue;
        }
        break;
    }
    '\\'
}

/// Heredoc delimiters named in an instruction's arguments: `<<EOF`, `<<-EOF`,
/// `<<"EOF"`, `<<'EOF'` (the second value says whether leading tabs are stripped).
fn heredoc_delimiters(args: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = args;
    while let Some(p) = rest.find("<<") {
        let mut after = &rest[p + 2..];
        let strip = after.starts_with('-');
        if strip {
            after = &after[1..];
        }
        let (delim, len) = if let Some(q) = after.strip_prefix(['"', '\'']) {
            let quote = after.as_bytes()[0] as char;
            match q.find(quote) {
                Some(e) => (q[..e].to_string(), e + 2),
                None => (String::new(), 0),
            }
        } else {
            let e = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (after[..e].to_string(), e)
        };
        if !delim.is_empty() {
            out.push((delim, strip));
        }
        rest = &after[len.max(1).min(after.len())..];
        if len == 0 {
            break;
        }
    }
    out
}

fn line_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let l = line.strip_suffix('\n').unwrap_or(line);
        out.push((start, l));
        start += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuations_comments_and_stages() {
        let t = "# syntax=docker/dockerfile:1\nARG BASE=node:20-slim\nFROM ${BASE} AS build\nRUN apt-get update && \\\n    # a comment\n    apt-get install -y curl\nFROM scratch\nCOPY --from=build /app /app\n";
        let d = parse(t).unwrap();
        assert_eq!(d.instructions.len(), 5);
        let run = &d.instructions[2];
        assert_eq!(run.keyword, "RUN");
        assert!(run.args.contains("apt-get install -y curl"));
        assert!(!run.args.contains("comment"));
        assert!(t[run.span.clone()].starts_with("RUN"));
        assert!(t[run.span.clone()].ends_with("curl"));
        assert_eq!(d.stages.len(), 2);
        assert_eq!(d.stages[0].image, "node:20-slim");
        assert_eq!(d.stages[0].alias.as_deref(), Some("build"));
        assert_eq!(d.instructions[4].stage, 2);
        let (flags, rest) = d.instructions[4].flags();
        assert_eq!(flags[0], ("from".to_string(), "build".to_string()));
        assert_eq!(rest, "/app /app");
    }

    #[test]
    fn heredocs() {
        let t = "FROM alpine:3.20\nRUN <<EOF\ncurl -fsSL https://x.example/i.sh | sh\nEOF\nCOPY <<-\"A\" /a <<B /b\n\thello\n\tA\nworld\nB\nUSER app\n";
        let d = parse(t).unwrap();
        let run = &d.instructions[1];
        assert_eq!(run.heredocs.len(), 1);
        assert!(run.heredocs[0].body.contains("| sh"));
        assert_eq!(
            &t[run.heredocs[0].body_span.clone()],
            "curl -fsSL https://x.example/i.sh | sh\n"
        );
        let copy = &d.instructions[2];
        assert_eq!(copy.heredocs.len(), 2);
        assert_eq!(copy.heredocs[0].body, "hello\n");
        assert_eq!(d.instructions[3].keyword, "USER");
        assert!(parse("FROM a\nRUN <<EOF\necho\n").is_err());
    }

    #[test]
    fn escape_directive_and_errors() {
        let t =
            "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a `\n    b\n";
        let d = parse(t).unwrap();
        assert!(d.instructions[1].args.contains("a") && d.instructions[1].args.contains("b"));
        let e = parse("FROM a\nBOGUS x\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(
            exec_form(r#"["sh", "-c", "echo"]"#).unwrap(),
            vec!["sh", "-c", "echo"]
        );
    }

    #[test]
    fn substitution() {
        let mut v = HashMap::new();
        v.insert("V".to_string(), "1.2".to_string());
        assert_eq!(substitute("img:${V}", &v), "img:1.2");
        assert_eq!(substitute("img:$V-x", &v), "img:1.2-x");
        assert_eq!(substitute("img:${W:-3}", &v), "img:3");
        assert_eq!(substitute("img:${W}", &v), "img:${W}");
    }
}
