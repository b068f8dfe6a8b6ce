//! One hook call end to end, failing closed: stdin (capped) → adapter → policy → engine
//! (panics caught) → the agent's protocol, under the deadlines a watchdog enforces (see
//! `watchdog`). Whatever goes wrong becomes a deliberate ask or block with the reason,
//! never an error exit the agent would treat as a go-ahead, never a hang.

use crate::action::{Action, Decision, Verdict};
use crate::adapters;
use crate::engine::Engine;
use crate::policy::GatePolicy;
use crate::request::{Agent, Event, HookOutput};
use crate::watchdog::{self, Watch};
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use vibeguard_core::{Analyzer, Policy};
use vibeguard_shell::ShellContext;

/// Largest hook input accepted.
pub const MAX_INPUT: u64 = 16 * 1024 * 1024;

/// Time allowed for the agent to deliver its input and for the policy to load.
const INPUT_DEADLINE: Duration = Duration::from_secs(1);

/// Builds the content analyzers from the loaded policy (the binary passes the secrets
/// analyzer's constructor; the gate crate does not depend on analyzer crates).
pub type MakeAnalyzers = fn(&Policy) -> Result<Vec<Box<dyn Analyzer>>, String>;

/// Builds the package checker from the loaded policy (the binary passes the dependency
/// checker's constructor; the gate crate does not depend on analyzer crates).
pub type MakePackageChecker = fn(&Policy) -> Option<Box<dyn vibeguard_core::PackageChecker>>;

static PACKAGE_CHECKER: std::sync::OnceLock<MakePackageChecker> = std::sync::OnceLock::new();

/// Register the package checker hook calls use (once per process, before
/// [`run_hook`]); without one, installs are only judged by the shell rules.
pub fn set_package_checker(make: MakePackageChecker) {
    let _ = PACKAGE_CHECKER.set(make);
}

/// Delivers the answer when a deadline passes before the hook is done. It runs on the
/// watchdog thread while the hook's own work is still stuck, so the binary's version
/// writes the answer, logs it and exits the process; whatever it returns is what
/// [`run_hook`] returns once the stuck work ends (tests use that).
pub type OnTimeout = Box<dyn FnOnce(HookRun) -> HookRun + Send>;

/// The process environment a hook needs (read by the caller, so tests can set it).
#[derive(Debug, Clone)]
pub struct HookEnv {
    pub process_cwd: PathBuf,
    pub home: PathBuf,
    /// `CLAUDE_PROJECT_DIR`, `CURSOR_PROJECT_DIR` or `GEMINI_PROJECT_DIR` when set.
    pub project_dir: Option<PathBuf>,
}

/// What happened, for the process exit and the audit log.
#[derive(Debug, Clone)]
pub struct HookRun {
    pub output: HookOutput,
    pub verdict: Verdict,
    pub agent: Agent,
    pub event: Option<String>,
    pub session: String,
    pub tool: String,
    /// Short, redacted description of the input.
    pub summary: String,
    pub input_sha256: String,
    /// Project root, when known (where the audit log lives).
    pub root: Option<PathBuf>,
    pub elapsed: Duration,
    /// False for events the gate does not judge (nothing to log).
    pub gated: bool,
    /// An allowed write or edit to record as an Agent Trace record (`[gate] agent_trace`).
    pub trace_write: Option<Action>,
}

/// What the work learned before analysing.
#[derive(Debug, Clone, Default)]
struct Meta {
    event: Option<Event>,
    session: String,
    tool: String,
    summary: String,
    input_sha256: String,
    root: Option<PathBuf>,
    fail_decision: Option<Decision>,
    not_gated: bool,
    /// The analysis had started (for the wording of a caught panic).
    analysing: bool,
    /// Set after the verdict: the allowed write or edit to trace.
    trace_write: Option<Action>,
}

/// Run one hook call. Never panics, never blocks longer than the deadlines: when one
/// passes, `on_timeout` gets the fail-closed answer from the watchdog thread.
pub fn run_hook(
    agent: Agent,
    event: Option<String>,
    stdin: Box<dyn Read + Send>,
    env: HookEnv,
    make: MakeAnalyzers,
    on_timeout: OnTimeout,
) -> HookRun {
    let start = Instant::now();
    let fire = move |meta: &Meta, why: &str| hook_run(agent, start, meta, failed(meta, why));
    let watch = match watchdog::start(
        Meta::default(),
        INPUT_DEADLINE,
        "the hook input did not arrive within 1 s (stdin left open?)".to_string(),
        fire,
        on_timeout,
    ) {
        Ok(w) => w,
        Err(_) => {
            let v = Verdict::fail_closed("vibeguard could not start its watchdog thread");
            return hook_run(agent, start, &Meta::default(), v);
        }
    };
    let done = catch_unwind(AssertUnwindSafe(|| {
        work(agent, event, stdin, env, make, &watch)
    }));
    let (meta, verdict) = done.unwrap_or_else(|_| {
        let meta = watch.meta();
        let reason = if meta.analysing {
            "internal error in vibeguard's analysis (caught panic)"
        } else {
            "internal error while reading the hook input (caught panic)"
        };
        let verdict = failed(&meta, reason);
        (meta, verdict)
    });
    match watch.finish() {
        Ok(()) => hook_run(agent, start, &meta, verdict),
        Err(answered) => answered,
    }
}

