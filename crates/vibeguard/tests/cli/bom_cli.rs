//! `vibeguard bom` and `vibeguard provenance` end to end on a real repository built with
//! the git CLI: commits by agents with every marker style, a person whose first name is an
//! agent's, git-ai notes (one on a commit later rebased away), an Agent Trace file, a
//! squash merge, writes and a denied command through the real `vibeguard hook`, and
//! lockfiles. The CycloneDX output is validated against the official 1.6 schema and the
//! SPDX output against the official 3.0.1 schema (both under tests/data/bom).

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

struct Who {
    name: &'static str,
    email: &'static str,
}

const ALICE: Who = Who {
    name: "Alice Example",
    email: "alice@example.com",
};
const COPILOT_BOT: Who = Who {
    name: "copilot-swe-agent[bot]",
    email: "198982749+Copilot@users.noreply.github.com",
};
/// A person, not an agent: the first name must not make the commit an agent's.
const SHANNON: Who = Who {
    name: "Claude Shannon",
    email: "claude@bell-labs.example",
};

fn git_cmd(dir: &Path, who: &Who, day: u32) -> std::process::Command {
    let mut cmd = crate::sandbox::git(&crate::sandbox::fixture_home());
    cmd.current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", who.name)
        .env("GIT_AUTHOR_EMAIL", who.email)
        .env("GIT_COMMITTER_NAME", ALICE.name)
        .env("GIT_COMMITTER_EMAIL", ALICE.email)
        .env("GIT_EDITOR", "true");
    // Day 0: now (after the records the gate writes with the current time).
    if day > 0 {
        let date = format!("2025-03-{day:02}T12:00:00+00:00");
        cmd.env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date);
    }
    cmd
}

struct Repo {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Repo {
    fn init() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("shop");
        std::fs::create_dir(&root).unwrap();
        let r = Repo { _dir: dir, root };
        r.git(&["init", "-q", "-b", "main"]);
        r
    }

    fn git_as(&self, who: &Who, day: u32, args: &[&str]) -> String {
        let out = git_cmd(&self.root, who, day).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn git(&self, args: &[&str]) -> String {
        self.git_as(&ALICE, 1, args)
    }

    fn write(&self, path: &str, content: &str) {
        let full = self.root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, content).unwrap();
    }

    fn commit(&self, who: &Who, day: u32, message: &str) -> String {
        self.git_as(who, day, &["add", "-A"]);
        self.git_as(who, day, &["commit", "-q", "-m", message]);
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }

    fn note(&self, commit: &str, text: &str) {
        self.git(&["notes", "--ref=ai", "add", "-f", "-m", text, commit]);
    }
}

fn lines(prefix: &str, n: usize) -> String {
    (1..=n).map(|i| format!("{prefix}_{i} = {i}\n")).collect()
}

/// A git-ai authorship log (authorship/3.0.0) giving `ranges` of `path` to a session.
fn gitai_note(path: &str, ranges: &str, tool: &str, model: &str, base: &str) -> String {
    format!(
        "{path}\n  s_0123456789abcd::t_00000000000001 {ranges}\n---\n{}",
        json!({
            "schema_version": "authorship/3.0.0",
            "base_commit_sha": base,
            "prompts": {},
            "humans": {},
            "sessions": {"s_0123456789abcd": {"agent_id": {"tool": tool, "id": "conv-1", "model": model}}}
        })
    )
}

const PACKAGE_LOCK: &str = r#"{
  "name": "shop-web",
  "version": "1.0.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "shop-web",
      "version": "1.0.0",
      "license": "MIT",
      "dependencies": {"left-pad": "^1.3.0"},
      "devDependencies": {"is-number": "^7.0.0"}
    },
    "node_modules/left-pad": {
      "version": "1.3.0",
      "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",
      "integrity": "sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQ9yZ2K5tyxAnmgn6TlOGh8+8NLR3ueR5xeQzqy2WRNMQvDg==",
      "license": "WTFPL"
    },
    "node_modules/is-number": {
      "version": "7.0.0",
      "resolved": "https://registry.npmjs.org/is-number/-/is-number-7.0.0.tgz",
      "integrity": "sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==",
      "dev": true,
      "license": "MIT"
    }
  }
}
"#;

