//! Real agent payloads through the real binary: each agent's decision shape, field
//! casing and exit code for dangerous and safe actions.

mod hook_support;

use hook_support::{Project, aws_secret};

const MCP_POLICY: &str = r#"
[gate.mcp]
"github/delete_*" = "deny"
"github/*" = "allow"
"#;

// ---------------------------------------------------------------- Claude Code

#[test]
fn claude_dangerous_bash_is_denied_in_hook_specific_output() {
    let p = Project::new();
    let out = p.run("claude", "pre_bash_dangerous");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let h = out.hso();
    assert_eq!(h["hookEventName"], "PreToolUse");
    assert_eq!(h["permissionDecision"], "deny", "{h}");
    let reason = h["permissionDecisionReason"].as_str().unwrap();
    assert!(reason.contains("gate/"), "{reason}");
}

#[test]
fn claude_safe_bash_gets_no_decision_not_a_blanket_allow() {
    let p = Project::new();
    p.run("claude", "pre_bash_safe").assert_silent();
}

#[test]
fn claude_write_adding_an_aws_secret_is_denied_with_rule_and_line() {
    let p = Project::new();
    let out = p.run("claude", "pre_write_secret");
    let h = out.hso();
    assert_eq!(h["permissionDecision"], "deny", "{h}");
    let reason = h["permissionDecisionReason"].as_str().unwrap();
    assert!(reason.contains("secrets/aws-secret-access-key"), "{reason}");
    assert!(reason.contains("line 12"), "{reason}");
    assert!(reason.contains("environment"), "{reason}");
    assert!(
        !reason.contains(&aws_secret()),
        "the reason leaks the secret: {reason}"
    );
}

#[test]
fn claude_write_without_secrets_passes() {
    let p = Project::new();
    p.run("claude", "pre_write_clean").assert_silent();
}

#[test]
fn claude_edit_that_keeps_an_existing_secret_but_adds_none_passes() {
    let p = Project::new();
    p.run("claude", "pre_edit_keeps_secret").assert_silent();
}

#[test]
fn claude_edit_adding_a_secret_is_denied_at_its_line() {
    let p = Project::new();
    let h = p.run("claude", "pre_edit_adds_secret").hso();
    assert_eq!(h["permissionDecision"], "deny", "{h}");
    let reason = h["permissionDecisionReason"].as_str().unwrap();
    assert!(
        reason.contains("secrets/aws-secret-access-key at line 4"),
        "{reason}"
    );
}

#[test]
fn claude_multiedit_chain_adding_a_secret_is_denied() {
    let p = Project::new();
    let h = p.run("claude", "pre_multiedit_secret").hso();
    assert_eq!(h["permissionDecision"], "deny", "{h}");
}

#[test]
fn claude_edit_whose_old_text_is_absent_asks() {
    let p = Project::new();
    let h = p.run("claude", "pre_edit_missing_old").hso();
    assert_eq!(h["permissionDecision"], "ask", "{h}");
    let reason = h["permissionDecisionReason"].as_str().unwrap();
    assert!(reason.contains("gate/edit-unverifiable"), "{reason}");
}

#[test]
fn claude_read_of_an_ssh_key_is_denied_and_source_read_passes() {
    let p = Project::new();
    let h = p.run("claude", "pre_read_ssh_key").hso();
    assert_eq!(h["permissionDecision"], "deny", "{h}");
    p.run("claude", "pre_read_source").assert_silent();
}

#[test]
fn claude_webfetch_of_cloud_metadata_is_denied() {
    let p = Project::new();
    let h = p.run("claude", "pre_webfetch_metadata").hso();
    assert_eq!(h["permissionDecision"], "deny", "{h}");
}

#[test]
fn claude_mcp_calls_follow_the_policy() {
    let p = Project::new();
    // No [gate.mcp]: a tool whose name says it deletes on a remote service asks, with
    // the server and tool in the reason.
    let h = p.run("claude", "pre_mcp_delete_repo").hso();
    assert_eq!(h["permissionDecision"], "ask", "{h}");
    let reason = h["permissionDecisionReason"].as_str().unwrap();
    assert!(
        reason.contains("gate/mcp-destructive-tool") && reason.contains("github/delete_repository"),
        "{reason}"
    );
    // An explicit [gate.mcp] entry decides instead.
    p.policy("[gate.mcp]\n\"github/delete_repository\" = \"allow\"\n");
    p.run("claude", "pre_mcp_delete_repo").assert_silent();
    p.policy(MCP_POLICY);
    let h = p.run("claude", "pre_mcp_delete_repo").hso();
    assert_eq!(h["permissionDecision"], "deny", "{h}");
    assert!(
        h["permissionDecisionReason"]
            .as_str()
            .unwrap()
            .contains("github/delete_*"),
        "{h}"
    );
    p.run("claude", "pre_mcp_list_issues").assert_silent();
}

