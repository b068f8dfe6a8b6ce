//! gate/history-tampering
use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags switching off or erasing the shell's command history: `history -c`/`-w`
    /// after clearing, `set +o history`, `unset HISTFILE`, `HISTFILE=/dev/null`,
    /// `HISTSIZE=0`/`HISTFILESIZE=0`, and linking a history file to `/dev/null`. (Deleting
    /// or emptying history files is reported by the deletion and truncation rules.)
    ///
    /// ## Why is this bad?
    /// History is how a person reviews what ran on their machine. Clearing it hides what
    /// the session did, which is what an attacker steering the agent would want.
    ///
    /// ## Example
    /// ```text
    /// history -c && unset HISTFILE
    /// ```
    ///
    /// ## Use instead
    /// Leave the history alone; if a command line held a secret, tell the user so they
    /// can remove that entry themselves.
    HistoryTampering {
        id: "gate/history-tampering",
        title: "Shell history cleared or switched off",
        tier: Medium,
        cwe: [223],
    }
}

fn report(out: &mut Out, what: &str) {
    out.add(
        HistoryTampering::ID,
        Tier::Medium,
        format!("{what} clears or switches off the shell history, hiding what ran"),
        "leave the history alone; tell the user if an entry must go",
    );
}

/// A history variable set to a value that stops recording.
pub fn check_assignment(name: &str, value: &str, out: &mut Out) {
    let v = value.trim();
    let off = match name {
        "HISTFILE" => v.is_empty() || v == "/dev/null",
        "HISTSIZE" | "HISTFILESIZE" | "SAVEHIST" => v == "0",
        _ => false,
    };
    if off {
        report(out, &format!("{name}={v}"));
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    match c.name {
        "history"
            if c.args.iter().any(|a| {
                a.text.starts_with('-')
                    && !a.text.starts_with("--")
                    && (a.text.contains('c') || a.text.contains('d'))
            }) =>
        {
            report(out, "history -c");
        }
        "set" => {
            let a: Vec<&str> = c.strs().collect();
            if a.windows(2).any(|w| w[0] == "+o" && w[1] == "history") {
                report(out, "set +o history");
            }
        }
        "unset" if c.strs().any(|a| a == "HISTFILE") => {
            report(out, "unset HISTFILE");
        }
        "export" | "declare" | "typeset" | "readonly" => {
            for a in c.strs() {
                if let Some((n, v)) = a.split_once('=') {
                    check_assignment(n, v, out);
                }
            }
        }
        "ln" => {
            let pos = c.positionals();
            if pos.len() == 2
                && pos[0].text == "/dev/null"
                && crate::paths::is_history_file(&c.resolve(&pos[1].text).path)
            {
                report(out, "linking a history file to /dev/null");
            }
        }
        _ => {}
    }
}
