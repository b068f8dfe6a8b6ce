//! gate/fork-bomb (shell functions in `crate::analyze`, interpreter loops in `crate::interp`)
use crate::cmd::Out;
use crate::model::{Script, Stage};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags fork bombs in any spelling: a shell function that calls itself more than
    /// once or through a pipe (`:(){ :|:& };:`, `bomb(){ bomb|bomb & }`, whatever the
    /// name), also inside `bash -c`, `eval` or text piped into a shell; and interpreter
    /// one-liners that fork in an endless loop (`perl -e 'fork while 1'`,
    /// `python -c 'while True: os.fork()'`, `ruby -e 'loop { fork }'`).
    ///
    /// ## Why is this bad?
    /// Processes multiply until the process table is full: the machine stops responding
    /// and usually needs a hard reset, losing unsaved work.
    ///
    /// ## Example
    /// ```text
    /// :(){ :|:& };:
    /// ```
    ///
    /// ## Use instead
    /// Nothing an agent does needs it; to test process limits use a container with a
    /// pids limit.
    ForkBomb {
        id: "gate/fork-bomb",
        title: "Fork bomb",
        tier: High,
        cwe: [400],
    }
}

pub fn report(out: &mut Out, what: &str) {
    out.add(
        ForkBomb::ID,
        Tier::High,
        format!("{what} is a fork bomb: processes multiply until the machine stops responding"),
        "do not run it; test resource limits in a container with a pids limit",
    );
}

/// Calls of `name` in the body: (calls in total, whether one is piped).
fn calls(body: &Script, name: &str, depth: usize) -> (usize, bool) {
    let mut n = 0;
    let mut piped = false;
    if depth > 8 {
        return (0, false);
    }
    for p in &body.pipelines {
        let mut here = 0;
        for st in &p.stages {
            match st {
                Stage::Simple(c) => {
                    if let Some(crate::model::RawWord::Text(w)) = c.words.first()
                        && crate::words::simple_unquote(w) == name
                    {
                        here += 1;
                    }
                }
                Stage::Group { body, .. } | Stage::Function { body, .. } => {
                    let (k, pp) = calls(body, name, depth + 1);
                    here += k;
                    piped |= pp;
                }
            }
        }
        if here > 0 && p.stages.len() > 1 {
            piped = true;
        }
        n += here;
    }
    (n, piped)
}

/// A function whose body calls itself twice or through a pipe.
pub fn is_fork_bomb(name: &str, body: &Script) -> bool {
    let (n, piped) = calls(body, name, 0);
    n >= 2 || (n >= 1 && piped)
}

/// Interpreter code that forks inside an endless loop.
pub fn code_forks_forever(code: &str) -> bool {
    let c: String = code.split_whitespace().collect::<Vec<_>>().join(" ");
    if !c.contains("fork") {
        return false;
    }
    let endless = [
        "while 1",
        "while(1)",
        "while (1)",
        "while True",
        "while true",
        "while(true)",
        "while (true)",
        "loop {",
        "loop do",
        "for(;;)",
        "for (;;)",
        "iter(int",
        "until 0",
        "until false",
        "itertools.count",
        "1 while",
        "while:",
    ];
    endless.iter().any(|e| c.contains(e))
}
