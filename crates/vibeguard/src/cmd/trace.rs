//! The Agent Trace record the gate writes for a write or edit it allowed (`[gate]
//! agent_trace`, on by default in `regulated`): which lines of which file the agent is
//! about to write, with content hashes and the commit the working tree is on, so that
//! `vibeguard provenance` can attribute those lines even when the agent records nothing.
//! Written after the answer went out, so the agent does not wait for it.

use vibeguard_bom::provenance::agent_trace::{self, GateContext, GateWrite};
use vibeguard_gate::{Action, runner::HookRun};

/// Append the record for `action` to `<root>/.agent-trace/traces.jsonl`.
#[allow(clippy::type_complexity)]
pub fn record_write(run: &HookRun, action: &Action, root: &std::path::Path) -> Result<(), String> {
    let (path, after_of): (
        &std::path::Path,
        Box<dyn Fn(&str) -> Result<String, String>>,
    ) = match action {
        Action::Write { path, content } => (path, Box::new(|_| Ok(content.clone()))),
        Action::Edit { path, edits } => (
            path,
            Box::new(|before| {
                vibeguard_gate::edit::apply_edits(before, edits).map_err(|e| e.to_string())
            }),
        ),
        _ => return Ok(()),
    };
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    };
    let Ok(rel) = abs.strip_prefix(root) else {
        // Outside the project: not part of what its provenance describes.
        return Ok(());
    };
    let before = match std::fs::read(&abs) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: {e}", abs.display())),
    };
    let after = after_of(&before)?;
    let cx = GateContext {
        agent: run.agent.as_str().to_string(),
        session: run.session.clone(),
        model: None,
        tool: run.tool.clone(),
        decision: run.verdict.decision.as_str().to_string(),
        revision: agent_trace::head_revision(root),
        timestamp: jiff::Timestamp::now()
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
    };
    let write = GateWrite {
        path: rel.to_string_lossy().replace('\\', "/"),
        before,
        after,
    };
    match agent_trace::gate_record(&cx, &[write]) {
        Some(record) => agent_trace::append(root, &record).map_err(|e| e.to_string()),
        None => Ok(()),
    }
}
