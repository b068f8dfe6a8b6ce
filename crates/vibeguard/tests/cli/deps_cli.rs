//! The dependency commands end to end with the real binary: `db import`, `db status`,
//! `db update` against a local archive server (including a truncated download and a
//! server error, after which the old store must still be there), `scan` findings and
//! fixes, `deps check` and the agent gate against a local registry on 127.0.0.1.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};
use vibeguard_deps::test_http::{Reply, Server};

const DJANGO: &str = r#"{"id":"GHSA-test-django","aliases":["CVE-2022-34265"],"summary":"SQL injection in Trunc() and Extract()","modified":"2022-07-05T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"Django"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"3.2"},{"fixed":"3.2.14"}]}]}],"severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]}"#;

const SMALLVEC: &str = "```toml\n[advisory]\nid = \"RUSTSEC-2021-0003\"\npackage = \"smallvec\"\ndate = \"2021-01-08\"\naliases = [\"CVE-2021-25900\"]\n\n[versions]\npatched = [\"^0.6.14\", \">= 1.6.1\"]\n```\n\n# Buffer overflow in SmallVec::insert_many\n";

/// `vibeguard` in the test sandbox with `cache` as its cache folder, allowed to reach the
/// test's own registry on 127.0.0.1.
fn vg(cache: &Path) -> crate::sandbox::Vibeguard {
    let mut c = crate::sandbox::vibeguard();
    c.env("VIBEGUARD_CACHE_DIR", cache)
        .env_remove("VIBEGUARD_OFFLINE")
        .env("CI", "1")
        .timeout(Duration::from_secs(60));
    c
}

