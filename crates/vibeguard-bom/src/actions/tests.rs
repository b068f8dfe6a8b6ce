use super::*;

const WORKFLOW: &str = r#"name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - name: toolchain
        uses: "dtolnay/rust-toolchain@stable"
      - uses: github/codeql-action/upload-sarif@v3
      - uses: docker://ghcr.io/owner/tool:1.2@sha256:0123abcd
      - uses: docker://alpine:3.20
      - uses: ./.github/actions/setup
      - uses: ${{ matrix.action }}
      - run: |
          echo "uses: evil/not-a-step@v1"
          uses: also/not@v1
      - uses: 'actions/cache@v4'
  call:
    uses: org/shared/.github/workflows/release.yml@main
"#;

#[test]
fn every_kind_of_uses_becomes_a_component_with_its_line() {
    let (uses, warnings) = parse(".github/workflows/ci.yml", WORKFLOW);
    let got: Vec<(&str, u32, UseKind, Pinning)> = uses
        .iter()
        .map(|u| (u.purl.as_str(), u.line, u.kind, u.pinning))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "pkg:github/actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
                7,
                UseKind::Action,
                Pinning::Digest
            ),
            (
                "pkg:github/dtolnay/rust-toolchain@stable",
                9,
                UseKind::Action,
                Pinning::Ref
            ),
            (
                "pkg:github/github/codeql-action@v3#upload-sarif",
                10,
                UseKind::Action,
                Pinning::Ref
            ),
            (
                "pkg:docker/owner/tool@sha256%3A0123abcd?repository_url=ghcr.io",
                11,
                UseKind::DockerImage,
                Pinning::Digest
            ),
            (
                "pkg:docker/alpine@3.20",
                12,
                UseKind::DockerImage,
                Pinning::Ref
            ),
            (
                "pkg:github/actions/cache@v4",
                18,
                UseKind::Action,
                Pinning::Ref
            ),
            (
                "pkg:github/org/shared@main#.github/workflows/release.yml",
                20,
                UseKind::ReusableWorkflow,
                Pinning::Ref
            ),
        ]
    );
    assert_eq!(uses[2].name, "github/codeql-action/upload-sarif");
    assert_eq!(uses[2].version.as_deref(), Some("v3"));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains(":14:"), "{warnings:?}");
}

#[test]
fn a_remote_action_without_a_ref_is_a_warning_not_a_component() {
    let (uses, warnings) = parse(
        "action.yml",
        "runs:\n  using: composite\n  steps:\n    - uses: owner/repo\n",
    );
    assert!(uses.is_empty());
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].starts_with("action.yml:4:"), "{warnings:?}");
}

#[test]
fn workflow_and_action_files_are_recognised() {
    assert!(is_ci_file(".github/workflows/ci.yml"));
    assert!(is_ci_file(".github/workflows/release.yaml"));
    assert!(is_ci_file("sub/project/.github/workflows/ci.yml"));
    assert!(is_ci_file("action.yml"));
    assert!(is_ci_file(".github/actions/setup/action.yaml"));
    assert!(!is_ci_file(".github/workflows/README.md"));
    assert!(!is_ci_file(".github/dependabot.yml"));
    assert!(!is_ci_file("docs/.github/workflows/x/ci.yml"));
}
