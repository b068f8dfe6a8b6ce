//! Each advisory format, written for the tests in the shape the public databases use.

use super::*;
use crate::osv::matching::{is_affected, smallest_fix};

fn one(name: &str, text: &str) -> Record {
    match parse_any(name, text.as_bytes()) {
        Parsed::Record(r) => *r,
        Parsed::NotAdvisory => panic!("{name}: not recognised"),
        Parsed::Error(e) => panic!("{name}: {e}"),
    }
}

const RUSTSEC: &str = r#"```toml
[advisory]
id = "RUSTSEC-2021-0003"
package = "smallvec"
date = "2021-01-08"
url = "https://github.com/servo/rust-smallvec/issues/252"
categories = ["memory-corruption"]
aliases = ["CVE-2021-25900", "GHSA-43w2-9j62-hq99"]
cvss = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"

[versions]
patched = ["^0.6.14", ">= 1.6.1"]
unaffected = ["< 0.6.3", ">= 1.0.0, < 1.5.0"]
```

# Buffer overflow in SmallVec::insert_many

A bug in `SmallVec::insert_many` caused it to allocate a buffer that was too small.
"#;

#[test]
fn rustsec_markdown() {
    let r = one("crates/smallvec/RUSTSEC-2021-0003.md", RUSTSEC);
    assert_eq!(
        r.summary.as_deref(),
        Some("Buffer overflow in SmallVec::insert_many")
    );
    assert_eq!(r.aliases.len(), 2);
    let a = &r.affected[0];
    let e = Ecosystem::CratesIo;
    assert!(is_affected(e, "1.6.0", a));
    assert!(is_affected(e, "1.5.0", a));
    assert!(!is_affected(e, "1.4.9", a), "unaffected range");
    assert!(!is_affected(e, "1.6.1", a));
    assert!(is_affected(e, "0.6.13", a));
    assert!(!is_affected(e, "0.6.14", a));
    assert!(!is_affected(e, "0.6.2", a));
    assert_eq!(smallest_fix(e, "1.6.0", &[a]).as_deref(), Some("1.6.1"));
    assert_eq!(
        crate::osv::severity::of_record(&r).0,
        vibeguard_core::Severity::Critical
    );
}

#[test]
fn rubysec_yaml() {
    let text = "---\ngem: actionpack\nframework: rails\ncve: 2023-22795\nghsa: 8xww-x3g3-6jcv\nurl: https://example.invalid/a\ntitle: ReDoS in Action Dispatch\ndate: 2023-01-18\ndescription: |\n  A regular expression could take a long time.\ncvss_v3: 7.5\npatched_versions:\n  - \"~> 5.2.8, >= 5.2.8.15\"\n  - \"~> 6.1.7, >= 6.1.7.1\"\n  - \">= 7.0.4.1\"\nunaffected_versions:\n  - \"< 3.0.0\"\n";
    let r = one("gems/actionpack/CVE-2023-22795.yml", text);
    assert!(r.aliases.contains(&"CVE-2023-22795".to_string()));
    assert!(r.aliases.contains(&"GHSA-8xww-x3g3-6jcv".to_string()));
    let a = &r.affected[0];
    let e = Ecosystem::RubyGems;
    assert!(is_affected(e, "6.1.7", a));
    assert!(!is_affected(e, "6.1.7.1", a));
    assert!(is_affected(e, "7.0.4", a));
    assert!(!is_affected(e, "2.3.0", a));
    assert_eq!(smallest_fix(e, "7.0.0", &[a]).as_deref(), Some("7.0.4.1"));
    assert_eq!(
        crate::osv::severity::of_record(&r).0,
        vibeguard_core::Severity::High
    );
}

#[test]
fn friendsofphp_yaml() {
    let text = "title:     Improper header validation\nlink:      https://example.invalid/b\ncve:       CVE-2022-24775\nbranches:\n    1.x:\n        time:     2022-03-20 00:00:00\n        versions: ['<1.8.4']\n    2.x:\n        time:     2022-03-20 00:00:00\n        versions: ['>=2.0.0', '<2.1.1']\nreference: composer://guzzlehttp/psr7\n";
    let r = one("guzzlehttp/psr7/CVE-2022-24775.yaml", text);
    let a = &r.affected[0];
    let e = Ecosystem::Packagist;
    assert!(is_affected(e, "1.8.1", a));
    assert!(!is_affected(e, "1.8.4", a));
    assert!(is_affected(e, "2.1.0", a));
    assert!(!is_affected(e, "2.1.1", a));
    assert_eq!(r.aliases, vec!["CVE-2022-24775"]);
}

#[test]
fn osv_yaml_keeps_versions_as_written() {
    let text = "id: PYSEC-2021-1\nmodified: 2021-01-01T00:00:00Z\naffected:\n- package:\n    name: Jinja2\n    ecosystem: PyPI\n  ranges:\n  - type: ECOSYSTEM\n    events:\n    - introduced: \"0\"\n    - fixed: 2.11.3\n  versions:\n  - 2.10\n  - 2.11.2\n";
    let r = one("vulns/jinja2/PYSEC-2021-1.yaml", text);
    assert_eq!(
        r.affected[0].versions,
        vec!["2.10", "2.11.2"],
        "2.10 is not the float 2.1"
    );
    let rows = affected_rows(&r);
    assert_eq!(rows[0].name, "jinja2");
}

#[test]
fn other_files_are_ignored_and_bad_ones_reported() {
    assert!(matches!(
        parse_any("README.md", b"# Advisory DB"),
        Parsed::NotAdvisory
    ));
    assert!(matches!(
        parse_any(".github/workflows/ci.yml", b"on: push\njobs: {}\n"),
        Parsed::NotAdvisory
    ));
    assert!(matches!(
        parse_any("x.json", b"{\"id\": 5}"),
        Parsed::Error(_)
    ));
    // The RustSec database's template (crates/crate-name/RUSTSEC-0000-0000.md).
    let template = "```toml\n[advisory]\nid = \"RUSTSEC-0000-0000\"\npackage = \"crate-name\"\ndate = \"2021-01-31\"\n\n[versions]\npatched = [\">= 1.2.3\"]\n```\n\n# Template\n";
    assert!(matches!(
        parse_any(
            "crates/crate-name/RUSTSEC-0000-0000.md",
            template.as_bytes()
        ),
        Parsed::NotAdvisory
    ));
}

