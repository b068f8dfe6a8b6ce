use super::*;

fn commit(author: (&str, &str), message: &str) -> CommitInfo {
    CommitInfo {
        id: "0".repeat(40),
        parents: Vec::new(),
        author_name: author.0.into(),
        author_email: author.1.into(),
        author_time: 0,
        committer_name: author.0.into(),
        committer_email: author.1.into(),
        committer_time: 0,
        message: message.into(),
    }
}

fn agents(c: &CommitInfo) -> Vec<(String, Option<String>)> {
    markers(c).into_iter().map(|m| (m.agent, m.model)).collect()
}

const ALICE: (&str, &str) = ("Alice Example", "alice@example.com");

#[test]
fn co_author_trailers_by_address_with_models() {
    let c = commit(
        ALICE,
        "Add parser\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>\n",
    );
    let found = agents(&c);
    assert!(found.contains(&("claude".into(), Some("Claude Opus 4.5".into()))));
    assert_eq!(
        summarize(&markers(&c)).unwrap().1.as_deref(),
        Some("Claude Opus 4.5")
    );
    for (trailer, agent, model) in [
        ("Co-authored-by: Codex <noreply@openai.com>", "codex", None),
        (
            "Co-authored-by: Cursor <cursoragent@cursor.com>",
            "cursor",
            None,
        ),
        (
            "Co-authored-by: aider (gpt-4o) <noreply@aider.chat>",
            "aider",
            Some("gpt-4o"),
        ),
        (
            "Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>",
            "copilot",
            None,
        ),
        (
            "Co-authored-by: Gemini CLI <noreply@google.com>",
            "gemini",
            None,
        ),
        (
            "co-authored-by: Claude <noreply@anthropic.com>",
            "claude",
            None,
        ),
    ] {
        let c = commit(ALICE, &format!("subject\n\n{trailer}\n"));
        assert_eq!(
            agents(&c),
            vec![(agent.to_string(), model.map(str::to_string))],
            "{trailer}"
        );
    }
}

#[test]
fn never_a_first_name_alone() {
    for trailer in [
        "Co-authored-by: Claude Monet <claude@example.com>",
        "Co-authored-by: Cursor Smith <cursor@smith.dev>",
        "Co-authored-by: Google Maps Team <noreply@google.com>",
        "Reviewed-by: Claude <noreply@anthropic.com>",
    ] {
        let c = commit(ALICE, &format!("subject\n\n{trailer}\n"));
        assert!(markers(&c).is_empty(), "{trailer}");
    }
    let c = commit(
        ("Claude Shannon", "claude@bell-labs.example"),
        "info theory",
    );
    assert!(markers(&c).is_empty());
}

#[test]
fn agent_authors_bots_and_aider_suffix() {
    let bot = commit(
        (
            "copilot-swe-agent[bot]",
            "198982749+Copilot@users.noreply.github.com",
        ),
        "Fix bug",
    );
    assert_eq!(agents(&bot)[0].0, "copilot");
    assert_eq!(markers(&bot)[0].kind, MarkerKind::Author);
    let devin = commit(
        (
            "devin-ai-integration[bot]",
            "158243242+devin-ai-integration[bot]@users.noreply.github.com",
        ),
        "x",
    );
    assert_eq!(agents(&devin)[0].0, "devin");
    let cursor = commit(("Cursor Agent", "cursoragent@cursor.com"), "x");
    assert_eq!(agents(&cursor)[0].0, "cursor");
    let aider = commit(
        ("Alice Example (aider)", "alice@example.com"),
        "aider: fix it",
    );
    // Two pieces of evidence (the author suffix and the subject prefix), one agent.
    let kinds: Vec<MarkerKind> = markers(&aider).iter().map(|m| m.kind).collect();
    assert_eq!(kinds, vec![MarkerKind::Author, MarkerKind::Signature]);
    assert!(
        agents(&aider)
            .iter()
            .all(|a| *a == ("aider".to_string(), None))
    );
    // A person's bot-looking name with a personal address is not a bot.
    let fake = commit(("claude[bot]", "mallory@example.com"), "x");
    assert!(markers(&fake).is_empty());
}

#[test]
fn assisted_by_trailers_carry_the_model() {
    let c = commit(
        ALICE,
        "mm: fix leak\n\nAssisted-by: Claude:claude-3-opus coccinelle sparse\nSigned-off-by: Alice Example <alice@example.com>\n",
    );
    assert_eq!(
        agents(&c),
        vec![("claude".to_string(), Some("claude-3-opus".to_string()))]
    );
    let gh = commit(ALICE, "x\n\nAssisted-by: GitHub-Copilot:gpt-4.1\n");
    assert_eq!(
        agents(&gh)[0],
        ("copilot".to_string(), Some("gpt-4.1".to_string()))
    );
}

#[test]
fn squash_messages_keep_the_markers_of_every_commit() {
    let c = commit(
        ALICE,
        "Feature (#12)\n\n* first part\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\n* second part\n\nCo-authored-by: Codex <noreply@openai.com>\n",
    );
    let found: Vec<String> = agents(&c).into_iter().map(|a| a.0).collect();
    assert_eq!(found, vec!["claude", "codex"]);
}