/// Builds the repository: returns it and the id of the commit before the last change.
fn build_repo() -> (Repo, String) {
    let r = Repo::init();
    // Day 1, a person: the project, its lockfiles, a file nobody marked.
    r.write("README.md", "# shop\n");
    r.write("requirements.txt", "requests==2.31.0\n");
    r.write(
        "web/package.json",
        r#"{"name":"shop-web","version":"1.0.0","license":"MIT","dependencies":{"left-pad":"^1.3.0"},"devDependencies":{"is-number":"^7.0.0"}}"#,
    );
    r.write("web/package-lock.json", PACKAGE_LOCK);
    r.write("src/core.py", &lines("core", 5));
    r.commit(&ALICE, 1, "Start the shop");
    // Day 2: Claude Code's co-author trailer; it adds a dependency and a module.
    r.write("requirements.txt", "requests==2.31.0\nflask==3.0.0\n");
    r.write("src/agent.py", &lines("agent", 4));
    r.commit(
        &ALICE,
        2,
        "Add the web app\n\nGenerated with Claude Code\n\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>\n",
    );
    // Day 3: GitHub's Copilot coding agent as the author.
    r.write("src/bot.py", &lines("bot", 3));
    r.commit(&COPILOT_BOT, 3, "Fix the cart");
    // Day 4: an Assisted-by trailer with its model.
    r.write("src/assist.py", &lines("assist", 2));
    r.commit(
        &ALICE,
        4,
        "Speed up search\n\nAssisted-by: GitHub-Copilot:gpt-4.1\n",
    );
    // Day 5: a person whose first name is an agent's.
    r.write("src/shannon.py", &lines("entropy", 3));
    r.commit(&SHANNON, 5, "Entropy helpers");
    // Day 6: a plain commit with a git-ai note giving lines 1-3 to a Claude session.
    r.write("src/noted.py", &lines("noted", 6));
    let noted = r.commit(&ALICE, 6, "Add reports");
    r.note(
        &noted,
        &gitai_note("src/noted.py", "1-3", "claude", "claude-sonnet-4-5", &noted),
    );
    // Rebase: a Cursor session's commit (with its note) on a side branch, replayed on
    // top of a newer main; the note stays on the old commit.
    r.git(&["checkout", "-q", "-b", "feature"]);
    r.write("src/rebased.py", &lines("rebased", 4));
    let before_rebase = r.commit(&ALICE, 7, "Add exports");
    r.note(
        &before_rebase,
        &gitai_note("src/rebased.py", "1-2", "cursor", "gpt-4o", &before_rebase),
    );
    r.git(&["checkout", "-q", "main"]);
    r.write("README.md", "# shop\n\nA small shop.\n");
    r.commit(&ALICE, 8, "Describe the shop");
    r.git_as(&ALICE, 9, &["checkout", "-q", "feature"]);
    r.git_as(&ALICE, 9, &["rebase", "-q", "main"]);
    r.git_as(&ALICE, 9, &["checkout", "-q", "main"]);
    r.git_as(&ALICE, 9, &["merge", "-q", "--ff-only", "feature"]);
    let base = r.git(&["rev-parse", "HEAD"]).trim().to_string();
    // Squash: two Codex commits squashed into one; git keeps their messages.
    r.git(&["checkout", "-q", "-b", "squashme"]);
    r.write("src/squashed.py", &lines("sq", 2));
    r.commit(
        &ALICE,
        10,
        "Part one\n\nCo-authored-by: Codex <noreply@openai.com>\n",
    );
    r.write("src/squashed.py", &lines("sq", 4));
    r.commit(
        &ALICE,
        10,
        "Part two\n\nCo-authored-by: Codex <noreply@openai.com>\n",
    );
    r.git(&["checkout", "-q", "main"]);
    r.git_as(&ALICE, 11, &["merge", "-q", "--squash", "squashme"]);
    r.git_as(&ALICE, 11, &["commit", "-q", "--no-edit"]);
    r.git(&["branch", "-q", "-D", "feature", "squashme"]);
    // An Agent Trace file another tool wrote for src/traced.py (lines 2-3), committed
    // without any marker.
    r.write("src/traced.py", &lines("traced", 4));
    r.commit(&ALICE, 12, "Tracing helpers");
    let traced_lines = "traced_2 = 2\ntraced_3 = 3\n";
    let hash = vibeguard_bom::provenance::agent_trace::range_hash(
        &traced_lines.lines().collect::<Vec<_>>(),
    );
    let record = json!({
        "version": "0.1.0",
        "id": "3f2b8c1e-0000-4000-8000-000000000001",
        "timestamp": "2025-03-12T11:00:00Z",
        "tool": {"name": "opencode", "version": "0.9.0"},
        "files": [{
            "path": "src/traced.py",
            "conversations": [{
                "url": "https://example.invalid/conversations/42",
                "contributor": {"type": "ai", "model_id": "anthropic/claude-opus-4-5"},
                "ranges": [{"start_line": 2, "end_line": 3, "content_hash": hash}]
            }]
        }]
    });
    r.write(".agent-trace/traces.jsonl", &format!("{record}\n"));
    (r, base)
}

