//! The package ecosystems vibeguard understands, their OSV names, how each normalises a
//! package name, and package URLs (purl) for the bill of materials.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Ecosystem {
    #[serde(rename = "PyPI")]
    PyPI,
    #[serde(rename = "npm")]
    Npm,
    #[serde(rename = "crates.io")]
    CratesIo,
    #[serde(rename = "Go")]
    Go,
    #[serde(rename = "RubyGems")]
    RubyGems,
    #[serde(rename = "Packagist")]
    Packagist,
    #[serde(rename = "Maven")]
    Maven,
    #[serde(rename = "NuGet")]
    NuGet,
}

impl Ecosystem {
    pub const ALL: [Ecosystem; 8] = [
        Ecosystem::PyPI,
        Ecosystem::Npm,
        Ecosystem::CratesIo,
        Ecosystem::Go,
        Ecosystem::RubyGems,
        Ecosystem::Packagist,
        Ecosystem::Maven,
        Ecosystem::NuGet,
    ];

    /// The exact OSV ecosystem string.
    pub fn osv_name(self) -> &'static str {
        match self {
            Ecosystem::PyPI => "PyPI",
            Ecosystem::Npm => "npm",
            Ecosystem::CratesIo => "crates.io",
            Ecosystem::Go => "Go",
            Ecosystem::RubyGems => "RubyGems",
            Ecosystem::Packagist => "Packagist",
            Ecosystem::Maven => "Maven",
            Ecosystem::NuGet => "NuGet",
        }
    }

    /// From an OSV ecosystem string (a `:suffix` such as a repository URL is ignored) or a
    /// command-line word (`pypi`, `cargo`, `gem`, `composer`, `maven`, `nuget`,
    /// case-insensitive).
    pub fn parse(s: &str) -> Option<Ecosystem> {
        let base = s.split(':').next().unwrap_or(s).trim();
        Some(match base.to_ascii_lowercase().as_str() {
            "pypi" | "python" | "pip" => Ecosystem::PyPI,
            "npm" | "node" | "javascript" => Ecosystem::Npm,
            "crates.io" | "cargo" | "rust" | "crates" => Ecosystem::CratesIo,
            "go" | "golang" => Ecosystem::Go,
            "rubygems" | "gem" | "ruby" => Ecosystem::RubyGems,
            "packagist" | "composer" | "php" => Ecosystem::Packagist,
            "maven" | "mvn" | "gradle" | "java" => Ecosystem::Maven,
            "nuget" | "dotnet" | ".net" => Ecosystem::NuGet,
            _ => return None,
        })
    }

    /// The ecosystem a package manager installs from.
    pub fn of_manager(manager: &str) -> Option<Ecosystem> {
        Some(match manager {
            "pip" | "pip3" | "pipx" | "uv" | "poetry" | "pdm" | "rye" | "pipenv" | "uvx" => {
                Ecosystem::PyPI
            }
            "npm" | "yarn" | "pnpm" | "bun" | "npx" | "bunx" | "pnpx" => Ecosystem::Npm,
            "cargo" => Ecosystem::CratesIo,
            "go" => Ecosystem::Go,
            "gem" | "bundle" => Ecosystem::RubyGems,
            "composer" => Ecosystem::Packagist,
            // Spec syntaxes rather than commands: `group:artifact:version` and
            // `Package@version` (`nuget install` takes the same ids).
            "maven" => Ecosystem::Maven,
            "nuget" => Ecosystem::NuGet,
            _ => return None,
        })
    }

    /// The name as the ecosystem compares names: PEP 503 for PyPI (lowercase, runs of
    /// `-`, `_`, `.` become `-`), lowercase with `_` as `-` for crates.io (the registry
    /// treats them as the same crate), lowercase for Packagist and NuGet (package ids are
    /// case-insensitive); npm, Go, RubyGems and Maven (`group:artifact`) names are
    /// compared as written.
    pub fn normalize(self, name: &str) -> String {
        let name = name.trim();
        match self {
            Ecosystem::PyPI => {
                let mut out = String::with_capacity(name.len());
                let mut sep = false;
                for c in name.chars() {
                    if matches!(c, '-' | '_' | '.') {
                        sep = true;
                    } else {
                        if sep && !out.is_empty() {
                            out.push('-');
                        }
                        sep = false;
                        out.extend(c.to_lowercase());
                    }
                }
                out
            }
            Ecosystem::CratesIo => name.to_ascii_lowercase().replace('_', "-"),
            Ecosystem::Packagist | Ecosystem::NuGet => name.to_ascii_lowercase(),
            Ecosystem::Npm | Ecosystem::Go | Ecosystem::RubyGems | Ecosystem::Maven => {
                name.to_string()
            }
        }
    }

    /// The purl type (`pkg:<type>/...`).
    pub fn purl_type(self) -> &'static str {
        match self {
            Ecosystem::PyPI => "pypi",
            Ecosystem::Npm => "npm",
            Ecosystem::CratesIo => "cargo",
            Ecosystem::Go => "golang",
            Ecosystem::RubyGems => "gem",
            Ecosystem::Packagist => "composer",
            Ecosystem::Maven => "maven",
            Ecosystem::NuGet => "nuget",
        }
    }

    /// Package URL for a name and optional version (purl spec: namespace segments and
    /// the name percent-encoded, `@` of an npm scope as `%40`).
    pub fn purl(self, name: &str, version: Option<&str>) -> String {
        let path = match self {
            Ecosystem::Npm => match name.strip_prefix('@') {
                Some(scoped) => format!("%40{}", encode_path(scoped)),
                None => encode_segment(name),
            },
            Ecosystem::Go | Ecosystem::Packagist => encode_path(name),
            // `group:artifact` -> `group/artifact` (the group is the purl namespace).
            Ecosystem::Maven => encode_path(&name.replacen(':', "/", 1)),
            Ecosystem::PyPI => encode_segment(&self.normalize(name)),
            _ => encode_segment(name),
        };
        match version {
            Some(v) if !v.is_empty() => {
                format!("pkg:{}/{}@{}", self.purl_type(), path, encode_segment(v))
            }
            _ => format!("pkg:{}/{}", self.purl_type(), path),
        }
    }
}