#[test]
fn folders_and_zips_build_a_store_and_a_bad_zip_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("db");
    std::fs::create_dir_all(src.join("crates/smallvec")).unwrap();
    std::fs::write(src.join("crates/smallvec/RUSTSEC-2021-0003.md"), RUSTSEC).unwrap();
    std::fs::write(src.join("README.md"), "# db").unwrap();
    std::fs::write(
        src.join("GHSA-withdrawn.json"),
        r#"{"id":"GHSA-w","withdrawn":"2024-01-01T00:00:00Z","affected":[]}"#,
    )
    .unwrap();
    let target = dir.path().join("cache/advisories.db");
    let mut b = AdvisoryBuilder::create(&target).unwrap();
    let rep = import_path(&mut b, &src, "test", &|_, _| {}).unwrap();
    assert_eq!(
        (rep.records, rep.withdrawn, rep.ignored),
        (1, 1, 1),
        "{rep:?}"
    );
    b.commit().unwrap();

    // A zip of OSV JSON.
    let zpath = dir.path().join("all.zip");
    {
        let f = std::fs::File::create(&zpath).unwrap();
        let mut z = zip::ZipWriter::new(f);
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("GHSA-1.json", opts).unwrap();
        std::io::Write::write_all(
            &mut z,
            br#"{"id":"GHSA-1","affected":[{"package":{"ecosystem":"npm","name":"lodash"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"4.17.21"}]}]}]}"#,
        )
        .unwrap();
        z.finish().unwrap();
    }
    let mut b = AdvisoryBuilder::create(&target).unwrap();
    let rep = import_path(&mut b, &zpath, "zip", &|_, _| {}).unwrap();
    assert_eq!(rep.records, 1);
    b.keep_from(&target, &["zip".into()]).unwrap();
    b.commit().unwrap();
    let s = vibeguard_store::AdvisoryStore::open(&target)
        .unwrap()
        .unwrap();
    assert_eq!(s.lookup("npm", "lodash").unwrap().len(), 1);
    assert_eq!(s.lookup("crates.io", "smallvec").unwrap().len(), 1);

    // A truncated archive fails and the store stays as it was.
    let bytes = std::fs::read(&zpath).unwrap();
    let cut = dir.path().join("cut.zip");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let mut b = AdvisoryBuilder::create(&target).unwrap();
    assert!(import_path(&mut b, &cut, "zip", &|_, _| {}).is_err());
    drop(b);
    let s = vibeguard_store::AdvisoryStore::open(&target)
        .unwrap()
        .unwrap();
    assert_eq!(s.status().unwrap().advisories, 2);
}
