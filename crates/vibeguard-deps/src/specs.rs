//! Package specs as typed on a command line (`requests==2.19.0`, `lodash@4.17.20`,
//! `@scope/pkg@^1`, `serde@1.0.1`, `github.com/x/y@v1.2.3`, `vendor/pkg:^1.2`), per
//! package manager, into requests for the checker. Local paths, URLs, git sources and
//! archives are not registry names and are left to the shell rules.

use crate::ecosystem::Ecosystem;
use vibeguard_core::PackageRequest;

fn is_local_or_remote(spec: &str) -> bool {
    let s = spec.to_ascii_lowercase();
    s.starts_with('.')
        || s.starts_with('/')
        || s.starts_with('~')
        || s.contains("://")
        || s.starts_with("git+")
        || s.starts_with("git@")
        || s.starts_with("github:")
        || s.starts_with("gitlab:")
        || s.starts_with("bitbucket:")
        || s.starts_with("file:")
        || s.starts_with("link:")
        || s.starts_with("workspace:")
        || s.ends_with(".whl")
        || s.ends_with(".tar.gz")
        || s.ends_with(".tgz")
        || s.ends_with(".zip")
        || s.contains(" @ ")
}

/// `name@version` with an optional leading scope `@`.
fn split_at_version(spec: &str) -> (&str, Option<&str>) {
    match spec[1.min(spec.len())..].find('@') {
        Some(i) => (&spec[..i + 1], Some(&spec[i + 2..])),
        None => (spec, None),
    }
}

/// An exact semver-looking version (`1.2.3`, `=1.2.3`, `v1.2.3`), not a range or tag.
fn exact_semver(v: &str) -> Option<String> {
    let t = v.trim().trim_start_matches('=');
    let t2 = t.trim_start_matches('v');
    semver::Version::parse(t2).ok().map(|_| t.to_string())
}

/// Requests for the specs one command names.
pub fn from_command(manager: &str, specs: &[String]) -> Vec<PackageRequest> {
    let Some(eco) = Ecosystem::of_manager(manager) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for spec in specs {
        let spec = spec.trim();
        if spec.is_empty() || is_local_or_remote(spec) {
            continue;
        }
        let (name, version) = match eco {
            Ecosystem::PyPI => {
                let Some(p) = crate::inventory::requirement_line(spec) else {
                    continue;
                };
                (p.name, p.version)
            }
            Ecosystem::Npm => {
                // `owner/repo` is a GitHub shorthand, not a registry name.
                if !spec.starts_with('@') && spec.contains('/') {
                    continue;
                }
                let (n, v) = split_at_version(spec);
                (n.to_string(), v.and_then(exact_semver))
            }
            Ecosystem::CratesIo => {
                let (n, v) = split_at_version(spec);
                (n.to_string(), v.and_then(exact_semver))
            }
            Ecosystem::Go => {
                let (path, v) = match spec.rsplit_once('@') {
                    Some((p, v)) => (p, Some(v)),
                    None => (spec, None),
                };
                // Standard library and local packages have no dot in the first element.
                if !path.split('/').next().unwrap_or("").contains('.') || path.contains("...") {
                    continue;
                }
                let version = v.filter(|v| {
                    v.starts_with('v')
                        && semver::Version::parse(&v[1..].replace("+incompatible", "")).is_ok()
                });
                (go_module(path), version.map(str::to_string))
            }
            Ecosystem::RubyGems => (spec.split(':').next().unwrap_or(spec).to_string(), None),
            Ecosystem::Packagist => {
                let (n, v) = spec
                    .split_once(':')
                    .map(|(n, v)| (n, Some(v)))
                    .unwrap_or((spec, None));
                if !n.contains('/') {
                    continue; // platform packages (php, ext-json)
                }
                let v = v.filter(|v| {
                    v.trim_start_matches('v')
                        .split('.')
                        .all(|p| p.chars().all(|c| c.is_ascii_digit()))
                        && !v.is_empty()
                });
                (n.to_string(), v.map(str::to_string))
            }
            Ecosystem::Maven => {
                // `group:artifact[:version]` (a packaging/classifier form has more parts).
                let parts: Vec<&str> = spec.split(':').collect();
                if parts.len() < 2 || parts[..2].iter().any(|p| p.is_empty()) {
                    continue;
                }
                let version = match parts.len() {
                    3 => Some(parts[2]),
                    n if n > 3 => parts.last().copied(),
                    _ => None,
                };
                let version = version.filter(|v| {
                    v.chars().next().is_some_and(|c| c.is_ascii_digit())
                        && !v.contains(['[', '(', ',', '$'])
                });
                (
                    format!("{}:{}", parts[0], parts[1]),
                    version.map(str::to_string),
                )
            }
            Ecosystem::NuGet => {
                let (n, v) = spec
                    .split_once('@')
                    .or_else(|| spec.split_once("=="))
                    .map(|(n, v)| (n, Some(v)))
                    .unwrap_or((spec, None));
                let v = v.filter(|v| crate::version::Version::parse(Ecosystem::NuGet, v).is_some());
                (n.to_string(), v.map(str::to_string))
            }
        };
        if name.is_empty() {
            continue;
        }
        out.push(PackageRequest {
            ecosystem: eco.osv_name().to_string(),
            name,
            version,
            source: format!("{manager} install"),
        });
    }
    out
}