#[test]
fn claude_prompt_with_a_secret_warns_and_plain_prompt_passes() {
    let p = Project::new();
    let out = p.run("claude", "prompt_secret");
    assert_eq!(out.code, 0);
    let j = out.json();
    assert!(j.get("decision").is_none(), "a warning must not block: {j}");
    let msg = j["systemMessage"].as_str().unwrap();
    assert!(msg.contains("secrets/aws-access-key-id"), "{msg}");
    assert_eq!(j["hookSpecificOutput"]["hookEventName"], "UserPromptSubmit");
    p.run("claude", "prompt_plain").assert_silent();
}

#[test]
fn claude_prompt_with_a_secret_is_blocked_under_regulated() {
    let p = Project::new();
    p.policy("[gate]\nprofile = \"regulated\"\n");
    let j = p.run("claude", "prompt_secret").json();
    assert_eq!(j["decision"], "block", "{j}");
}

#[test]
fn claude_config_change_that_removes_the_hook_is_blocked() {
    let p = Project::new();
    let installed = r#"{"hooks":{"PreToolUse":[{"matcher":"*","hooks":[{"type":"command","command":"vibeguard hook claude"}]}]}}"#;
    p.write(".claude/settings.json", installed);
    p.run("claude", "config_change_project").assert_silent();

    p.write(".claude/settings.json", r#"{"hooks":{},"model":"opus"}"#);
    let out = p.run("claude", "config_change_project");
    assert_eq!(out.code, 2, "{out:?}", out = out.stdout);
    assert!(out.stderr.contains("gate/guard-removed"), "{}", out.stderr);

    let disabled = r#"{"disableAllHooks":true,"hooks":{"PreToolUse":[{"hooks":[{"type":"command","command":"vibeguard hook claude"}]}]}}"#;
    p.write(".claude/settings.json", disabled);
    let out = p.run("claude", "config_change_project");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("gate/guard-disabled"), "{}", out.stderr);
}

#[test]
fn claude_post_tool_use_is_not_judged() {
    let p = Project::new();
    p.run("claude", "post_tool_use").assert_silent();
}

#[test]
fn claude_write_outside_the_project_asks_unless_in_scope() {
    let p = Project::new();
    let h = p.run("claude", "pre_write_outside_scope").hso();
    assert_eq!(h["permissionDecision"], "ask", "{h}");
    assert!(
        h["permissionDecisionReason"]
            .as_str()
            .unwrap()
            .contains("gate/write-outside-scope")
    );
    p.policy("[gate]\nscope = [\".\", \"~/notes\"]\n");
    p.run("claude", "pre_write_outside_scope").assert_silent();
}

// ---------------------------------------------------------------- Codex

#[test]
fn codex_dangerous_bash_is_denied_by_json_and_exit_2() {
    let p = Project::new();
    let out = p.run("codex", "pre_bash_dangerous");
    assert_eq!(out.code, 2);
    let h = out.hso();
    assert_eq!(h["hookEventName"], "PreToolUse");
    assert_eq!(h["permissionDecision"], "deny");
    assert!(out.stderr.contains("vibeguard"), "{}", out.stderr);
}

#[test]
fn codex_argv_command_that_is_safe_passes() {
    let p = Project::new();
    p.run("codex", "pre_bash_safe_argv").assert_silent();
}

