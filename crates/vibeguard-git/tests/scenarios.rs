//! vibeguard-git against real repositories made with the git CLI.

mod fixture;

use fixture::{ALICE, BOB, CAROL, Repo, date};
use std::collections::HashMap;
use std::sync::Mutex;
use vibeguard_core::pipeline::SkipReason;
use vibeguard_git::{GitError, LineSet, added_lines_since, history_blobs, staged_files};

fn lines(ranges: &[(u32, u32)]) -> LineSet {
    LineSet {
        ranges: ranges.to_vec(),
    }
}

/// What the history visitor saw for one blob.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    bytes: Vec<u8>,
    commit: String,
    author: String,
    email: String,
    date: String,
}

fn walk_history(
    root: &std::path::Path,
    since: Option<&str>,
    max: u64,
) -> Result<(HashMap<String, Seen>, vibeguard_git::HistoryStats, usize), GitError> {
    let seen: Mutex<Vec<(String, Seen)>> = Mutex::new(Vec::new());
    let stats = history_blobs(root, since, max, &|blob| {
        let p = blob.provenance;
        assert_eq!(p.path, blob.path);
        seen.lock().unwrap().push((
            blob.blob_id.to_owned(),
            Seen {
                path: blob.path.to_owned(),
                bytes: blob.bytes.to_vec(),
                commit: p.commit.clone(),
                author: p.author.clone(),
                email: p.email.clone(),
                date: p.date.clone(),
            },
        ));
    })?;
    let all = seen.into_inner().unwrap();
    let visits = all.len();
    Ok((all.into_iter().collect(), stats, visits))
}

/// The history fixture:
///
/// ```text
/// main:    c1 -- c2 -- c3 -- c5 -- c6
///                  \
/// feature:          c4
/// tag v0.9 (annotated): c7, child of c1, on no branch
/// ```
/// c1 adds README.md, src/app.py and a binary logo; c2 (Bob) adds config.env with a
/// token and changes app.py; c3 deletes the token and renames README.md; c5 changes
/// app.py and c6 reverts that change.
struct History {
    repo: Repo,
    c: HashMap<&'static str, String>,
}

fn history_fixture() -> History {
    let repo = Repo::init();
    let mut c = HashMap::new();
    repo.write("README.md", "# demo\n");
    repo.write("src/app.py", "print('v1')\n");
    repo.write(
        "assets/logo.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".as_slice(),
    );
    c.insert("c1", repo.commit(ALICE, 1, "first"));

    let token = fixture::fake_github_token();
    repo.write("config.env", format!("DEBUG=1\nGITHUB_TOKEN={token}\n"));
    repo.write("src/app.py", "print('v2')\n");
    c.insert("c2", repo.commit(BOB, 2, "add config"));

    repo.write("config.env", "DEBUG=1\n");
    repo.remove("README.md");
    repo.write("docs/README.md", "# demo\n");
    c.insert("c3", repo.commit(ALICE, 3, "remove token, move readme"));

    repo.git(&["checkout", "-q", "-b", "feature", &c["c2"]]);
    repo.write("feature.txt", "feature work\n");
    c.insert("c4", repo.commit(CAROL, 4, "feature"));
    repo.git(&["checkout", "-q", "main"]);

    repo.write("src/app.py", "print('v3')\n");
    c.insert("c5", repo.commit(ALICE, 5, "change app"));
    repo.write("src/app.py", "print('v2')\n");
    c.insert("c6", repo.commit(ALICE, 6, "revert app"));

    repo.git(&["checkout", "-q", "--detach", &c["c1"]]);
    repo.write("tagged.txt", "only on a tag\n");
    c.insert("c7", repo.commit(BOB, 7, "tagged"));
    repo.git(&["tag", "-a", "v0.9", "-m", "release"]);
    repo.git(&["checkout", "-q", "main"]);
    History { repo, c }
}