/// The module a Go package path most likely belongs to: code hosts put modules at
/// `host/owner/repo` (plus a `/vN` major suffix); `gopkg.in/x.v3` and vanity hosts like
/// `k8s.io/client-go` use two elements when the third is a sub-package.
pub fn go_module(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    let host = parts[0];
    let keep = match host {
        "github.com" | "gitlab.com" | "bitbucket.org" | "golang.org" | "go.googlesource.com" => 3,
        "gopkg.in" => 2,
        _ => parts.len().min(3),
    };
    let mut keep = keep.min(parts.len());
    if parts.len() > keep
        && parts[keep].starts_with('v')
        && parts[keep][1..].chars().all(|c| c.is_ascii_digit())
        && parts[keep].len() > 1
    {
        keep += 1;
    }
    parts[..keep].join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reqs(m: &str, specs: &[&str]) -> Vec<(String, String, Option<String>)> {
        let specs: Vec<String> = specs.iter().map(|s| s.to_string()).collect();
        from_command(m, &specs)
            .into_iter()
            .map(|r| (r.ecosystem, r.name, r.version))
            .collect()
    }

    #[test]
    fn reads_each_managers_specs() {
        assert_eq!(
            reqs(
                "pip",
                &[
                    "requests==2.19.0",
                    "flask>=2",
                    "./local",
                    "git+https://x/y.git"
                ]
            ),
            vec![
                ("PyPI".into(), "requests".into(), Some("2.19.0".into())),
                ("PyPI".into(), "flask".into(), None),
            ]
        );
        assert_eq!(
            reqs(
                "npm",
                &["lodash@4.17.20", "@babel/core@^7", "owner/repo", "react"]
            ),
            vec![
                ("npm".into(), "lodash".into(), Some("4.17.20".into())),
                ("npm".into(), "@babel/core".into(), None),
                ("npm".into(), "react".into(), None),
            ]
        );
        assert_eq!(
            reqs("cargo", &["serde@1.0.1"]),
            vec![("crates.io".into(), "serde".into(), Some("1.0.1".into()))]
        );
        assert_eq!(
            reqs(
                "go",
                &["github.com/gin-gonic/gin/binding@v1.7.0", "./...", "fmt"]
            ),
            vec![(
                "Go".into(),
                "github.com/gin-gonic/gin".into(),
                Some("v1.7.0".into())
            ),]
        );
        assert_eq!(
            reqs("composer", &["monolog/monolog:3.5.0", "php"]),
            vec![(
                "Packagist".into(),
                "monolog/monolog".into(),
                Some("3.5.0".into())
            ),]
        );
        assert_eq!(
            go_module("github.com/go-redis/redis/v8/internal"),
            "github.com/go-redis/redis/v8"
        );
        assert_eq!(go_module("gopkg.in/yaml.v3"), "gopkg.in/yaml.v3");
    }
}