fn zip_of(records: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        for (name, body) in records {
            z.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(body.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

fn status(cache: &Path) -> String {
    String::from_utf8(vg(cache).args(["db", "status"]).output().unwrap().stdout).unwrap()
}

#[test]
fn import_status_scan_and_fix() {
    let cache = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(src.path().join("crates/smallvec")).unwrap();
    std::fs::write(
        src.path().join("crates/smallvec/RUSTSEC-2021-0003.md"),
        SMALLVEC,
    )
    .unwrap();
    std::fs::write(src.path().join("GHSA-test-django.json"), DJANGO).unwrap();
    // No store yet: status says so and exits 1.
    vg(cache.path()).args(["db", "status"]).assert().code(1);
    vg(cache.path())
        .args(["db", "import"])
        .arg(src.path())
        .assert()
        .success();
    let st = status(cache.path());
    assert!(st.contains("advisories: 2"), "{st}");
    assert!(st.contains("crates.io") && st.contains("PyPI"), "{st}");

    let proj = tempfile::tempdir().unwrap();
    std::fs::write(
        proj.path().join("requirements.txt"),
        "django==3.2.10\nflask==2.3.3\n",
    )
    .unwrap();
    std::fs::write(
        proj.path().join("Cargo.lock"),
        "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"smallvec\"]\n\n[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
    )
    .unwrap();
    let out = vg(cache.path())
        .current_dir(proj.path())
        .args(["scan", "--offline", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let rules: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap(),
                f["location"]["path"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        rules.contains(&("deps/vulnerable", "requirements.txt")),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("deps/vulnerable", "Cargo.lock")),
        "{rules:?}"
    );
    let dj = findings
        .iter()
        .find(|f| f["location"]["path"] == "requirements.txt")
        .unwrap();
    assert_eq!(dj["severity"], "critical");
    assert!(dj["message"].as_str().unwrap().contains("fixed in 3.2.14"));
    // SARIF carries the upgrade as a fix.
    let sarif = vg(cache.path())
        .current_dir(proj.path())
        .args(["scan", "--offline", "--format", "sarif", "."])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let uri = |r: &serde_json::Value| {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let dj = results
        .iter()
        .find(|r| uri(r) == "requirements.txt")
        .expect("a result on requirements.txt");
    // Ids, aliases, score and the fixed version as structured data, the ids as tags.
    let props = &dj["properties"];
    assert_eq!(
        props["advisoryIds"],
        serde_json::json!(["GHSA-test-django"])
    );
    assert_eq!(props["aliases"], serde_json::json!(["CVE-2022-34265"]));
    assert_eq!(props["cvssScore"], serde_json::json!(9.8));
    assert_eq!(props["fixedVersion"], "3.2.14");
    assert_eq!(props["package"], "django");
    assert_eq!(props["version"], "3.2.10");
    assert_eq!(props["ecosystem"], "PyPI");
    assert_eq!(
        props["tags"],
        serde_json::json!(["GHSA-test-django", "CVE-2022-34265"])
    );
    // The upgrade is a fix replacing exactly the pinned version on its line.
    let rep = &dj["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(rep["insertedContent"]["text"], "3.2.14");
    let at = rep["deletedRegion"]["byteOffset"].as_u64().unwrap() as usize;
    let len = rep["deletedRegion"]["byteLength"].as_u64().unwrap() as usize;
    assert_eq!(&"django==3.2.10\nflask==2.3.3\n"[at..at + len], "3.2.10");
    // In a lockfile a version is tied to checksums: the fixed version is data, not a fix.
    let sv = results
        .iter()
        .find(|r| uri(r) == "Cargo.lock")
        .expect("a result on Cargo.lock");
    assert_eq!(
        sv["properties"]["advisoryIds"],
        serde_json::json!(["RUSTSEC-2021-0003"])
    );
    assert_eq!(
        sv["properties"]["aliases"],
        serde_json::json!(["CVE-2021-25900"])
    );
    assert_eq!(sv["properties"]["fixedVersion"], "1.6.1");
    assert!(sv.get("fixes").is_none(), "{sv}");
    // The JSON report carries the same properties.
    let dj = findings
        .iter()
        .find(|f| f["location"]["path"] == "requirements.txt")
        .unwrap();
    assert_eq!(dj["properties"]["fixedVersion"], "3.2.14");
    assert_eq!(
        dj["properties"]["aliases"],
        serde_json::json!(["CVE-2022-34265"])
    );
}

#[test]
fn db_update_swaps_atomically_and_survives_bad_downloads() {
    let cache = tempfile::tempdir().unwrap();
    let good = zip_of(&[("GHSA-test-django.json", DJANGO)]);
    let g = good.clone();
    let server = Server::start(move |path| match path {
        "/PyPI/all.zip" => Reply::ok(g.clone()),
        "/cut/PyPI/all.zip" => Reply {
            announce: Some(g.len() * 2),
            ..Reply::ok(g[..g.len() / 2].to_vec())
        },
        "/broken/PyPI/all.zip" => Reply::status(500),
        "/garbage/PyPI/all.zip" => Reply::ok(b"PK\x03\x04 not really a zip".to_vec()),
        _ => Reply::status(404),
    });
    vg(cache.path())
        .args(["db", "update", "--ecosystem", "pypi", "--url", &server.base])
        .assert()
        .success();
    let before = status(cache.path());
    assert!(
        before.contains("advisories: 1") && before.contains("osv:PyPI"),
        "{before}"
    );
    for bad in ["cut", "broken", "garbage"] {
        let out = vg(cache.path())
            .args([
                "db",
                "update",
                "--ecosystem",
                "PyPI",
                "--url",
                &format!("{}/{bad}", server.base),
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("the store was not changed"), "{bad}: {err}");
        let after = status(cache.path());
        assert!(after.contains("advisories: 1"), "{bad}: {after}");
        // No temporary files are left behind.
        let stray: Vec<_> = std::fs::read_dir(cache.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(stray.is_empty(), "{bad}: {stray:?}");
    }
}

/// A download cut midway is kept and continued by the next run (`Range` + `If-Range` with
/// the ETag); a server that sends the whole file again instead is handled as a restart.
#[test]
fn db_update_continues_a_cut_download() {
    use std::sync::{Arc, Mutex};
    use vibeguard_deps::test_http::Request;
    let cache = tempfile::tempdir().unwrap();
    let good = zip_of(&[("GHSA-test-django.json", DJANGO)]);
    let half = good.len() / 2;
    let ranges: Arc<Mutex<Vec<String>>> = Arc::default();
    let (g, seen) = (good.clone(), ranges.clone());
    let server = Server::start_with_headers(move |r: &Request| {
        let etag = ("ETag".to_string(), "\"v1\"".to_string());
        let range = r.header("range").map(str::to_string);
        seen.lock().unwrap().push(range.clone().unwrap_or_default());
        let whole_again = r.path.starts_with("/ignores-ranges/");
        match (range, r.header("if-range")) {
            (Some(range), Some("\"v1\"")) if !whole_again => {
                let from: usize = range["bytes=".len()..]
                    .trim_end_matches('-')
                    .parse()
                    .unwrap();
                Reply {
                    status: 206,
                    headers: vec![
                        etag,
                        (
                            "Content-Range".into(),
                            format!("bytes {from}-{}/{}", g.len() - 1, g.len()),
                        ),
                    ],
                    ..Reply::ok(g[from..].to_vec())
                }
            }
            // The first request of a path gets half of the archive and a cut connection.
            (None, _) => Reply {
                announce: Some(g.len()),
                headers: vec![etag],
                ..Reply::ok(g[..half].to_vec())
            },
            _ => Reply {
                headers: vec![etag],
                ..Reply::ok(g.clone())
            },
        }
    });
    let update = |prefix: &str| {
        vg(cache.path())
            .args(["db", "update", "--ecosystem", "PyPI", "--url"])
            .arg(format!("{}/{prefix}", server.base))
            .output()
            .unwrap()
    };
    let leftovers = || -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(cache.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        v.sort();
        v
    };
    for prefix in ["continues", "ignores-ranges"] {
        let out = update(prefix);
        assert_eq!(out.status.code(), Some(2), "{prefix}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("the store was not changed") && err.contains("run it again to continue"),
            "{prefix}: {err}"
        );
        // What arrived is kept for the next run, and no store was made from it.
        assert_eq!(
            leftovers(),
            vec![
                ".PyPI.zip.part".to_string(),
                ".PyPI.zip.part.meta".to_string()
            ],
            "{prefix}"
        );
        vg(cache.path()).args(["db", "status"]).assert().code(1);
        let out = update(prefix);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{prefix}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(status(cache.path()).contains("advisories: 1"), "{prefix}");
        assert!(leftovers().is_empty(), "{prefix}: {:?}", leftovers());
        std::fs::remove_file(cache.path().join("advisories.db")).unwrap();
    }
    // The second run of each asked only for the missing bytes.
    let asked = ranges.lock().unwrap().clone();
    assert_eq!(
        asked,
        vec![
            String::new(),
            format!("bytes={half}-"),
            String::new(),
            format!("bytes={half}-"),
        ]
    );
}

/// A registry answering like PyPI for a few names.
fn pypi() -> Server {
    Server::start(|path| match path {
        "/pypi/requests/json" => Reply::ok(
            r#"{"info":{"version":"2.31.0"},"releases":{"2.31.0":[{"upload_time_iso_8601":"2023-05-22T15:12:44Z"}],"2.30.0":[{"upload_time_iso_8601":"2023-05-03T00:00:00Z"}],"0.2.0":[{"upload_time_iso_8601":"2011-02-14T00:00:00Z"}]}}"#,
        ),
        "/pypi/slow-pkg/json" | "/pypi/slow-pkg2/json" => Reply {
            delay: Duration::from_secs(3),
            ..Reply::status(404)
        },
        _ => Reply::status(404),
    })
}

fn project_with_registry(server: &Server, extra: &str) -> tempfile::TempDir {
    let proj = tempfile::tempdir().unwrap();
    std::fs::create_dir(proj.path().join(".git")).unwrap();
    std::fs::write(
        proj.path().join("vibeguard.toml"),
        format!(
            "[deps]\n{extra}\n[deps.registries]\nPyPI = \"{}\"\n",
            server.base
        ),
    )
    .unwrap();
    proj
}

#[test]
fn deps_check_names_the_problem_and_the_intended_package() {
    let server = pypi();
    let cache = tempfile::tempdir().unwrap();
    let proj = project_with_registry(&server, "");
    let out = vg(cache.path())
        .current_dir(proj.path())
        .args([
            "deps",
            "check",
            "-e",
            "pypi",
            "requests",
            "reqeusts",
            "huggingface-cli-pro",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("ok       PyPI requests"), "{text}");
    assert!(
        text.contains("deps/hallucinated-package") && text.contains("did you mean `requests`"),
        "{text}"
    );
    // Without an ecosystem the spec must name one.
    vg(cache.path())
        .current_dir(proj.path())
        .args(["deps", "check", "lodash"])
        .assert()
        .code(2);
    vg(cache.path())
        .current_dir(proj.path())
        .args(["deps", "check", "pypi:requests"])
        .assert()
        .success();
}

fn hook(cache: &Path, proj: &Path, command: &str) -> (i32, String, Duration) {
    let payload = serde_json::json!({
        "session_id": "s-deps", "cwd": proj, "hook_event_name": "PreToolUse",
        "tool_name": "Bash", "tool_input": {"command": command},
    });
    let start = Instant::now();
    let out = vg(cache)
        .current_dir(proj)
        .args(["hook", "claude"])
        .env("HOME", proj)
        .env_remove("CLAUDE_PROJECT_DIR")
        .write_stdin(payload.to_string())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        start.elapsed(),
    )
}

fn decision(stdout: &str) -> String {
    if stdout.trim().is_empty() {
        return "allow".into();
    }
    let v: serde_json::Value = serde_json::from_str(stdout).unwrap();
    v["hookSpecificOutput"]["permissionDecision"]
        .as_str()
        .unwrap_or("?")
        .to_string()
}

#[test]
fn the_gate_stops_invented_and_look_alike_installs() {
    let server = pypi();
    let cache = tempfile::tempdir().unwrap();
    let proj = project_with_registry(&server, "");
    let (_, out, _) = hook(cache.path(), proj.path(), "pip install huggingface-cli-pro");
    assert_eq!(decision(&out), "deny", "{out}");
    assert!(out.contains("does not exist"), "{out}");
    let (_, out, _) = hook(
        cache.path(),
        proj.path(),
        "python -m pip install reqeusts==2.31.0",
    );
    assert_eq!(decision(&out), "deny", "{out}");
    assert!(out.contains("requests"), "{out}");
    let (_, out, _) = hook(cache.path(), proj.path(), "pip install requests==2.31.0");
    assert_eq!(decision(&out), "allow", "{out}");
    // A manifest edit that adds a look-alike is judged the same way.
    std::fs::write(proj.path().join("requirements.txt"), "requests==2.31.0\n").unwrap();
    let payload = serde_json::json!({
        "session_id": "s-deps", "cwd": proj.path(), "hook_event_name": "PreToolUse",
        "tool_name": "Edit", "tool_input": {"file_path": proj.path().join("requirements.txt"),
        "old_string": "requests==2.31.0\n", "new_string": "requests==2.31.0\nreqeusts==1.0\n"},
    });
    let out = vg(cache.path())
        .current_dir(proj.path())
        .args(["hook", "claude"])
        .env("HOME", proj.path())
        .write_stdin(payload.to_string())
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert_eq!(decision(&out), "deny", "{out}");
}

#[test]
fn a_slow_registry_meets_the_deadline_and_the_unknown_package_policy() {
    let server = pypi();
    let cache = tempfile::tempdir().unwrap();
    // The gate's own deadline is wide here, so what is measured is the package check's.
    let proj = project_with_registry(&server, "deadline_ms = 300");
    let policy = std::fs::read_to_string(proj.path().join("vibeguard.toml")).unwrap();
    std::fs::write(
        proj.path().join("vibeguard.toml"),
        format!("[gate]\ndeadline_ms = 8000\n{policy}"),
    )
    .unwrap();
    let (_, out, took) = hook(cache.path(), proj.path(), "pip install slow-pkg");
    assert_eq!(decision(&out), "ask", "{out}");
    assert!(out.contains("could not be verified"), "{out}");
    assert!(took < Duration::from_millis(2500), "{took:?}");
    // The look-up went on in the background; once it is done the next call has the
    // registry's answer (the name does not exist) from the cache.
    let mut answer = String::new();
    for _ in 0..40 {
        std::thread::sleep(Duration::from_millis(250));
        let (_, out, _) = hook(cache.path(), proj.path(), "pip install slow-pkg");
        answer = out;
        if decision(&answer) == "deny" {
            break;
        }
    }
    assert!(answer.contains("does not exist"), "{answer}");
    let proj = project_with_registry(&server, "deadline_ms = 300\nunknown_package = \"deny\"");
    let policy = std::fs::read_to_string(proj.path().join("vibeguard.toml")).unwrap();
    std::fs::write(
        proj.path().join("vibeguard.toml"),
        format!("[gate]\ndeadline_ms = 8000\n{policy}"),
    )
    .unwrap();
    let (_, out, _) = hook(cache.path(), proj.path(), "pip install slow-pkg2");
    assert_eq!(decision(&out), "deny", "{out}");
}