fn vg(root: &Path, cache: &Path) -> Command {
    let home = root.parent().unwrap().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let mut c = crate::sandbox::vibeguard_with_home(&home);
    c.current_dir(root)
        .env("VIBEGUARD_CACHE_DIR", cache)
        .env("CLAUDE_PROJECT_DIR", root)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .timeout(std::time::Duration::from_secs(60));
    c
}

/// A real hook call from Claude Code; returns the permission decision.
fn hook(root: &Path, cache: &Path, tool: &str, input: Value) -> String {
    let call = json!({
        "session_id": "sess-gate-1",
        "transcript_path": null,
        "cwd": root,
        "permission_mode": "default",
        "hook_event_name": "PreToolUse",
        "tool_name": tool,
        "tool_input": input,
        "tool_use_id": "toolu_1",
    });
    let out = vg(root, cache)
        .args(["hook", "claude"])
        .write_stdin(call.to_string())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let v: Value = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    v.pointer("/hookSpecificOutput/permissionDecision")
        .and_then(Value::as_str)
        .unwrap_or("allow")
        .to_string()
}

fn stdout(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

struct LocalSchemas;

impl jsonschema::Retrieve for LocalSchemas {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let text = match uri.as_str().rsplit('/').next() {
            Some("spdx.schema.json") => include_str!("../data/bom/spdx.schema.json"),
            Some("jsf-0.82.schema.json") => include_str!("../data/bom/jsf-0.82.schema.json"),
            _ => return Err(format!("no local copy of {}", uri.as_str()).into()),
        };
        Ok(serde_json::from_str(text)?)
    }
}

fn assert_valid(schema_text: &str, doc: &Value, what: &str) {
    let schema: Value = serde_json::from_str(schema_text).unwrap();
    let validator = jsonschema::options()
        .with_retriever(LocalSchemas)
        .build(&schema)
        .expect("the official schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what} is not valid: {errors:#?}");
}

fn prop<'a>(props: &'a Value, name: &str) -> Vec<&'a str> {
    props
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["name"] == name)
        .filter_map(|p| p["value"].as_str())
        .collect()
}

fn file<'a>(p: &'a Value, path: &str) -> &'a Value {
    p["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("{path} not in provenance"))
}