#[test]
fn history_visits_each_blob_once_with_its_first_commit() {
    let h = history_fixture();
    let (seen, stats, visits) = walk_history(&h.repo.root, None, 1 << 20).unwrap();

    // Every blob git can reach, minus the binary logo, exactly once.
    let logo = h.repo.blob(&h.c["c1"], "assets/logo.png");
    let mut expected: Vec<String> = h
        .repo
        .all_blobs()
        .into_iter()
        .filter(|b| *b != logo)
        .collect();
    expected.sort();
    let mut got: Vec<String> = seen.keys().cloned().collect();
    got.sort();
    assert_eq!(got, expected);
    assert_eq!(visits, expected.len(), "a blob was visited twice");
    assert_eq!(stats.blobs, expected.len() as u64);
    assert_eq!(stats.commits, 7);
    assert_eq!(stats.skipped_binary, 1);
    assert_eq!(stats.skipped_large, 0);
    // The skipped blob is named by its path, so the report can list it.
    let skipped: Vec<(&str, SkipReason)> = stats
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason))
        .collect();
    assert_eq!(skipped, vec![("assets/logo.png", SkipReason::Binary)]);
    assert_eq!(
        stats.bytes_scanned,
        seen.values().map(|s| s.bytes.len() as u64).sum::<u64>()
    );
    assert!(stats.bytes > stats.bytes_scanned, "{stats:?}");

    // The token: introduced by Bob in c2 at config.env, deleted later, still found.
    let token_blob = h.repo.blob(&h.c["c2"], "config.env");
    let token = &seen[&token_blob];
    assert!(String::from_utf8_lossy(&token.bytes).contains(&fixture::fake_github_token()));
    assert_eq!(token.commit, h.c["c2"]);
    assert_eq!(token.author, BOB.name);
    assert_eq!(token.email, BOB.email);
    assert_eq!(token.date, date(2));
    assert_eq!(token.path, "config.env");

    // The version without the token repeats only a line it already had: emptied.
    let cleaned = &seen[&h.repo.blob(&h.c["c3"], "config.env")];
    assert_eq!(
        (cleaned.commit.as_str(), cleaned.bytes.as_slice()),
        (h.c["c3"].as_str(), b"\n".as_slice())
    );

    // A rename introduces nothing: README keeps its first commit and path.
    let readme = &seen[&h.repo.blob(&h.c["c3"], "docs/README.md")];
    assert_eq!(
        (readme.commit.as_str(), readme.path.as_str()),
        (h.c["c1"].as_str(), "README.md")
    );

    // The reverted app.py is the c2 blob again; v3 belongs to c5.
    let v2 = &seen[&h.repo.blob(&h.c["c6"], "src/app.py")];
    assert_eq!(v2.commit, h.c["c2"]);
    assert_eq!(v2.bytes, b"print('v2')\n");
    let v3 = &seen[&h.repo.blob(&h.c["c5"], "src/app.py")];
    assert_eq!(v3.commit, h.c["c5"]);

    // Branch-only and tag-only content is reached too.
    assert_eq!(
        seen[&h.repo.blob(&h.c["c4"], "feature.txt")].author,
        CAROL.name
    );
    let tagged = &seen[&h.repo.blob(&h.c["c7"], "tagged.txt")];
    assert_eq!(
        (tagged.commit.as_str(), tagged.author.as_str()),
        (h.c["c7"].as_str(), BOB.name)
    );
}

#[test]
fn history_since_only_sees_commits_after_the_revision() {
    let h = history_fixture();
    let (seen, stats, _) = walk_history(&h.repo.root, Some(&h.c["c3"]), 1 << 20).unwrap();
    let mut got: Vec<(String, String)> = seen
        .values()
        .map(|s| (s.path.clone(), s.commit.clone()))
        .collect();
    got.sort();
    let mut want = vec![
        ("feature.txt".to_owned(), h.c["c4"].clone()),
        ("src/app.py".to_owned(), h.c["c5"].clone()),
        ("tagged.txt".to_owned(), h.c["c7"].clone()),
    ];
    want.sort();
    assert_eq!(got, want);
    assert_eq!(stats.commits, 4);
}

#[test]
fn history_counts_blobs_over_the_size_limit() {
    let h = history_fixture();
    let (seen, stats, _) = walk_history(&h.repo.root, None, 10).unwrap();
    assert!(seen.values().all(|s| s.bytes.len() <= 10));
    assert_eq!(
        stats.skipped_binary + stats.skipped_large + stats.blobs,
        h.repo.all_blobs().len() as u64
    );
    assert!(stats.skipped_large >= 4, "{stats:?}");
}

#[test]
fn history_rejects_a_shallow_clone() {
    let h = history_fixture();
    let parent = h.repo.root.parent().unwrap();
    let url = format!("file://{}", h.repo.root.display());
    fixture::git_in(parent, &["clone", "-q", "--depth", "1", &url, "shallow"]);
    let err = walk_history(&parent.join("shallow"), None, 1 << 20).unwrap_err();
    assert!(matches!(err, GitError::Shallow), "{err}");
    assert!(err.to_string().contains("shallow repository"));
    assert!(err.to_string().contains("history is incomplete"));
}