fn hook_run(agent: Agent, start: Instant, meta: &Meta, verdict: Verdict) -> HookRun {
    let output = adapters::render(agent, meta.event.as_ref(), &verdict);
    HookRun {
        output,
        verdict,
        agent,
        event: meta.event.as_ref().map(|e| e.name.clone()),
        session: meta.session.clone(),
        tool: meta.tool.clone(),
        summary: meta.summary.clone(),
        input_sha256: meta.input_sha256.clone(),
        root: meta.root.clone(),
        elapsed: start.elapsed(),
        gated: !meta.not_gated,
        trace_write: meta.trace_write.clone(),
    }
}

fn failed(meta: &Meta, reason: &str) -> Verdict {
    let mut v = Verdict::fail_closed(format!("{reason}; blocked to be safe"));
    v.decision = meta.fail_decision.unwrap_or(Decision::Ask);
    v
}

/// Reads, parses and judges the input; what it learns on the way is published to the
/// watchdog so a timeout answer carries it.
fn work(
    agent: Agent,
    event: Option<String>,
    stdin: Box<dyn Read + Send>,
    env: HookEnv,
    make: MakeAnalyzers,
    watch: &Watch<Meta, HookRun>,
) -> (Meta, Verdict) {
    let mut meta = Meta::default();
    let fail = |meta: Meta, reason: String| {
        let v = failed(&meta, &reason);
        (meta, v)
    };
    let mut raw = Vec::new();
    if let Err(e) = stdin.take(MAX_INPUT + 1).read_to_end(&mut raw) {
        return fail(meta, format!("cannot read the hook input: {e}"));
    }
    meta.input_sha256 = vibeguard_core::finding::sha256_hex(&raw);
    if raw.len() as u64 > MAX_INPUT {
        return fail(meta, "the hook input is larger than 16 MiB".to_string());
    }
    if raw.iter().all(u8::is_ascii_whitespace) {
        return fail(meta, "the hook input is empty".to_string());
    }
    let value: serde_json::Value = match serde_json::from_slice(&raw) {
        Ok(v) => v,
        Err(e) => return fail(meta, format!("the hook input is not valid JSON ({e})")),
    };
    drop(raw);
    let req = match adapters::parse(agent, &value, event.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            // Still render in the event's protocol when the event name was readable.
            meta.event = known_event(agent, &value, event.as_deref());
            return fail(
                meta,
                format!("cannot understand the {agent} hook input: {e}"),
            );
        }
    };
    drop(value);
    meta.event = Some(req.event.clone());
    meta.session = req.session.clone().unwrap_or_default();
    meta.tool = req.tool.clone();
    let Some(action) = req.action else {
        // An event the adapter does not know is answered neutrally, and logged so a
        // person can see what the agent sent.
        if adapters::is_known_event(agent, &req.event.name) {
            meta.summary = format!("{} (not gated)", req.event.name);
            meta.not_gated = true;
        } else {
            meta.summary = format!(
                "{} (unknown event, answered without a decision)",
                req.event.name
            );
            meta.root = Some(project_root(
                env.project_dir.as_deref(),
                req.workspace_root.as_deref(),
                req.cwd.as_deref().unwrap_or(&env.process_cwd),
            ));
        }
        return (meta, Verdict::allow());
    };
    meta.summary = summarize(&action);
    let root = project_root(
        env.project_dir.as_deref(),
        req.workspace_root.as_deref(),
        req.cwd.as_deref().unwrap_or(&env.process_cwd),
    );
    meta.root = Some(root.clone());
    watch.publish(&meta);
    let (policy, gate) = match load_policy(&root) {
        Ok(p) => p,
        Err(e) => return fail(meta, e),
    };
    meta.fail_decision = Some(gate.profile.fail_closed());
    meta.analysing = true;
    watch.next_stage(
        &meta,
        gate.deadline,
        format!(
            "the analysis did not finish within {} ms (deadline_ms)",
            gate.deadline.as_millis()
        ),
    );
    let prebuilt = match check_rule_ids_keeping(&policy, make) {
        Ok(p) => std::cell::RefCell::new(p),
        Err(e) => return fail(meta, e),
    };
    let cx = ShellContext {
        cwd: req.cwd.clone().unwrap_or_else(|| root.clone()),
        project_root: root,
        home: env.home,
    };
    let broken_context = context_problem(req.cwd.as_deref(), &cx.project_root);
    let factory = || match prebuilt.borrow_mut().take() {
        Some(analyzers) => Ok(analyzers),
        None => make(&policy),
    };
    let packages = || PACKAGE_CHECKER.get().and_then(|m| m(&policy));
    let mut engine = Engine::new(&gate, cx, &factory);
    engine.broken_context = broken_context;
    if PACKAGE_CHECKER.get().is_some() {
        engine = engine.with_packages(&packages);
    }
    let verdict = engine.evaluate(&action);
    let verdict = adapters::map_ask(agent, &req.event, verdict, &gate);
    if gate.agent_trace
        && verdict.decision == Decision::Allow
        && matches!(action, Action::Write { .. } | Action::Edit { .. })
    {
        meta.trace_write = Some(action);
    }
    (meta, verdict)
}

