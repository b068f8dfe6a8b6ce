//! gate/env-dump

use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags printing the whole environment: `env`, `printenv` without a name, `set`,
    /// `export -p`, `declare -x`/`-p`, `cat /proc/*/environ`, and one-liners that print
    /// `os.environ` or `process.env`.
    ///
    /// ## Why is this bad?
    /// The environment of a developer's shell holds API tokens, cloud credentials and
    /// database URLs. Dumping it puts all of them into the agent's context at once.
    ///
    /// ## Example
    /// ```text
    /// env
    /// printenv | sort
    /// ```
    ///
    /// ## Use instead
    /// Print the variables you need by name: `printenv PATH`, `echo "$NODE_ENV"`.
    EnvDump {
        id: "gate/env-dump",
        title: "Environment dumped",
        tier: Medium,
        cwe: [200],
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    let dump = match c.name {
        "env" | "printenv" => c.args.is_empty() || c.strs().all(|a| a.starts_with('-')),
        "set" => c.args.is_empty(),
        "export" | "declare" | "typeset" => {
            c.args.is_empty() || c.strs().all(|a| matches!(a, "-p" | "-x" | "-px" | "-xp"))
        }
        "compgen" => c.strs().any(|a| a == "-v" || a == "-e"),
        _ => false,
    } || c
        .strs()
        .any(|a| a.starts_with("/proc/") && a.ends_with("/environ"));
    if dump {
        out.add(
            EnvDump::ID,
            Tier::Medium,
            format!(
                "{} prints the whole environment, including tokens and keys",
                c.name
            ),
            "print only the variables you need, by name (printenv PATH)",
        );
    }
}