#[test]
fn history_reports_a_missing_object() {
    let h = history_fixture();
    let blob = h.repo.blob(&h.c["c5"], "src/app.py");
    let loose = h
        .repo
        .root
        .join(".git/objects")
        .join(&blob[..2])
        .join(&blob[2..]);
    std::fs::remove_file(loose).unwrap();
    let err = walk_history(&h.repo.root, None, 1 << 20).unwrap_err();
    assert!(matches!(err, GitError::Object { .. }), "{err}");
    assert!(err.to_string().contains(&blob), "{err}");
}

#[test]
fn history_of_an_unborn_repository_is_empty() {
    let repo = Repo::init();
    repo.write("a.txt", "not committed\n");
    let (seen, stats, _) = walk_history(&repo.root, None, 1 << 20).unwrap();
    assert!(seen.is_empty());
    assert_eq!((stats.commits, stats.blobs), (0, 0));
}

#[test]
fn diff_reports_lines_added_since_a_revision_including_untracked_files() {
    let repo = Repo::init();
    repo.write(".gitignore", "*.log\n");
    repo.write("a.txt", "one\ntwo\nthree\n");
    repo.write("keep.txt", "unchanged\n");
    repo.write("gone.txt", "to be deleted\n");
    repo.write("sub/b.txt", "b1\nb2\n");
    let base = repo.commit(ALICE, 1, "base");

    repo.write("a.txt", "one\ntwo\nthree\nfour\n");
    repo.commit(BOB, 2, "committed change");

    // Working-tree edits on top: insert a line, change the last one; a new untracked
    // file, an ignored file, a deleted file and a staged-then-reverted file.
    repo.write("a.txt", "one\nINSERTED\ntwo\nthree\nFOUR\n");
    repo.write("new/dir/c.txt", "c1\nc2\nc3");
    repo.write("debug.log", "ignored\n");
    repo.remove("gone.txt");
    repo.write("sub/b.txt", "b1\nchanged\n");
    repo.git(&["add", "sub/b.txt"]);
    repo.write("sub/b.txt", "b1\nb2\n");

    let added = added_lines_since(&repo.root, &base).unwrap();
    let got: Vec<(&str, &LineSet)> = added.iter().map(|(k, v)| (k.as_str(), v)).collect();
    assert_eq!(
        got,
        vec![
            ("a.txt", &lines(&[(2, 2), (5, 5)])),
            ("new/dir/c.txt", &lines(&[(1, 3)])),
        ]
    );

    // HEAD~1 is the same commit, named relatively; any directory or file inside the work
    // tree works.
    let from_sub = added_lines_since(&repo.root.join("sub"), "HEAD~1").unwrap();
    assert_eq!(from_sub, added);
    let from_file = added_lines_since(&repo.root.join("sub/b.txt"), "HEAD~1").unwrap();
    assert_eq!(from_file, added);

    // Against HEAD only the working-tree edits count: line 5 "four" -> "FOUR" and the insert.
    let since_head = added_lines_since(&repo.root, "HEAD").unwrap();
    assert_eq!(since_head["a.txt"], lines(&[(2, 2), (5, 5)]));
    repo.write("a.txt", "one\ntwo\nthree\nfour\n");
    let reverted = added_lines_since(&repo.root, "HEAD").unwrap();
    assert!(!reverted.contains_key("a.txt"));
    assert_eq!(reverted.keys().collect::<Vec<_>>(), vec!["new/dir/c.txt"]);
}

#[test]
fn diff_errors_are_clear() {
    let repo = Repo::init();
    repo.write("a.txt", "x\n");
    let err = added_lines_since(&repo.root, "HEAD").unwrap_err();
    assert!(matches!(err, GitError::NoCommits), "{err}");
    assert!(err.to_string().contains("no commits"));

    repo.commit(ALICE, 1, "one");
    let err = added_lines_since(&repo.root, "no-such-branch").unwrap_err();
    assert!(matches!(err, GitError::BadRevision { .. }), "{err}");
    assert!(
        err.to_string().starts_with("bad revision 'no-such-branch'"),
        "{err}"
    );
    assert!(!err.to_string().contains('\n'));

    let blob = repo.blob("HEAD", "a.txt");
    let err = added_lines_since(&repo.root, &blob).unwrap_err();
    assert!(matches!(err, GitError::BadRevision { .. }), "{err}");

    let plain = tempfile::tempdir().unwrap();
    for err in [
        added_lines_since(plain.path(), "HEAD").unwrap_err(),
        staged_files(plain.path()).unwrap_err(),
        history_blobs(plain.path(), None, 1, &|_| {}).unwrap_err(),
    ] {
        assert!(matches!(err, GitError::NotARepository { .. }), "{err}");
        assert!(err.to_string().starts_with("not a git repository"), "{err}");
    }
    let missing = plain.path().join("nope");
    let err = staged_files(&missing).unwrap_err();
    assert!(matches!(err, GitError::Io { .. }), "{err}");
}

