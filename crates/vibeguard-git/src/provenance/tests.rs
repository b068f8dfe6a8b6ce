//! The provenance reader on real repositories made with the `git` CLI.

use super::*;
use std::process::Command;

fn git(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Alice Example")
        .env("GIT_AUTHOR_EMAIL", "alice@example.com")
        .env("GIT_COMMITTER_NAME", "Alice Example")
        .env("GIT_COMMITTER_EMAIL", "alice@example.com")
        .env("GIT_AUTHOR_DATE", "2020-01-01T12:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2020-01-01T12:00:00+00:00");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.args(args).output().expect("git is installed");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn repo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("r");
    std::fs::create_dir(&root).unwrap();
    git(&root, &["init", "-q", "-b", "main"], &[]);
    (dir, root)
}

#[test]
fn commits_carry_identities_times_and_whole_messages() {
    let (_d, root) = repo();
    std::fs::write(root.join("a.txt"), "one\n").unwrap();
    git(&root, &["add", "."], &[]);
    git(&root, &["commit", "-q", "-m", "first"], &[]);
    std::fs::write(root.join("a.txt"), "one\ntwo\n").unwrap();
    git(
        &root,
        &[
            "commit",
            "-q",
            "-am",
            "second\n\nbody\n\nCo-authored-by: Claude <noreply@anthropic.com>",
        ],
        &[
            ("GIT_AUTHOR_NAME", "Bob"),
            ("GIT_AUTHOR_EMAIL", "bob@example.com"),
            ("GIT_COMMITTER_DATE", "2020-01-02T12:00:00+00:00"),
        ],
    );
    let r = GitRepo::discover(&root).unwrap();
    let head = r.head().unwrap().unwrap();
    let commits = r.commits(&head).unwrap();
    assert_eq!(commits.len(), 2);
    assert_eq!(commits[0].id, head, "newest first");
    assert_eq!(commits[0].author_email, "bob@example.com");
    assert!(commits[0].message.contains("Co-authored-by: Claude"));
    assert_eq!(commits[0].committer_time, 1577966400);
    assert_eq!(commits[0].parents, vec![commits[1].id.clone()]);
    assert_eq!(r.changed_paths(&head).unwrap(), vec!["a.txt".to_string()]);
    assert_eq!(
        r.file_at(&commits[1].id, "a.txt").unwrap().unwrap(),
        b"one\n"
    );
    assert_eq!(r.file_at(&head, "missing").unwrap(), None);
    assert_eq!(r.resolve("HEAD~1").unwrap(), commits[1].id);
    assert_eq!(r.branch().as_deref(), Some("main"));
}

#[test]
fn blame_of_the_working_tree_names_commits_source_lines_and_uncommitted_lines() {
    let (_d, root) = repo();
    std::fs::write(root.join("f.py"), "a\nb\nc\n").unwrap();
    git(&root, &["add", "."], &[]);
    git(&root, &["commit", "-q", "-m", "one"], &[]);
    let first = git(&root, &["rev-parse", "HEAD"], &[]);
    std::fs::write(root.join("f.py"), "new\na\nb\nc\n").unwrap();
    git(&root, &["commit", "-q", "-am", "two"], &[]);
    let second = git(&root, &["rev-parse", "HEAD"], &[]);
    // Uncommitted line at the end.
    let worktree = b"new\na\nb\nc\nlocal\n";
    let r = GitRepo::discover(&root).unwrap();
    let b = r.blame("f.py", worktree, &second).unwrap();
    assert_eq!(b.lines, 5);
    let origin = |line: u32| {
        b.hunks
            .iter()
            .find(|h| line >= h.start && line < h.start + h.len)
            .map(|h| (h.commit.clone(), h.source_start + (line - h.start)))
            .unwrap()
    };
    assert_eq!(origin(1), (Some(second.clone()), 1));
    assert_eq!(
        origin(2),
        (Some(first.clone()), 1),
        "line 2 was line 1 in `one`"
    );
    assert_eq!(origin(4), (Some(first), 3));
    assert_eq!(origin(5).0, None, "not committed yet");
    // A file HEAD does not have is wholly uncommitted.
    let new = r.blame("new.py", b"x\ny", &second).unwrap();
    assert_eq!(new.lines, 2);
    assert_eq!(new.hunks.len(), 1);
    assert_eq!(new.hunks[0].commit, None);
}

#[test]
fn notes_are_read_flat_or_fanned_out_and_added_without_losing_others() {
    let (_d, root) = repo();
    std::fs::write(root.join("a"), "1\n").unwrap();
    git(&root, &["add", "."], &[]);
    git(&root, &["commit", "-q", "-m", "one"], &[]);
    let c1 = git(&root, &["rev-parse", "HEAD"], &[]);
    std::fs::write(root.join("a"), "2\n").unwrap();
    git(&root, &["commit", "-q", "-am", "two"], &[]);
    let c2 = git(&root, &["rev-parse", "HEAD"], &[]);
    git(
        &root,
        &["notes", "--ref=ai", "add", "-m", "note one", &c1],
        &[],
    );
    let r = GitRepo::discover(&root).unwrap();
    assert_eq!(r.notes("refs/notes/other").unwrap(), vec![]);
    let notes = r.notes("refs/notes/ai").unwrap();
    assert_eq!(notes, vec![(c1.clone(), "note one\n".to_string())]);
    r.add_notes(
        "refs/notes/ai",
        &[NoteWrite {
            commit: c2.clone(),
            text: "note two\n".into(),
        }],
        ("vibeguard", "vibeguard@localhost"),
        "vibeguard: authorship",
    )
    .unwrap();
    // git itself reads both notes back.
    assert_eq!(
        git(&root, &["notes", "--ref=ai", "show", &c1], &[]),
        "note one"
    );
    assert_eq!(
        git(&root, &["notes", "--ref=ai", "show", &c2], &[]),
        "note two"
    );
    let mut all = r.notes("refs/notes/ai").unwrap();
    all.sort();
    assert_eq!(all.len(), 2);
}
