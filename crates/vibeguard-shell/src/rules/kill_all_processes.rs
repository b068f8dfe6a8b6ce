//! gate/kill-all-processes
use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags signals sent to every process at once: `killall5`, `kill` with the target
    /// `-1` (every process the user may signal) or `1` (init), and `pkill`/`killall`
    /// selecting by user alone (`pkill -u dev`, `killall -u dev`) or by a pattern that
    /// matches any name (`pkill .`).
    ///
    /// ## Why is this bad?
    /// These end the desktop session, editors with unsaved work, databases mid-write and
    /// the agent itself; as root they take the whole machine down.
    ///
    /// ## Example
    /// ```text
    /// kill -9 -1
    /// killall5 -9
    /// ```
    ///
    /// ## Use instead
    /// Stop the one process you started, by its pid or an exact pattern
    /// (`kill 4242`, `pkill -f "node web/server.js"`).
    KillAllProcesses {
        id: "gate/kill-all-processes",
        title: "Every process killed",
        tier: High,
        cwe: [400],
    }
}

fn report(out: &mut Out, what: &str) {
    out.add(
        KillAllProcesses::ID,
        Tier::High,
        format!(
            "{what} signals every process, ending the user's session, services and the agent itself"
        ),
        "kill only the process you started, by pid or an exact pattern",
    );
}

/// `kill` operands after the signal options.
fn kill_targets<'a>(c: &'a Cmd) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut dashdash = false;
    while i < c.args.len() {
        let a = c.args[i].text.as_str();
        if !dashdash {
            if a == "--" {
                dashdash = true;
                i += 1;
                continue;
            }
            if matches!(a, "-s" | "-n" | "--signal") {
                i += 2;
                continue;
            }
            // `-9`, `-KILL`, `-SIGTERM` are signals only before the first operand
            if out.is_empty() && a.starts_with('-') && a != "-1" {
                i += 1;
                continue;
            }
            if out.is_empty()
                && a == "-1"
                && i + 1 < c.args.len()
                && !c.args[i + 1].text.starts_with('-')
                && c.args[..i].is_empty()
            {
                // `kill -1 PID` is SIGHUP to PID
                i += 1;
                continue;
            }
        }
        out.push(a);
        i += 1;
    }
    out
}

pub fn check(c: &Cmd, out: &mut Out) {
    match c.name {
        "killall5" => report(out, "killall5"),
        "kill" if kill_targets(c).iter().any(|t| *t == "-1" || *t == "1") => {
            report(out, "kill -1 (or pid 1)");
        }
        "pkill" | "killall" => {
            let user = c
                .opt_value(&["-u", "-U", "--euid", "--uid", "--user"])
                .is_some()
                || c.strs()
                    .any(|a| a.starts_with("-u") && a.len() > 2 && !a.starts_with("--"));
            let mut skip_next = false;
            let patterns: Vec<&str> = c
                .strs()
                .filter(|a| {
                    if skip_next {
                        skip_next = false;
                        return false;
                    }
                    if matches!(
                        *a,
                        "-u" | "-U"
                            | "-s"
                            | "--signal"
                            | "-g"
                            | "-G"
                            | "-P"
                            | "-t"
                            | "--euid"
                            | "--uid"
                            | "--user"
                    ) {
                        skip_next = true;
                        return false;
                    }
                    !a.starts_with('-')
                })
                .collect();
            let everything = patterns
                .iter()
                .any(|p| matches!(*p, "." | ".*" | "^" | "" | "^.*$"));
            if everything || (user && patterns.is_empty()) {
                report(out, &format!("{} by user alone", c.name));
            }
        }
        _ => {}
    }
}