fn encode_path(p: &str) -> String {
    p.split('/')
        .map(encode_segment)
        .collect::<Vec<_>>()
        .join("/")
}

fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl fmt::Display for Ecosystem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.osv_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_names_like_each_registry() {
        assert_eq!(
            Ecosystem::PyPI.normalize("Django_REST.framework"),
            "django-rest-framework"
        );
        assert_eq!(
            Ecosystem::PyPI.normalize("zope..interface"),
            "zope-interface"
        );
        assert_eq!(Ecosystem::CratesIo.normalize("Serde_JSON"), "serde-json");
        assert_eq!(Ecosystem::Npm.normalize("@Babel/core"), "@Babel/core");
    }

    #[test]
    fn builds_purls() {
        assert_eq!(
            Ecosystem::Npm.purl("@babel/core", Some("7.0.0")),
            "pkg:npm/%40babel/core@7.0.0"
        );
        assert_eq!(
            Ecosystem::PyPI.purl("Django", Some("4.2")),
            "pkg:pypi/django@4.2"
        );
        assert_eq!(
            Ecosystem::Go.purl("github.com/gin-gonic/gin", Some("v1.9.1")),
            "pkg:golang/github.com/gin-gonic/gin@v1.9.1"
        );
        assert_eq!(
            Ecosystem::Maven.purl("org.apache.logging.log4j:log4j-core", Some("2.14.1")),
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"
        );
        assert_eq!(
            Ecosystem::NuGet.purl("Newtonsoft.Json", Some("12.0.1")),
            "pkg:nuget/Newtonsoft.Json@12.0.1"
        );
        assert_eq!(
            Ecosystem::parse("Packagist:https://repo.example"),
            Some(Ecosystem::Packagist)
        );
    }
}