#[test]
fn staged_sees_the_index_not_the_working_tree() {
    let repo = Repo::init();
    repo.write("a.txt", "x\ny\n");
    repo.write("c.txt", "to remove\n");
    repo.write("d.txt", "d\n");
    repo.commit(ALICE, 1, "base");

    repo.write("a.txt", "x\nSTAGED\ny\n");
    repo.write("b.txt", "new\nfile\n");
    repo.git(&["add", "a.txt", "b.txt"]);
    repo.git(&["rm", "-q", "c.txt"]);
    repo.write("a.txt", "x\nSTAGED\ny\nUNSTAGED\n");
    repo.write("d.txt", "d\nunstaged only\n");
    repo.write("e.txt", "untracked\n");

    let staged = staged_files(&repo.root).unwrap();
    let got: Vec<(&str, &[u8], &LineSet)> = staged
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice(), &f.added))
        .collect();
    assert_eq!(
        got,
        vec![
            ("a.txt", b"x\nSTAGED\ny\n".as_slice(), &lines(&[(2, 2)])),
            ("b.txt", b"new\nfile\n".as_slice(), &lines(&[(1, 2)])),
        ]
    );
}

#[test]
fn staged_in_a_repository_without_commits_is_every_staged_file() {
    let repo = Repo::init();
    repo.write("a.txt", "1\n2\n3\n");
    repo.write("later.txt", "not staged\n");
    repo.git(&["add", "a.txt"]);
    let staged = staged_files(&repo.root).unwrap();
    assert_eq!(staged.len(), 1);
    assert_eq!(staged[0].path, "a.txt");
    assert_eq!(staged[0].added, lines(&[(1, 3)]));
}

#[test]
fn history_reads_packed_objects_like_loose_ones() {
    let h = history_fixture();
    let (loose, loose_stats, _) = walk_history(&h.repo.root, None, 1 << 20).unwrap();
    h.repo.git(&["gc", "-q", "--aggressive"]);
    assert!(
        std::fs::read_dir(h.repo.root.join(".git/objects/pack"))
            .unwrap()
            .any(|e| e.unwrap().path().extension().is_some_and(|x| x == "pack"))
    );
    let (packed, packed_stats, _) = walk_history(&h.repo.root, None, 1 << 20).unwrap();
    assert_eq!(packed.len(), loose.len());
    for (id, seen) in &loose {
        let p = &packed[id];
        assert_eq!(
            (&p.bytes, &p.commit, &p.path),
            (&seen.bytes, &seen.commit, &seen.path)
        );
    }
    assert_eq!(packed_stats.bytes, loose_stats.bytes);
}

#[test]
fn history_of_a_partial_clone_says_objects_were_never_fetched() {
    let h = history_fixture();
    h.repo.git(&["config", "uploadpack.allowFilter", "true"]);
    let parent = h.repo.root.parent().unwrap();
    let url = format!("file://{}", h.repo.root.display());
    fixture::git_in(
        parent,
        &[
            "clone",
            "-q",
            "--bare",
            "--filter=blob:none",
            &url,
            "partial.git",
        ],
    );
    let err = walk_history(&parent.join("partial.git"), None, 1 << 20).unwrap_err();
    assert!(matches!(err, GitError::Object { .. }), "{err}");
    assert!(err.to_string().contains("partial clone"), "{err}");
}

/// (path, commit, bytes, introduced lines) as handed to the visitor.
type Handed = (String, String, Vec<u8>, Option<LineSet>);