/// Why the working directory the agent reported, or the project root, cannot be
/// used: it does not exist or is not a directory.
fn context_problem(cwd: Option<&Path>, root: &Path) -> Option<String> {
    if let Some(c) = cwd
        && !c.is_dir()
    {
        return Some(if c.exists() {
            format!("the working directory {} is not a directory", c.display())
        } else {
            format!("the working directory {} does not exist", c.display())
        });
    }
    (!root.is_dir()).then(|| format!("the project root {} could not be found", root.display()))
}

/// The event, when the input names one we know even though the rest was unusable.
fn known_event(agent: Agent, value: &serde_json::Value, event: Option<&str>) -> Option<Event> {
    use crate::request::EventKind;
    let name = event
        .or_else(|| value.get("hook_event_name").and_then(|v| v.as_str()))
        .or_else(|| value.get("agent_action_name").and_then(|v| v.as_str()))?;
    let kind = match (agent, name) {
        (_, "PreToolUse" | "BeforeTool" | "preToolUse" | "beforeShellExecution")
        | (_, "beforeMCPExecution" | "beforeReadFile") => EventKind::ToolUse,
        (_, "PermissionRequest") => EventKind::PermissionRequest,
        (_, "UserPromptSubmit" | "BeforeAgent" | "beforeSubmitPrompt" | "pre_user_prompt") => {
            EventKind::Prompt
        }
        (_, "ConfigChange") => EventKind::ConfigChange,
        (Agent::Windsurf, n) if n.starts_with("pre_") => EventKind::ToolUse,
        _ => return None,
    };
    Some(Event {
        name: name.to_string(),
        kind,
    })
}

