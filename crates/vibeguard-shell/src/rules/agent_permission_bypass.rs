//! gate/agent-permission-bypass
use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags starting a coding agent with its own permission checks switched off:
    /// Claude Code `--dangerously-skip-permissions` or `--permission-mode
    /// bypassPermissions`; Codex `--dangerously-bypass-approvals-and-sandbox`, `--yolo` or
    /// the `danger-full-access` sandbox; Gemini CLI `--yolo`/`-y` or `--approval-mode
    /// yolo`; Cursor's CLI (`cursor-agent`, `agent`) `--force`/`-f`/`--yolo`; Copilot CLI
    /// `--allow-all-tools`, `--allow-all`, `--allow-all-paths`, `--allow-all-urls` or
    /// `--yolo`; Amp `--dangerously-allow-all`; also through `npx` and in an `alias`.
    ///
    /// ## Why is this bad?
    /// A second agent started without approvals runs every command it decides on with
    /// nobody asking, and its tool calls may not pass through this gate at all: it is a
    /// way around the guard the user set up.
    ///
    /// ## Example
    /// ```text
    /// claude --dangerously-skip-permissions -p "fix the build"
    /// gemini --yolo -p "clean up"
    /// ```
    ///
    /// ## Use instead
    /// Start agents with their normal approval modes (`claude -p`, `codex exec` in its
    /// workspace sandbox, `gemini --approval-mode auto_edit`), or ask the user.
    AgentPermissionBypass {
        id: "gate/agent-permission-bypass",
        title: "Coding agent started without its permission checks",
        tier: High,
        cwe: [269],
    }
}

/// The agent a program name (or npm package) belongs to.
fn agent_of(name: &str) -> Option<&'static str> {
    Some(match name {
        "claude" | "claude-code" => "Claude Code",
        "codex" => "Codex",
        "gemini" | "gemini-cli" => "Gemini CLI",
        "cursor-agent" | "agent" => "Cursor CLI",
        "copilot" => "Copilot CLI",
        "amp" => "Amp",
        "agy" => "Antigravity CLI",
        _ => return None,
    })
}

/// The flag that switches the agent's checks off, if present.
fn bypass_flag(agent: &str, c: &Cmd) -> Option<String> {
    let a: Vec<&str> = c.strs().collect();
    let value_of = |names: &[&str]| c.opt_value(names).map(|v| v.to_ascii_lowercase());
    let found = |flags: &[&str]| {
        a.iter()
            .find(|x| flags.contains(&x.split('=').next().unwrap_or(x)))
            .map(|x| x.to_string())
    };
    match agent {
        "Claude Code" | "Antigravity CLI" => found(&[
            "--dangerously-skip-permissions",
            "--allow-dangerously-skip-permissions",
        ])
        .or_else(|| {
            (value_of(&["--permission-mode"]).as_deref() == Some("bypasspermissions"))
                .then(|| "--permission-mode bypassPermissions".to_string())
        }),
        "Codex" => found(&["--dangerously-bypass-approvals-and-sandbox", "--yolo"]).or_else(|| {
            let sandbox = value_of(&["--sandbox", "-s"]);
            let config = a
                .iter()
                .any(|x| x.contains("sandbox_mode") && x.contains("danger-full-access"));
            (sandbox.as_deref() == Some("danger-full-access") || config)
                .then(|| "danger-full-access".to_string())
        }),
        "Gemini CLI" => found(&["--yolo", "-y"]).or_else(|| {
            (value_of(&["--approval-mode"]).as_deref() == Some("yolo"))
                .then(|| "--approval-mode yolo".to_string())
        }),
        "Cursor CLI" => found(&["--force", "-f", "--yolo"]),
        "Copilot CLI" => found(&[
            "--allow-all-tools",
            "--allow-all",
            "--allow-all-paths",
            "--allow-all-urls",
            "--yolo",
        ]),
        "Amp" => found(&["--dangerously-allow-all"]),
        _ => None,
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    let Some(agent) = agent_of(c.name) else {
        return;
    };
    if let Some(flag) = bypass_flag(agent, c) {
        out.add(
            AgentPermissionBypass::ID,
            Tier::High,
            format!("{} starts {agent} with {flag}, which runs its tool calls without anyone approving them", c.name),
            "run the agent with its normal approval mode, or ask the user to start it",
        );
    }
}
