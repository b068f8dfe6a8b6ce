//! The gate blocks a Write that creates insecure configuration: a Dockerfile piping a
//! download into a shell, an sshd_config permitting root or password login, a redis.conf
//! bound to every interface without protected mode. Real Claude Code PreToolUse Write
//! payloads through the built binary; the hardened versions of the same files pass.

mod hook_support;

use hook_support::Project;

fn write_payload(p: &Project, rel: &str, content: &str) -> String {
    serde_json::json!({
        "session_id": "s-config-writes",
        "transcript_path": "/home/dev/.claude/projects/shop/s-config-writes.jsonl",
        "cwd": p.root(),
        "permission_mode": "default",
        "hook_event_name": "PreToolUse",
        "tool_name": "Write",
        "tool_input": {
            "file_path": p.root().join(rel),
            "content": content,
        },
        "tool_use_id": "toolu_config_writes",
    })
    .to_string()
}

/// The decision and reason the hook answers for a Write of `content` to `rel`.
fn decide(p: &Project, rel: &str, content: &str) -> (String, String) {
    let out = p.hook_raw("claude", &[], write_payload(p, rel, content));
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    if out.stdout.trim().is_empty() {
        return ("allow".to_string(), String::new());
    }
    let hso = out.hso();
    (
        hso["permissionDecision"].as_str().unwrap_or("").to_string(),
        hso["permissionDecisionReason"]
            .as_str()
            .unwrap_or("")
            .to_string(),
    )
}

#[test]
fn dockerfile_piping_a_download_into_a_shell_is_denied() {
    let p = Project::new();
    let (decision, reason) = decide(
        &p,
        "Dockerfile",
        "FROM node:22.11.0-bookworm-slim\nWORKDIR /app\nRUN curl -fsSL https://get.example.dev/install.sh | bash\nCOPY . .\nUSER node\nCMD [\"node\", \"server.js\"]\n",
    );
    assert_eq!(decision, "deny", "{reason}");
    assert!(
        reason.contains("docker/download-piped-to-shell"),
        "{reason}"
    );
    assert!(reason.contains("line 3"), "{reason}");

    // The same in a BuildKit heredoc.
    let (decision, reason) = decide(
        &p,
        "build/Containerfile",
        "FROM debian:12.8-slim\nRUN <<EOF\nset -e\nwget -qO- https://tools.example.com/setup | sh\nEOF\nUSER 10001\n",
    );
    assert_eq!(decision, "deny", "{reason}");
    assert!(
        reason.contains("docker/download-piped-to-shell"),
        "{reason}"
    );
}

#[test]
fn sshd_permitting_root_or_password_login_is_denied() {
    let p = Project::new();
    let (decision, reason) = decide(
        &p,
        "deploy/ssh/sshd_config",
        "Port 22\nPermitRootLogin yes\nPubkeyAuthentication yes\n",
    );
    assert_eq!(decision, "deny", "{reason}");
    assert!(reason.contains("sshd/root-login"), "{reason}");

    let (decision, reason) = decide(
        &p,
        "deploy/ssh/sshd_config",
        "Port 22\nPermitRootLogin no\nPasswordAuthentication yes\n",
    );
    assert_eq!(decision, "deny", "{reason}");
    assert!(reason.contains("sshd/password-authentication"), "{reason}");
}

#[test]
fn redis_on_every_interface_without_protected_mode_is_denied() {
    let p = Project::new();
    let (decision, reason) = decide(
        &p,
        "config/redis.conf",
        "bind 0.0.0.0\nprotected-mode no\nport 6379\n",
    );
    assert_eq!(decision, "deny", "{reason}");
    assert!(reason.contains("redis/network-exposed"), "{reason}");
    // The reason carries the safe fix for the agent to apply.
    assert!(reason.contains("127.0.0.1"), "{reason}");
}

#[test]
fn hardened_versions_of_the_same_files_are_allowed() {
    let p = Project::new();
    for (rel, content) in [
        (
            "Dockerfile",
            "FROM node:22.11.0-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD [\"node\", \"server.js\"]\n",
        ),
        (
            "deploy/ssh/sshd_config",
            "Port 22\nPermitRootLogin no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n",
        ),
        (
            "config/redis.conf",
            "bind 127.0.0.1 -::1\nprotected-mode yes\nport 6379\naclfile /etc/redis/users.acl\n",
        ),
    ] {
        let (decision, reason) = decide(&p, rel, content);
        assert_eq!(decision, "allow", "{rel}: {reason}");
    }
}
