//! The registry client against a real HTTP server on 127.0.0.1.

use super::*;
use crate::test_http::{Reply, Server};

fn registry(server: &Server, cache: &Path, offline: bool) -> Registry {
    let mut bases = BTreeMap::new();
    for e in Ecosystem::ALL {
        bases.insert(e.osv_name().to_string(), server.base.clone());
    }
    Registry::new(Some(cache), &bases, offline)
}

fn soon() -> Instant {
    Instant::now() + Duration::from_secs(5)
}

#[test]
fn answers_found_missing_and_caches_both() {
    let server = Server::start(|path| match path {
        "/pypi/requests/json" => Reply::ok(
            r#"{"info":{"version":"2.31.0"},"releases":{"2.31.0":[{"upload_time_iso_8601":"2023-05-22T15:12:44.175Z"}],"0.2.0":[{"upload_time_iso_8601":"2011-02-14T00:00:00Z"}]}}"#,
        ),
        "/@scope%2fpkg" => Reply::ok(
            r#"{"dist-tags":{"latest":"1.0.0"},"time":{"created":"2024-01-01T00:00:00Z","1.0.0":"2024-01-01T00:00:00Z"},"versions":{"1.0.0":{}}}"#,
        ),
        "/api/v1/crates/serde" => Reply::ok(
            r#"{"crate":{"created_at":"2014-12-05T20:20:39.487502+00:00","recent_downloads":9000000,"max_version":"1.0.200"},"versions":[{"num":"1.0.200","created_at":"2024-05-01T00:00:00+00:00"}]}"#,
        ),
        "/github.com/!azure/sdk/@v/list" => Reply::ok("v1.0.0\nv1.1.0\n"),
        "/api/v1/versions/rails.json" => Reply::ok(
            r#"[{"number":"7.1.0","created_at":"2023-10-05T00:00:00.000Z","downloads_count":100}]"#,
        ),
        "/p2/monolog/monolog.json" => Reply::ok(
            r#"{"packages":{"monolog/monolog":[{"version":"3.5.0","time":"2023-10-27T00:00:00+00:00"}]}}"#,
        ),
        _ => Reply::status(404),
    });
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("registry.db");
    let r = registry(&server, &cache, false);
    let Answer::Found(info) = r.lookup(Ecosystem::PyPI, "Requests", soon()) else {
        panic!()
    };
    assert_eq!(info.latest.as_deref(), Some("2.31.0"));
    assert_eq!(info.created, Some(1297641600));
    assert!(matches!(
        r.lookup(Ecosystem::Npm, "@scope/pkg", soon()),
        Answer::Found(_)
    ));
    let Answer::Found(c) = r.lookup(Ecosystem::CratesIo, "serde", soon()) else {
        panic!()
    };
    assert_eq!(c.downloads, Some(9000000));
    let Answer::Found(g) = r.lookup(Ecosystem::Go, "github.com/Azure/sdk", soon()) else {
        panic!()
    };
    assert_eq!(g.releases, 2);
    assert!(matches!(
        r.lookup(Ecosystem::RubyGems, "rails", soon()),
        Answer::Found(_)
    ));
    assert!(matches!(
        r.lookup(Ecosystem::Packagist, "monolog/monolog", soon()),
        Answer::Found(_)
    ));
    assert_eq!(
        r.lookup(Ecosystem::PyPI, "huggingface-cli-tools", soon()),
        Answer::Missing
    );
    let before = server.hits();
    // Both answers now come from the cache, also for a new client (another process)
    // that is offline.
    let r2 = registry(&server, &cache, true);
    assert!(matches!(
        r2.lookup(Ecosystem::PyPI, "requests", soon()),
        Answer::Found(_)
    ));
    assert_eq!(
        r2.lookup(Ecosystem::PyPI, "huggingface-cli-tools", soon()),
        Answer::Missing
    );
    assert_eq!(server.hits(), before);
}

#[test]
fn crates_fall_back_to_the_sparse_index() {
    let server = Server::start(|path| match path {
        "/api/v1/crates/serde" => Reply::status(403),
        "/index/se/rd/serde" => Reply::ok(
            "{\"name\":\"serde\",\"vers\":\"1.0.0\",\"yanked\":false}\n{\"name\":\"serde\",\"vers\":\"1.0.1\",\"yanked\":false}\n",
        ),
        _ => Reply::status(404),
    });
    let dir = tempfile::tempdir().unwrap();
    let r = registry(&server, &dir.path().join("c.db"), false);
    let Answer::Found(info) = r.lookup(Ecosystem::CratesIo, "serde", soon()) else {
        panic!()
    };
    assert_eq!((info.releases, info.latest.as_deref()), (2, Some("1.0.1")));
    assert_eq!(crates_index_path("syn"), "3/s/syn");
    assert_eq!(crates_index_path("cc"), "2/cc");
}

#[test]
fn offline_unknown_and_server_errors_stay_unknown() {
    let server = Server::start(|_| Reply::status(503));
    let dir = tempfile::tempdir().unwrap();
    let r = registry(&server, &dir.path().join("c.db"), true);
    assert!(matches!(
        r.lookup(Ecosystem::PyPI, "flask", soon()),
        Answer::Unknown(_)
    ));
    assert_eq!(server.hits(), 0, "offline never asks");
    let r = registry(&server, &dir.path().join("c.db"), false);
    assert!(matches!(
        r.lookup(Ecosystem::PyPI, "flask", soon()),
        Answer::Unknown(_)
    ));
    // Not cached: the next call asks again.
    assert!(matches!(
        r.lookup(Ecosystem::PyPI, "flask", soon()),
        Answer::Unknown(_)
    ));
    assert_eq!(server.hits(), 2);
}

#[test]
fn the_deadline_bounds_a_slow_registry() {
    let server = Server::start(|_| Reply {
        delay: Duration::from_millis(1500),
        ..Reply::ok("{}")
    });
    let dir = tempfile::tempdir().unwrap();
    let r = registry(&server, &dir.path().join("c.db"), false);
    let start = Instant::now();
    let items: Vec<(Ecosystem, String)> = (0..6)
        .map(|i| (Ecosystem::Npm, format!("pkg{i}")))
        .collect();
    let answers = r.lookup_many(&items, Instant::now() + Duration::from_millis(300), 4);
    assert!(
        start.elapsed() < Duration::from_millis(1200),
        "{:?}",
        start.elapsed()
    );
    assert!(answers.iter().all(|a| matches!(a, Answer::Unknown(_))));
}