#[test]
fn history_hands_over_each_line_once_in_the_blob_that_introduced_it() {
    let repo = Repo::init();
    let token = fixture::fake_github_token();
    repo.write("settings.py", format!("A = 1\nTOKEN = '{token}'\nB = 2\n"));
    let first = repo.commit(ALICE, 1, "settings");
    repo.write(
        "settings.py",
        format!("A = 10\nTOKEN = '{token}'\nB = 2\nC = 3\n"),
    );
    let second = repo.commit(BOB, 2, "tweak");
    repo.write("copy.py", format!("TOKEN = '{token}'\n"));
    repo.commit(CAROL, 3, "copy to a new file");

    let seen: Mutex<Vec<Handed>> = Mutex::new(Vec::new());
    history_blobs(&repo.root, None, 1 << 20, &|b| {
        seen.lock().unwrap().push((
            b.path.to_owned(),
            b.provenance.commit.clone(),
            b.bytes.to_vec(),
            b.introduced.cloned(),
        ));
    })
    .unwrap();
    let seen = seen.into_inner().unwrap();
    let with_token: Vec<(&str, &str)> = seen
        .iter()
        .filter(|s| String::from_utf8_lossy(&s.2).contains(&token))
        .map(|s| (s.0.as_str(), s.1.as_str()))
        .collect();
    // In settings.py once, from the first commit; a new file is new in full.
    let mut want = vec![("settings.py", first.as_str())];
    let third = repo.rev("HEAD");
    want.push(("copy.py", third.as_str()));
    let mut got = with_token;
    got.sort();
    want.sort();
    assert_eq!(got, want);

    let tweak = seen.iter().find(|s| s.1 == second).unwrap();
    assert_eq!(tweak.2, b"A = 10\n\n\nC = 3\n");
    assert_eq!(tweak.3, Some(lines(&[(1, 1), (4, 4)])));
    let new_file = seen.iter().find(|s| s.0 == "copy.py").unwrap();
    assert_eq!(new_file.3, None);

    // Whole blobs on request.
    let whole = Mutex::new(Vec::new());
    let options = vibeguard_git::HistoryOptions {
        since: None,
        max_blob_size: 1 << 20,
        content: vibeguard_git::BlobContent::Whole,
    };
    vibeguard_git::history_blobs_with(&repo.root, &options, &|b| {
        assert!(b.introduced.is_none());
        whole.lock().unwrap().push(b.bytes.to_vec());
    })
    .unwrap();
    let whole = whole.into_inner().unwrap();
    assert_eq!(
        whole
            .iter()
            .filter(|b| String::from_utf8_lossy(b).contains(&token))
            .count(),
        3
    );
}

/// Every handed-over buffer that contains `needle`, as (path, commit).
fn handed_with(root: &std::path::Path, max: u64, needle: &str) -> Vec<(String, String)> {
    let out = Mutex::new(Vec::new());
    history_blobs(root, None, max, &|b| {
        if String::from_utf8_lossy(b.bytes).contains(needle) {
            out.lock()
                .unwrap()
                .push((b.path.to_owned(), b.provenance.commit.clone()));
        }
    })
    .unwrap();
    out.into_inner().unwrap()
}

#[test]
fn history_merge_repeats_no_line_from_either_parent() {
    let repo = Repo::init();
    repo.write("f.txt", "a\nb\nc\nd\ne\n");
    repo.commit(ALICE, 1, "base");
    repo.git(&["checkout", "-q", "-b", "side"]);
    let token = fixture::fake_github_token();
    repo.write("f.txt", format!("a\nb\nc\nd\ne\nT={token}\n"));
    let side = repo.commit(BOB, 2, "side adds a token");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("f.txt", "M\na\nb\nc\nd\ne\n");
    repo.commit(ALICE, 3, "main edits the top");
    repo.git(&["merge", "-q", "--no-edit", "side"]);
    assert_eq!(
        std::fs::read_to_string(repo.root.join("f.txt")).unwrap(),
        format!("M\na\nb\nc\nd\ne\nT={token}\n")
    );
    assert_eq!(
        handed_with(&repo.root, 1 << 20, &token),
        vec![("f.txt".to_owned(), side)]
    );
}

#[test]
fn history_scans_whole_a_blob_whose_previous_version_was_skipped() {
    let repo = Repo::init();
    let token = fixture::fake_github_token();
    let filler: String = (0..100).map(|i| format!("filler line {i}\n")).collect();
    repo.write("big.txt", format!("T={token}\n{filler}"));
    repo.commit(ALICE, 1, "too big to scan");
    repo.write("big.txt", format!("T={token}\nshort\n"));
    let small = repo.commit(BOB, 2, "small again");
    assert_eq!(
        handed_with(&repo.root, 200, &token),
        vec![("big.txt".to_owned(), small)]
    );
}