#[test]
fn codex_apply_patch_adding_a_secret_is_denied() {
    let p = Project::new();
    let out = p.run("codex", "apply_patch_secret");
    assert_eq!(out.code, 2);
    let reason = out.hso()["permissionDecisionReason"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(reason.contains("secrets/aws-secret-access-key"), "{reason}");
    assert!(reason.contains("config.py"), "{reason}");
    assert!(!reason.contains(&aws_secret()));
}

#[test]
fn codex_clean_patch_passes() {
    let p = Project::new();
    p.run("codex", "apply_patch_clean").assert_silent();
}

#[test]
fn codex_has_no_ask_so_an_ask_becomes_a_deny_that_says_what_to_do() {
    let p = Project::new();
    let out = p.run("codex", "apply_patch_mismatch");
    assert_eq!(out.code, 2);
    let h = out.hso();
    assert_eq!(h["permissionDecision"], "deny", "{h}");
    let reason = h["permissionDecisionReason"].as_str().unwrap();
    assert!(reason.contains("cannot ask"), "{reason}");
    assert!(reason.contains("A person can"), "{reason}");
}

// ---------------------------------------------------------------- Cursor

#[test]
fn cursor_shell_decisions_use_permission_and_snake_case_messages() {
    let p = Project::new();
    let j = p.run("cursor", "before_shell_dangerous").json();
    assert_eq!(j["permission"], "deny", "{j}");
    assert!(j["user_message"].as_str().unwrap().contains("gate/"));
    assert!(j["agent_message"].is_string());
    let j = p.run("cursor", "before_shell_safe").json();
    assert_eq!(j, serde_json::json!({"permission": "allow"}));
}

#[test]
fn cursor_read_file_of_an_ssh_key_is_denied() {
    let p = Project::new();
    assert_eq!(
        p.run("cursor", "before_read_ssh_key").json()["permission"],
        "deny"
    );
    assert_eq!(
        p.run("cursor", "before_read_source").json()["permission"],
        "allow"
    );
}

#[test]
fn cursor_mcp_follows_the_policy() {
    let p = Project::new();
    assert_eq!(p.run("cursor", "before_mcp").json()["permission"], "ask");
    p.policy("[gate.mcp]\ngithub = \"allow\"\n");
    assert_eq!(p.run("cursor", "before_mcp").json()["permission"], "allow");
    p.policy(MCP_POLICY);
    assert_eq!(p.run("cursor", "before_mcp").json()["permission"], "deny");
}

#[test]
fn cursor_pre_tool_use_emits_decision_and_permission() {
    let p = Project::new();
    let j = p.run("cursor", "pre_tool_use_shell").json();
    assert_eq!(j["decision"], "deny", "{j}");
    assert_eq!(j["permission"], "deny", "{j}");
    assert!(j["reason"].is_string());
}

#[test]
fn cursor_prompt_with_a_secret_warns_but_continues() {
    let p = Project::new();
    let j = p.run("cursor", "before_submit_prompt_secret").json();
    assert_eq!(j["continue"], true, "{j}");
    assert!(j["user_message"].as_str().unwrap().contains("secret"));
}

// ---------------------------------------------------------------- Gemini

#[test]
fn gemini_dangerous_shell_is_denied_with_exit_2() {
    let p = Project::new();
    let out = p.run("gemini", "before_tool_shell_dangerous");
    assert_eq!(out.code, 2);
    assert_eq!(out.json()["decision"], "deny");
    assert!(out.stderr.contains("gate/"), "{}", out.stderr);
}

#[test]
fn gemini_safe_shell_passes() {
    let p = Project::new();
    p.run("gemini", "before_tool_shell_safe").assert_silent();
}

#[test]
fn gemini_write_file_with_a_secret_is_denied_at_its_line() {
    let p = Project::new();
    let out = p.run("gemini", "before_tool_write_secret");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("secrets/aws-secret-access-key at line 2"),
        "{}",
        out.stderr
    );
}

#[test]
fn gemini_web_fetch_prompt_naming_metadata_is_denied() {
    let p = Project::new();
    let out = p.run("gemini", "before_tool_web_fetch_metadata");
    assert_eq!(out.code, 2, "{}", out.stdout);
}

// ---------------------------------------------------------------- Copilot

#[test]
fn copilot_tool_args_as_string_dangerous_is_denied_flat() {
    let p = Project::new();
    let out = p.run("copilot", "pre_tool_use_dangerous_string_args");
    assert_eq!(out.code, 0);
    let j = out.json();
    assert_eq!(j["permissionDecision"], "deny", "{j}");
    assert!(j["permissionDecisionReason"].is_string());
    assert!(j.get("hookSpecificOutput").is_none());
}

#[test]
fn copilot_tool_args_as_object_safe_passes() {
    let p = Project::new();
    p.run("copilot", "pre_tool_use_safe_object_args")
        .assert_silent();
}

#[test]
fn copilot_create_with_a_secret_is_denied() {
    let p = Project::new();
    let j = p.run("copilot", "pre_tool_use_create_secret").json();
    assert_eq!(j["permissionDecision"], "deny", "{j}");
    assert!(
        j["permissionDecisionReason"]
            .as_str()
            .unwrap()
            .contains("secrets/aws-secret-access-key")
    );
}

