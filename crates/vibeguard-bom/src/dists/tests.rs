use super::*;

#[test]
fn installed_metadata_gives_name_version_and_license() {
    let text = "Metadata-Version: 2.1\nName: Lib_64\nVersion: 2.3.4\nLicense: MIT\nSummary: x\n\nName: not-a-header\n";
    let d = parse(
        "venv/lib/site-packages/lib_64-2.3.4.dist-info/METADATA",
        text,
    )
    .expect("dist");
    assert_eq!(
        (
            d.kind,
            d.name.as_str(),
            d.version.as_str(),
            d.license.as_deref(),
            d.line
        ),
        (DistKind::Installed, "Lib_64", "2.3.4", Some("MIT"), 2)
    );
    assert_eq!(purl(&d), "pkg:pypi/lib-64@2.3.4");
}

#[test]
fn a_wheel_is_named_by_its_file_name_and_other_files_are_not_distributions() {
    let d = parse("dist/poetry_core-2.1.3-py3-none-any.whl", "").expect("wheel");
    assert_eq!(
        (d.name.as_str(), d.version.as_str()),
        ("poetry_core", "2.1.3")
    );
    let b = parse(
        "dist/pkg-1.0-1build-cp312-abi3-manylinux_2_17_x86_64.whl",
        "",
    )
    .expect("build tag");
    assert_eq!(b.version, "1.0");
    assert!(parse("dist/notawheel.whl", "").is_none());
    assert!(parse("src/METADATA", "Name: x\nVersion: 1\n").is_none());
    assert!(
        parse("x.egg-info/PKG-INFO", "Name: x\n").is_none(),
        "no version"
    );
    assert!(parse("x.egg-info/PKG-INFO", "\u{0}\u{1}binary").is_none());
    assert!(is_dist_file("a/b.egg-info/PKG-INFO"));
    assert!(!is_dist_file("a/METADATA"));
}