/// The project root: the agent's project directory variable, the workspace root it
/// reports, or the nearest ancestor of `cwd` holding `vibeguard.toml` or `.git`.
pub fn project_root(project_dir: Option<&Path>, workspace: Option<&Path>, cwd: &Path) -> PathBuf {
    if let Some(d) = project_dir.or(workspace) {
        return d.to_path_buf();
    }
    let mut dir = Some(cwd);
    while let Some(d) = dir {
        if d.join(Policy::FILE_NAME).is_file() || d.join(".git").exists() {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    cwd.to_path_buf()
}

/// Load `vibeguard.toml` from `root` (defaults when absent). Any problem is an error
/// message naming the file, for the fail-closed reason.
pub fn load_policy(root: &Path) -> Result<(Policy, GatePolicy), String> {
    let policy =
        Policy::load_from_dir(root).map_err(|e| format!("vibeguard.toml is invalid: {e}"))?;
    let gate = GatePolicy::from_table(policy.gate.as_ref())
        .map_err(|e| format!("vibeguard.toml is invalid: {e}"))?;
    Ok((policy, gate))
}

/// Every rule id the policy names (`[gate.rules]`, `disable` lists) must be one that can
/// fire, or a typo would silently change nothing. The gate's own rules are checked
/// first; the content analyzers (`make`, built with nothing disabled so a disabled rule
/// is still known) are built only when an id is not a gate rule. Free when the policy
/// names no rule.
pub fn check_rule_ids(policy: &Policy, make: MakeAnalyzers) -> Result<(), String> {
    check_rule_ids_keeping(policy, make).map(|_| ())
}

/// [`check_rule_ids`], handing back the content analyzers when it had to build them for
/// exactly this policy (nothing disabled), so the hook does not build them twice.
fn check_rule_ids_keeping(
    policy: &Policy,
    make: MakeAnalyzers,
) -> Result<Option<Vec<Box<dyn Analyzer>>>, String> {
    if policy.rule_refs().is_empty() {
        return Ok(None);
    }
    if policy.check_rule_id_list(&crate::rule_ids()).is_ok() {
        return Ok(None);
    }
    let mut catalogue = crate::rules();
    let mut everything = policy.clone();
    everything.scan.disable.clear();
    everything.secrets.disable.clear();
    let analyzers = make(&everything)?;
    for a in &analyzers {
        catalogue.extend(a.rules());
    }
    policy
        .check_rule_ids(&catalogue)
        .map_err(|e| format!("vibeguard.toml is invalid:\n  {e}"))?;
    Ok((everything == *policy).then_some(analyzers))
}

/// A short description of an action for the audit log; long opaque tokens are redacted.
pub fn summarize(action: &Action) -> String {
    let s = match action {
        Action::Shell { command, .. } => format!("shell: {command}"),
        Action::Write { path, content } => {
            format!("write {} ({} bytes)", path.display(), content.len())
        }
        Action::Edit { path, edits } => format!("edit {} ({} edits)", path.display(), edits.len()),
        Action::Patch { patch, .. } => format!("patch ({} bytes)", patch.len()),
        Action::Read { path } => format!("read {}", path.display()),
        Action::ReadMany { paths } => format!("read {} paths", paths.len()),
        Action::Delete { path } => format!("delete {}", path.display()),
        Action::Search { pattern, path, .. } => format!(
            "search {pattern} in {}",
            path.as_deref()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        ),
        Action::Fetch { urls } => format!("fetch {}", urls.join(" ")),
        Action::WebSearch { query } => format!("web search {query}"),
        Action::Mcp { server, tool, .. } => format!("mcp {server}/{tool}"),
        Action::Prompt { text } => format!("prompt ({} chars)", text.chars().count()),
        Action::ConfigChange { source, path } => format!(
            "config change {source} {}",
            path.as_deref()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        ),
        Action::Other { tool, .. } => format!("tool {tool}"),
    };
    let redacted: Vec<String> = s
        .split(' ')
        .map(|w| {
            let opaque = w.len() >= 20
                && w.chars().any(|c| c.is_ascii_digit())
                && w.chars().any(|c| c.is_ascii_alphabetic())
                && !w.contains('/');
            if opaque {
                vibeguard_core::redact::redact(w)
            } else {
                w.to_string()
            }
        })
        .collect();
    let mut out = redacted.join(" ");
    if out.len() > 300 {
        let mut end = 300;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(dir: &Path) -> HookEnv {
        HookEnv {
            process_cwd: dir.to_path_buf(),
            home: dir.join("home"),
            project_dir: Some(dir.to_path_buf()),
        }
    }

    fn write_input(dir: &Path) -> Box<dyn Read + Send> {
        let v = serde_json::json!({
            "session_id": "s", "cwd": dir, "hook_event_name": "PreToolUse",
            "tool_name": "Write",
            "tool_input": {"file_path": dir.join("a.py"), "content": "x = 1\n"},
        });
        Box::new(std::io::Cursor::new(v.to_string().into_bytes()))
    }

    fn panicking(_: &Policy) -> Result<Vec<Box<dyn Analyzer>>, String> {
        panic!("analyzer exploded")
    }

    fn slow(_: &Policy) -> Result<Vec<Box<dyn Analyzer>>, String> {
        std::thread::sleep(Duration::from_secs(5));
        Ok(Vec::new())
    }

    fn none(_: &Policy) -> Result<Vec<Box<dyn Analyzer>>, String> {
        Ok(Vec::new())
    }

    /// One hook call on a Write into `dir`, with an `on_timeout` that hands the
    /// watchdog's answer back unchanged.
    fn hook_call(agent: Agent, dir: &Path, make: MakeAnalyzers) -> HookRun {
        run_hook(
            agent,
            None,
            write_input(dir),
            env(dir),
            make,
            Box::new(|run| run),
        )
    }

    #[test]
    fn a_rule_id_that_matches_no_rule_fails_closed_with_a_suggestion() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("vibeguard.toml"),
            "[gate]\nprofile = \"strict\"\n[gate.rules]\n\"gate/git-force-pus\" = \"allow\"\n",
        )
        .unwrap();
        let run = hook_call(Agent::Claude, dir.path(), none);
        assert_eq!(run.verdict.decision, Decision::Deny, "strict fails closed");
        assert!(
            run.verdict.reason.contains(
                "unknown rule id `gate/git-force-pus`; did you mean `gate/git-force-push`?"
            ),
            "{}",
            run.verdict.reason
        );
        // A known id, a gate pattern and an id the content analyzers list are accepted.
        std::fs::write(
            dir.path().join("vibeguard.toml"),
            "[gate.rules]\n\"gate/git-force-push\" = \"allow\"\n\"gate/*\" = \"ask\"\n",
        )
        .unwrap();
        let run = hook_call(Agent::Claude, dir.path(), none);
        assert_eq!(
            run.verdict.decision,
            Decision::Allow,
            "{}",
            run.verdict.reason
        );
    }

    #[test]
    fn a_panic_in_the_analysis_becomes_an_ask() {
        let dir = tempfile::tempdir().unwrap();
        // Printing the panic's backtrace (RUST_BACKTRACE=1 on a loaded machine) can take
        // longer than the default deadline; this test is about the panic, not the clock.
        std::fs::write(
            dir.path().join("vibeguard.toml"),
            "[gate]\ndeadline_ms = 20000\n",
        )
        .unwrap();
        let run = hook_call(Agent::Claude, dir.path(), panicking);
        assert_eq!(run.verdict.decision, Decision::Ask);
        assert!(
            run.verdict.reason.contains("panic"),
            "{}",
            run.verdict.reason
        );
        let out: serde_json::Value = serde_json::from_str(&run.output.stdout).unwrap();
        assert_eq!(out["hookSpecificOutput"]["permissionDecision"], "ask");
        // Codex has no ask: the same failure is a deny with exit 2.
        let run = hook_call(Agent::Codex, dir.path(), panicking);
        assert_eq!(run.output.exit_code, 2);
    }

    #[test]
    fn a_deadline_overrun_fails_closed_without_waiting_for_the_analysis() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("vibeguard.toml"),
            "[gate]\ndeadline_ms = 50\n",
        )
        .unwrap();
        // The watchdog answers while the analysis is still asleep; the binary's
        // on_timeout would write that answer and exit.
        let (tx, rx) = std::sync::mpsc::channel();
        let input = write_input(dir.path());
        let env = env(dir.path());
        let start = Instant::now();
        std::thread::spawn(move || {
            let on_timeout: OnTimeout = Box::new(move |run| {
                let _ = tx.send(run.clone());
                run
            });
            run_hook(Agent::Claude, None, input, env, slow, on_timeout)
        });
        let run = rx
            .recv_timeout(Duration::from_secs(4))
            .expect("answered before the analysis ended");
        assert!(
            start.elapsed() < Duration::from_secs(4),
            "waited for the slow analysis"
        );
        assert_eq!(run.verdict.decision, Decision::Ask, "{run:?}");
        assert!(
            run.verdict.reason.contains("50 ms"),
            "{}",
            run.verdict.reason
        );
        assert_eq!(run.tool, "Write", "the answer carries what was known");
        let out: serde_json::Value = serde_json::from_str(&run.output.stdout).unwrap();
        assert_eq!(out["hookSpecificOutput"]["permissionDecision"], "ask");
    }

    #[test]
    fn strict_profiles_deny_what_they_cannot_judge() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("vibeguard.toml"),
            "[gate]\nprofile = \"strict\"\n",
        )
        .unwrap();
        let run = hook_call(Agent::Claude, dir.path(), panicking);
        assert_eq!(run.verdict.decision, Decision::Deny);
        let ok = hook_call(Agent::Claude, dir.path(), none);
        assert_eq!(ok.verdict.decision, Decision::Allow);
        assert!(ok.output.stdout.is_empty());
        assert_eq!(ok.tool, "Write");
        assert_eq!(ok.session, "s");
    }

    #[test]
    fn project_root_is_found_from_a_subdirectory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        assert_eq!(
            project_root(None, None, &dir.path().join("a/b")),
            dir.path()
        );
        assert_eq!(
            project_root(Some(Path::new("/p")), None, &dir.path().join("a/b")),
            Path::new("/p")
        );
    }

    #[test]
    fn summaries_redact_opaque_tokens() {
        let token = ["ghp_", "Zr4pQ9wLx2mVb7TkJd3H", "ab12cd34ef56"].concat();
        let s = summarize(&Action::Shell {
            command: format!("curl -H 'Authorization: token {token}' https://api.github.com"),
            cwd: None,
        });
        assert!(!s.contains(&token), "{s}");
        assert!(s.contains("api.github.com"), "{s}");
    }
}
