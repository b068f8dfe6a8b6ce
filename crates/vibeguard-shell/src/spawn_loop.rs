//! Endless loops that start a background job on every pass without waiting for it.
//!
//! `while true; do bash & done` multiplies processes as surely as `:(){ :|:& };:`, but
//! no function calls itself, so the function check in `rules::fork_bomb` cannot see it.
//! This looks at the loop itself: a condition that can never end it, a body with a
//! background job, and nothing in the body that waits, sleeps or leaves the loop.
use brush_parser::ast;

/// Whether this compound command is an endless loop that spawns background jobs.
pub fn is_spawn_loop(cc: &ast::CompoundCommand) -> bool {
    use ast::CompoundCommand as C;
    let (endless, body) = match cc {
        C::WhileClause(w) => (condition_always(&w.0, true), &w.1.list),
        C::UntilClause(w) => (condition_always(&w.0, false), &w.1.list),
        C::ArithmeticForClause(f) => (
            f.condition
                .as_ref()
                .is_none_or(|c| c.value.trim().is_empty() || arithmetic_is(&c.value, true)),
            &f.body.list,
        ),
        _ => return false,
    };
    endless && has_background_job(body) && !can_pause_or_leave(body)
}

/// The loop condition is a constant that always succeeds (`want`) or always fails.
fn condition_always(list: &ast::CompoundList, want: bool) -> bool {
    let text = normalise(&list.to_string());
    let text = text.trim_end_matches(';').trim();
    if let Some(inner) = text.strip_prefix("((").and_then(|t| t.strip_suffix("))")) {
        return arithmetic_is(inner, want);
    }
    if let Some(negated) = text.strip_prefix("! ") {
        return constant_status(negated.trim()) == Some(!want);
    }
    constant_status(text) == Some(want)
}

/// The exit status of a command that does nothing but succeed or fail.
fn constant_status(cmd: &str) -> Option<bool> {
    let cmd = cmd
        .strip_prefix("command ")
        .or_else(|| cmd.strip_prefix("builtin "))
        .unwrap_or(cmd)
        .trim();
    match cmd {
        "true" | ":" | "/bin/true" | "/usr/bin/true" => return Some(true),
        "false" | "/bin/false" | "/usr/bin/false" => return Some(false),
        _ => {}
    }
    // `[ 1 ]`, `[[ yes ]]`: a test of one non-empty literal word is always true.
    let inner = cmd
        .strip_prefix("[[ ")
        .and_then(|t| t.strip_suffix(" ]]"))
        .or_else(|| cmd.strip_prefix("[ ").and_then(|t| t.strip_suffix(" ]")))?;
    let literal = !inner.is_empty()
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !inner.starts_with('-');
    literal.then_some(true)
}

/// An arithmetic expression that is a literal number: non-zero is true.
fn arithmetic_is(expr: &str, want: bool) -> bool {
    match expr.trim().parse::<i64>() {
        Ok(n) => (n != 0) == want,
        Err(_) => false,
    }
}

/// A job started with `&` anywhere in the body (also inside `( )` or `{ }` groups).
fn has_background_job(list: &ast::CompoundList) -> bool {
    list.0.iter().any(|item| {
        matches!(item.1, ast::SeparatorOperator::Async)
            || and_or_pipelines(&item.0).any(|p| {
                p.seq.iter().any(|c| match c {
                    ast::Command::Compound(ast::CompoundCommand::BraceGroup(b), _) => {
                        has_background_job(&b.list)
                    }
                    ast::Command::Compound(ast::CompoundCommand::Subshell(s), _) => {
                        has_background_job(&s.list)
                    }
                    _ => false,
                })
            })
    })
}

fn and_or_pipelines(list: &ast::AndOrList) -> impl Iterator<Item = &ast::Pipeline> {
    std::iter::once(&list.first).chain(list.additional.iter().map(|a| match a {
        ast::AndOr::And(p) | ast::AndOr::Or(p) => p,
    }))
}

/// A word in the body that waits for jobs, pauses, or ends the loop: then the loop is
/// throttled or bounded, as a worker pool or a retry loop is.
fn can_pause_or_leave(list: &ast::CompoundList) -> bool {
    const STOPPERS: &[&str] = &[
        "wait", "sleep", "break", "exit", "return", "read", "timeout", "sem", "flock",
    ];
    list.to_string()
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .any(|w| STOPPERS.contains(&w))
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_compound(src: &str) -> ast::CompoundCommand {
        let opts = brush_parser::ParserOptions::default();
        let mut parser = brush_parser::Parser::new(std::io::Cursor::new(src.as_bytes()), &opts);
        let program = parser
            .parse_program()
            .unwrap_or_else(|e| panic!("{src}: {e:?}"));
        let item = &program.complete_commands[0].0[0];
        match &item.0.first.seq[0] {
            ast::Command::Compound(cc, _) => cc.clone(),
            other => panic!("not a compound command: {other:?}"),
        }
    }

    #[test]
    fn endless_loops_that_spawn_are_found_in_every_spelling() {
        for src in [
            "while true; do bash & done",
            "while :; do sh -c 'yes' & done",
            "while [ 1 ]; do ./run.sh & done",
            "while ((1)); do node x.js & done",
            "until false; do bash & done",
            "for ((i = 0; ; i++)); do bash & done",
            "while true\ndo\n  (bash &)\ndone",
            "while /bin/true; do { python3 w.py & } ; done",
        ] {
            assert!(is_spawn_loop(&first_compound(src)), "{src}");
        }
    }

    #[test]
    fn bounded_throttled_or_foreground_loops_are_not() {
        for src in [
            "while true; do npm run dev; done",
            "while true; do worker & sleep 5; done",
            "while true; do job & wait; done",
            "while read -r f; do gzip \"$f\" & done",
            "for ((i=0; i<4; i++)); do worker & done",
            "while [ -f lock ]; do poll & done",
            "until curl -s localhost:3000; do x & sleep 1; done",
            "while true; do x & if [ -f stop ]; then break; fi; done",
            "while false; do bash & done",
        ] {
            assert!(!is_spawn_loop(&first_compound(src)), "{src}");
        }
    }
}