/// (start, end, origin, agent, source) of each attributed run of a file.
fn runs(f: &Value) -> Vec<(u64, u64, String, String, String)> {
    f["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["start"].as_u64().unwrap(),
                r["end"].as_u64().unwrap(),
                r["origin"].as_str().unwrap_or("").to_string(),
                r["agent"].as_str().unwrap_or("").to_string(),
                r["source"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn provenance_bom_and_diff_on_a_real_repository() {
    let (r, base) = build_repo();
    let cache = tempfile::tempdir().unwrap();
    let root = r.root.clone();
    // The gate: an allowed write of a new file (the agent then writes it), and a denied
    // command.
    let gate_py = lines("gate", 3);
    let decision = hook(
        &root,
        cache.path(),
        "Write",
        json!({"file_path": root.join("src/gate.py"), "content": gate_py}),
    );
    assert_eq!(decision, "allow");
    r.write("src/gate.py", &gate_py);
    let denied = hook(
        &root,
        cache.path(),
        "Bash",
        json!({"command": "rm -rf / --no-preserve-root", "description": "clean"}),
    );
    assert_eq!(denied, "deny");
    // Standard profile: the gate writes no trace record of its own.
    let traces = std::fs::read_to_string(root.join(".agent-trace/traces.jsonl")).unwrap();
    assert_eq!(traces.lines().count(), 1, "{traces}");

    // Provenance.
    let p: Value = serde_json::from_str(&stdout(
        vg(&root, cache.path()).args(["provenance", "--json"]),
    ))
    .unwrap();
    let agent_run = |path: &str| runs(file(&p, path));
    assert_eq!(
        agent_run("src/agent.py"),
        vec![(
            1,
            4,
            "agent".into(),
            "claude".into(),
            "commit-marker".into()
        )]
    );
    assert_eq!(agent_run("src/bot.py")[0].3, "copilot");
    let assist = file(&p, "src/assist.py");
    assert_eq!(assist["runs"][0]["model"], "gpt-4.1");
    // A person named Claude: unknown, never an agent.
    let shannon = p["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "src/shannon.py");
    if let Some(f) = shannon {
        assert_eq!(f["agent"], 0, "{f}");
    }
    // The git-ai note: lines 1-3 by the session, 4-6 unknown.
    let noted = file(&p, "src/noted.py");
    assert_eq!(
        runs(noted),
        vec![(1, 3, "agent".into(), "claude".into(), "git-ai".into())]
    );
    assert_eq!(noted["runs"][0]["model"], "claude-sonnet-4-5");
    assert_eq!(noted["unknown"], 3);
    // The rebased commit's note is carried over by content.
    assert_eq!(
        agent_run("src/rebased.py"),
        vec![(1, 2, "agent".into(), "cursor".into(), "git-ai".into())]
    );
    assert!(p["sources"]["gitai_rewritten"].as_u64().unwrap() >= 1);
    // The squash keeps both commits' markers.
    assert_eq!(agent_run("src/squashed.py")[0].3, "codex");
    assert_eq!(file(&p, "src/squashed.py")["agent"], 4);
    // The Agent Trace record: lines 2-3.
    let traced = runs(file(&p, "src/traced.py"));
    assert_eq!(traced.len(), 1, "{traced:?}");
    assert_eq!((traced[0].0, traced[0].1), (2, 3));
    assert_eq!(traced[0].4, "agent-trace");
    // The gate: the write and the denial by rule.
    assert_eq!(file(&p, "src/gate.py")["gate_writes"], 1);
    assert_eq!(p["gate"]["deny"], 1);
    assert!(
        p["gate"]["by_rule"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["deny"] == 1),
        "{}",
        p["gate"]
    );
    // The components: flask came with Claude's commit, requests with a person's.
    let comp = |name: &str| {
        p["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["bom_ref"].as_str().unwrap().contains(name))
            .unwrap_or_else(|| panic!("{name} not in {}", p["components"]))
            .clone()
    };
    assert_eq!(comp("flask")["origin"], "agent");
    assert_eq!(comp("flask")["agent"], "claude");
    assert_eq!(comp("requests")["origin"], "unknown");
    assert!(p["note"].as_str().unwrap().contains("not evidence"));

    // The human-readable form says the same.
    let text = stdout(vg(&root, cache.path()).arg("provenance"));
    assert!(
        text.contains("claude") && text.contains("unknown"),
        "{text}"
    );

    // CycloneDX 1.6, valid against the official schema.
    let cdx_text = stdout(vg(&root, cache.path()).args(["bom", "--format", "cyclonedx-json"]));
    let cdx: Value = serde_json::from_str(&cdx_text).unwrap();
    assert_valid(
        include_str!("../data/bom/bom-1.6.schema.json"),
        &cdx,
        "the CycloneDX BOM",
    );
    assert_eq!(cdx["specVersion"], "1.6");
    let purls: Vec<&str> = cdx["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["purl"].as_str())
        .collect();
    for want in [
        "pkg:pypi/requests@2.31.0",
        "pkg:pypi/flask@3.0.0",
        "pkg:npm/left-pad@1.3.0",
        "pkg:npm/is-number@7.0.0",
    ] {
        assert!(purls.contains(&want), "{want} not in {purls:?}");
    }
    let comp = |purl: &str| {
        cdx["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["purl"] == purl)
            .unwrap()
            .clone()
    };
    assert_eq!(comp("pkg:npm/is-number@7.0.0")["scope"], "optional");
    assert_eq!(comp("pkg:npm/left-pad@1.3.0")["scope"], "required");
    assert_eq!(
        comp("pkg:npm/left-pad@1.3.0")["hashes"][0]["alg"],
        "SHA-512"
    );
    assert_eq!(
        prop(
            &comp("pkg:pypi/flask@3.0.0")["properties"],
            "vibeguard:ai:origin"
        ),
        vec!["agent"]
    );
    let root_props = &cdx["metadata"]["component"]["properties"];
    let head = r.git(&["rev-parse", "HEAD"]).trim().to_string();
    assert_eq!(
        prop(root_props, "vibeguard:git:commit"),
        vec![head.as_str()]
    );
    assert_eq!(
        prop(&cdx["metadata"]["properties"], "vibeguard:gate:deny"),
        vec!["1"]
    );

    // SPDX 3.0.1 JSON-LD, valid against the official schema, with the same packages.
    let spdx_text = stdout(vg(&root, cache.path()).args(["bom", "--format", "spdx-json"]));
    let spdx: Value = serde_json::from_str(&spdx_text).unwrap();
    assert_valid(
        include_str!("../data/bom/spdx-3.0.1.schema.json"),
        &spdx,
        "the SPDX document",
    );
    for want in ["pkg:pypi/flask@3.0.0", "pkg:npm/left-pad@1.3.0"] {
        assert!(spdx_text.contains(want), "{want} not in the SPDX document");
    }

    // Markdown for a pull request.
    let md = stdout(vg(&root, cache.path()).args(["bom", "--format", "markdown"]));
    assert!(md.contains("flask") && md.contains("not evidence"), "{md}");

    // --diff: only what changed since `base` (squash, trace file, gate write).
    let diff: Value = serde_json::from_str(&stdout(
        vg(&root, cache.path()).args(["bom", "--format", "json", "--diff", &base]),
    ))
    .unwrap();
    let d = diff["diff"].to_string();
    assert!(d.contains("src/squashed.py"), "{d}");
    assert!(!d.contains("src/agent.py"), "{d}");
    let diff_cdx: Value = serde_json::from_str(&stdout(vg(&root, cache.path()).args([
        "bom",
        "--format",
        "cyclonedx-json",
        "--diff",
        &base,
    ])))
    .unwrap();
    assert_valid(
        include_str!("../data/bom/bom-1.6.schema.json"),
        &diff_cdx,
        "the CycloneDX BOM of a change",
    );
}

#[test]
fn the_gate_traces_allowed_writes_and_export_turns_them_into_git_ai_notes() {
    let (r, _) = build_repo();
    let cache = tempfile::tempdir().unwrap();
    let root = r.root.clone();
    r.write("vibeguard.toml", "[gate]\nagent_trace = true\n");
    r.commit(&ALICE, 13, "Configure vibeguard");
    // An allowed write of a new file and an allowed edit of an existing one.
    let gate_py = lines("gate", 3);
    let write = json!({"file_path": root.join("src/gate.py"), "content": gate_py});
    assert_eq!(hook(&root, cache.path(), "Write", write), "allow");
    r.write("src/gate.py", &gate_py);
    let edit = json!({
        "file_path": root.join("src/core.py"),
        "old_string": "core_5 = 5\n",
        "new_string": "core_5 = 5\ncore_6 = 6\n",
    });
    assert_eq!(hook(&root, cache.path(), "Edit", edit), "allow");
    r.write("src/core.py", &lines("core", 6));
    let traces = std::fs::read_to_string(root.join(".agent-trace/traces.jsonl")).unwrap();
    let records: Vec<Value> = traces
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_gate: Vec<&Value> = records
        .iter()
        .filter(|r| r["tool"]["name"] == "vibeguard")
        .collect();
    assert_eq!(by_gate.len(), 2, "{traces}");
    assert_eq!(by_gate[0]["files"][0]["path"], "src/gate.py");
    let range = &by_gate[0]["files"][0]["conversations"][0]["ranges"][0];
    assert_eq!(
        (range["start_line"].clone(), range["end_line"].clone()),
        (json!(1), json!(3))
    );
    assert!(
        range["content_hash"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
    let head = r.git(&["rev-parse", "HEAD"]).trim().to_string();
    assert_eq!(by_gate[0]["vcs"]["revision"], head.as_str());
    let edit_range = &by_gate[1]["files"][0]["conversations"][0]["ranges"][0];
    assert_eq!(edit_range["start_line"], 6);
    assert_eq!(edit_range["end_line"], 6);
    // Provenance attributes exactly those lines to the agent, by the gate.
    let p: Value = serde_json::from_str(&stdout(
        vg(&root, cache.path()).args(["provenance", "--json"]),
    ))
    .unwrap();
    assert_eq!(
        runs(file(&p, "src/gate.py")),
        vec![(1, 3, "agent".into(), "claude".into(), "gate".into())]
    );
    assert_eq!(
        runs(file(&p, "src/core.py")),
        vec![(6, 6, "agent".into(), "claude".into(), "gate".into())]
    );
    // Committed without any marker, then exported as git-ai notes.
    let commit = r.commit(&ALICE, 0, "Gate module");
    let report: Value = serde_json::from_str(&stdout(vg(&root, cache.path()).args([
        "provenance",
        "export",
        "--git-ai",
        "--json",
    ])))
    .unwrap();
    assert!(report["lines"].as_u64().unwrap() >= 4, "{report}");
    let note = r.git(&["notes", "--ref=ai", "show", &commit]);
    assert!(
        note.contains("src/gate.py") && note.contains("authorship/3.0.0"),
        "{note}"
    );
    // With the trace file gone, the note alone still attributes the lines.
    std::fs::remove_file(root.join(".agent-trace/traces.jsonl")).unwrap();
    let p: Value = serde_json::from_str(&stdout(
        vg(&root, cache.path()).args(["provenance", "--json"]),
    ))
    .unwrap();
    assert_eq!(
        runs(file(&p, "src/gate.py")),
        vec![(1, 3, "agent".into(), "claude".into(), "git-ai".into())]
    );
}

#[test]
fn bad_input_is_a_clear_error() {
    let cache = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let out = vg(dir.path(), cache.path())
        .arg("bom")
        .arg(&missing)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a directory"));
    // Not a git repository: components still, provenance says there is no history.
    std::fs::write(dir.path().join("requirements.txt"), "requests==2.31.0\n").unwrap();
    let cdx: Value = serde_json::from_str(&stdout(vg(dir.path(), cache.path()).args([
        "bom",
        "--format",
        "cyclonedx-json",
    ])))
    .unwrap();
    assert_valid(
        include_str!("../data/bom/bom-1.6.schema.json"),
        &cdx,
        "the CycloneDX BOM of a directory",
    );
    assert_eq!(cdx["components"][0]["purl"], "pkg:pypi/requests@2.31.0");
    // --diff needs history.
    let out = vg(dir.path(), cache.path())
        .args(["bom", "--diff", "HEAD~1"])
        .output()
        .unwrap();
    assert!(!out.status.success());
}

/// Beyond lockfiles: the actions and images CI uses (with file and line), the project's
/// own crates with their manifest versions, a vendored installed distribution and a wheel
/// (marked as test data), in schema-valid CycloneDX and SPDX, and in `--diff`.
#[test]
fn ci_actions_members_and_distributions_are_components() {
    let r = Repo::init();
    r.write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/core\"]\n\n[workspace.package]\nversion = \"3.1.0\"\n\n[package]\nname = \"shop\"\nversion = \"1.4.0\"\n\n[dependencies]\nshop-core = { path = \"crates/core\" }\n",
    );
    r.write(
        "crates/core/Cargo.toml",
        "[package]\nname = \"shop-core\"\nversion.workspace = true\n",
    );
    r.write(
        ".github/workflows/ci.yml",
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n      - run: |\n          echo uses: not/a-step@v1\n      - uses: docker://alpine:3.20\n  release:\n    uses: acme/workflows/.github/workflows/release.yml@v2\n",
    );
    r.write(
        ".github/actions/setup/action.yml",
        "runs:\n  using: composite\n  steps:\n    - uses: actions/cache@v4\n",
    );
    r.write(
        "vendor/site-packages/six-1.16.0.dist-info/METADATA",
        "Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\nLicense: MIT\n\nSix.\n",
    );
    r.write("tests/fixtures/dist/demo-0.1.0-py3-none-any.whl", "PK");
    let base = r.commit(&ALICE, 1, "Start");
    r.write(
        ".github/workflows/lint.yml",
        "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: github/codeql-action/upload-sarif@v3\n",
    );
    r.commit(&ALICE, 2, "Lint");
    let cache = tempfile::tempdir().unwrap();
    let root = r.root.clone();
    let cdx: Value = serde_json::from_str(&stdout(vg(&root, cache.path()).args([
        "bom",
        "--format",
        "cyclonedx-json",
    ])))
    .unwrap();
    assert_valid(
        include_str!("../data/bom/bom-1.6.schema.json"),
        &cdx,
        "the CycloneDX BOM",
    );
    let comps = cdx["components"].as_array().unwrap();
    let comp = |purl: &str| {
        comps
            .iter()
            .find(|c| c["purl"] == purl)
            .unwrap_or_else(|| panic!("{purl} not in {comps:#?}"))
            .clone()
    };
    let checkout = comp("pkg:github/actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683");
    assert_eq!(checkout["type"], "application");
    assert_eq!(
        checkout["evidence"]["occurrences"][0],
        json!({"location": ".github/workflows/ci.yml", "line": 6})
    );
    assert_eq!(
        prop(&checkout["properties"], "vibeguard:ci:pinning"),
        vec!["digest"]
    );
    assert_eq!(comp("pkg:docker/alpine@3.20")["type"], "container");
    assert_eq!(
        prop(
            &comp("pkg:github/acme/workflows@v2#.github/workflows/release.yml")["properties"],
            "vibeguard:ci:kind"
        ),
        vec!["reusable-workflow"]
    );
    comp("pkg:github/actions/cache@v4");
    assert!(
        !comps.iter().any(|c| c["name"] == "not/a-step"),
        "a script line is not a step"
    );
    // The project's own crates, with their versions; the path dependency is the member.
    let core = comp("pkg:cargo/shop-core@3.1.0");
    assert_eq!(
        prop(&core["properties"], "vibeguard:dep:member"),
        vec!["true"]
    );
    assert_eq!(core["evidence"]["occurrences"].as_array().unwrap().len(), 2);
    comp("pkg:cargo/shop@1.4.0");
    assert!(!comps.iter().any(|c| c["purl"] == "pkg:cargo/shop-core"));
    // Distributions in the tree; the one under tests/ is marked as test data.
    assert_eq!(
        comp("pkg:pypi/six@1.16.0")["licenses"][0]["license"]["id"],
        "MIT"
    );
    let demo = comp("pkg:pypi/demo@0.1.0");
    assert_eq!(
        prop(&demo["properties"], "vibeguard:dep:fixture"),
        vec!["true"]
    );
    assert!(
        prop(
            &comp("pkg:pypi/six@1.16.0")["properties"],
            "vibeguard:dep:fixture"
        )
        .is_empty()
    );

    let spdx_text = stdout(vg(&root, cache.path()).args(["bom", "--format", "spdx-json"]));
    let spdx: Value = serde_json::from_str(&spdx_text).unwrap();
    assert_valid(
        include_str!("../data/bom/spdx-3.0.1.schema.json"),
        &spdx,
        "the SPDX document",
    );
    assert!(spdx_text.contains("pkg:github/actions/cache@v4"));

    let md = stdout(vg(&root, cache.path()).args(["bom", "--format", "markdown"]));
    assert!(md.contains("### CI actions and images"), "{md}");

    // The change adds one action, and nothing else.
    let diff: Value = serde_json::from_str(&stdout(
        vg(&root, cache.path()).args(["bom", "--format", "json", "--diff", &base]),
    ))
    .unwrap();
    assert_eq!(
        diff["diff"]["added"],
        json!(["pkg:github/github/codeql-action@v3#upload-sarif"]),
        "{:#}",
        diff["diff"]
    );
}