// ---------------------------------------------------------------- Windsurf

#[test]
fn windsurf_blocks_with_exit_2_and_the_reason_on_stderr() {
    let p = Project::new();
    let out = p.run("windsurf", "pre_run_command_dangerous");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("gate/"), "{}", out.stderr);
    p.run("windsurf", "pre_run_command_safe").assert_silent();
}

#[test]
fn windsurf_write_code_with_a_secret_and_ssh_key_read_are_blocked() {
    let p = Project::new();
    let out = p.run("windsurf", "pre_write_code_secret");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("secrets/aws-secret-access-key"),
        "{}",
        out.stderr
    );
    assert_eq!(p.run("windsurf", "pre_read_code_ssh_key").code, 2);
}

#[test]
fn windsurf_mcp_follows_the_policy() {
    let p = Project::new();
    // Windsurf cannot ask: the destructive tool name blocks with the reason.
    let out = p.run("windsurf", "pre_mcp_tool_use");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("github/delete_repository"),
        "{}",
        out.stderr
    );
    p.policy("[gate.mcp]\n\"github/*\" = \"allow\"\n");
    p.run("windsurf", "pre_mcp_tool_use").assert_silent();
    p.policy(MCP_POLICY);
    assert_eq!(p.run("windsurf", "pre_mcp_tool_use").code, 2);
}

#[test]
fn windsurf_prompt_secret_warns_and_post_events_pass() {
    let p = Project::new();
    let out = p.run("windsurf", "pre_user_prompt_secret");
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("secret"), "{}", out.stdout);
    p.run("windsurf", "post_run_command").assert_silent();
    p.policy("[gate]\nprofile = \"regulated\"\n");
    assert_eq!(p.run("windsurf", "pre_user_prompt_secret").code, 2);
}

#[test]
fn cursor_pre_tool_use_write_adding_a_secret_is_denied() {
    let p = Project::new();
    let j = p.run("cursor", "pre_tool_use_write_secret").json();
    assert_eq!(j["decision"], "deny", "{j}");
    assert!(
        j["reason"]
            .as_str()
            .unwrap()
            .contains("secrets/aws-secret-access-key at line 2")
    );
}

#[test]
fn cursor_pre_tool_use_with_an_undocumented_shape_is_an_unknown_tool_not_a_block() {
    let p = Project::new();
    let j = p.run("cursor", "pre_tool_use_read_other_shape").json();
    assert_eq!(j["decision"], "allow", "{j}");
    p.policy("[gate]\nprofile = \"strict\"\n");
    let j = p.run("cursor", "pre_tool_use_read_other_shape").json();
    assert_eq!(j["decision"], "deny", "strict asks for unknown tools: {j}");
    assert_eq!(j["permission"], "ask", "{j}");
}

#[test]
fn copilot_in_vs_code_sends_claude_shaped_input_and_gets_claude_shaped_output() {
    let p = Project::new();
    let h = p.run("copilot", "vscode_pre_tool_use_dangerous").hso();
    assert_eq!(h["hookEventName"], "PreToolUse", "{h}");
    assert_eq!(h["permissionDecision"], "deny", "{h}");
    let h = p.run("copilot", "vscode_pre_tool_use_edit_secret").hso();
    assert_eq!(h["permissionDecision"], "deny", "{h}");
    assert!(
        h["permissionDecisionReason"]
            .as_str()
            .unwrap()
            .contains("secrets/aws-secret-access-key at line 4")
    );
}

#[test]
fn gemini_prompt_with_a_secret_warns_then_blocks_under_regulated() {
    let p = Project::new();
    let out = p.run("gemini", "before_agent_secret");
    assert_eq!(out.code, 0);
    assert!(
        out.json()["systemMessage"]
            .as_str()
            .unwrap()
            .contains("secrets/aws-access-key-id")
    );
    p.policy("[gate]\nprofile = \"regulated\"\n");
    let out = p.run("gemini", "before_agent_secret");
    assert_eq!(out.code, 2);
    assert_eq!(out.json()["decision"], "deny");
}

#[test]
fn gemini_read_many_files_including_an_ssh_key_is_denied() {
    let p = Project::new();
    let out = p.run("gemini", "before_tool_read_many_files_ssh");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("gate/read-secret-file"),
        "{}",
        out.stderr
    );
}
