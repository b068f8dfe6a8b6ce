//! Version ordering per ecosystem, the way each package manager orders releases.
//!
//! - PyPI: PEP 440 (epochs, pre/post/dev releases, local versions) with `pep440_rs`,
//!   the implementation uv uses.
//! - npm and crates.io: SemVer 2.0 precedence with the `semver` crate (build metadata
//!   ignored, as SemVer and OSV's `SEMVER` ranges require); npm's range syntax is not
//!   needed to order versions.
//! - Go: SemVer on the `v`-prefixed module versions; pseudo-versions are SemVer
//!   pre-releases and order correctly; `+incompatible` is build metadata.
//! - RubyGems and Composer: no maintained Rust crate implements their orderings
//!   (`Gem::Version` segment rules, Composer's stability suffixes), so they are written
//!   here from the documented rules.
//! - Maven (`ComparableVersion`) and NuGet (four numbers, case-insensitive
//!   pre-releases): likewise no maintained crate; see their modules.

mod composer;
mod go;
mod maven;
mod nuget;
mod rubygems;
mod semverish;

use crate::ecosystem::Ecosystem;
use std::cmp::Ordering;

/// A version parsed for one ecosystem's ordering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Version {
    Pep440(pep440_rs::Version),
    Semver(semver::Version),
    Ruby(rubygems::GemVersion),
    Composer(composer::ComposerVersion),
    Maven(maven::MavenVersion),
    NuGet(nuget::NuGetVersion),
}

impl Version {
    /// Parse `s` by the rules of `eco`; `None` when it is not a version there.
    pub fn parse(eco: Ecosystem, s: &str) -> Option<Version> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        match eco {
            Ecosystem::PyPI => s.parse::<pep440_rs::Version>().ok().map(Version::Pep440),
            Ecosystem::Npm | Ecosystem::CratesIo => semverish::parse(s).map(Version::Semver),
            Ecosystem::Go => go::parse(s).map(Version::Semver),
            Ecosystem::RubyGems => rubygems::GemVersion::parse(s).map(Version::Ruby),
            Ecosystem::Packagist => composer::ComposerVersion::parse(s).map(Version::Composer),
            Ecosystem::Maven => maven::MavenVersion::parse(s).map(Version::Maven),
            Ecosystem::NuGet => nuget::NuGetVersion::parse(s).map(Version::NuGet),
        }
    }

    /// The lowest version of the ecosystem (OSV's `introduced: "0"`).
    pub fn zero(eco: Ecosystem) -> Version {
        Version::parse(eco, "0").unwrap_or(Version::Semver(semver::Version::new(0, 0, 0)))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        match (self, other) {
            (Version::Pep440(a), Version::Pep440(b)) => Some(a.cmp(b)),
            (Version::Semver(a), Version::Semver(b)) => Some(semverish::precedence(a, b)),
            (Version::Ruby(a), Version::Ruby(b)) => Some(a.cmp(b)),
            (Version::Composer(a), Version::Composer(b)) => Some(a.cmp(b)),
            (Version::Maven(a), Version::Maven(b)) => Some(a.cmp(b)),
            (Version::NuGet(a), Version::NuGet(b)) => Some(a.cmp(b)),
            _ => None,
        }
    }
}

/// Compare two version strings of one ecosystem; `None` when either does not parse.
pub fn compare(eco: Ecosystem, a: &str, b: &str) -> Option<Ordering> {
    Version::parse(eco, a)?.partial_cmp(&Version::parse(eco, b)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ecosystem::*;

    fn lt(eco: Ecosystem, a: &str, b: &str) {
        assert_eq!(compare(eco, a, b), Some(Ordering::Less), "{eco}: {a} < {b}");
        assert_eq!(
            compare(eco, b, a),
            Some(Ordering::Greater),
            "{eco}: {b} > {a}"
        );
    }

    #[test]
    fn pep440() {
        lt(PyPI, "1.0.dev1", "1.0a1");
        lt(PyPI, "1.0a1", "1.0b2");
        lt(PyPI, "1.0rc1", "1.0");
        lt(PyPI, "1.0", "1.0.post1");
        lt(PyPI, "1.0", "1.0+local.1");
        lt(PyPI, "2.0", "1!0.1");
        assert_eq!(compare(PyPI, "1.0", "1.0.0"), Some(Ordering::Equal));
        lt(PyPI, "0", "0.0.1");
    }

    #[test]
    fn semver_npm_and_cargo() {
        lt(Npm, "1.0.0-alpha", "1.0.0-alpha.1");
        lt(Npm, "1.0.0-alpha.beta", "1.0.0-beta");
        lt(Npm, "1.0.0-rc.1", "1.0.0");
        lt(Npm, "1.9.0", "1.10.0");
        assert_eq!(
            compare(Npm, "1.0.0+build.1", "1.0.0"),
            Some(Ordering::Equal)
        );
        lt(CratesIo, "0", "0.1.0");
        lt(CratesIo, "0.9.9", "1.0.0-pre");
    }

    #[test]
    fn go_modules() {
        lt(Go, "v0.0.0-20191109021931-daa7c04131f5", "v0.0.1");
        lt(Go, "v1.2.3", "v1.2.4-0.20200101000000-abcdefabcdef");
        assert_eq!(
            compare(Go, "v2.0.0+incompatible", "2.0.0"),
            Some(Ordering::Equal)
        );
        lt(Go, "1.2.3", "v1.10.0");
    }

    #[test]
    fn rubygems() {
        lt(RubyGems, "1.0.0.pre", "1.0.0");
        lt(RubyGems, "1.0.a", "1.0.b");
        lt(RubyGems, "1.9", "1.10");
        lt(RubyGems, "5.2.4.rc1", "5.2.4");
        lt(RubyGems, "5.2.4", "5.2.4.1");
        assert_eq!(compare(RubyGems, "1.0", "1"), Some(Ordering::Equal));
        lt(RubyGems, "1.0.0-java", "1.0.1");
    }

    #[test]
    fn composer() {
        lt(Packagist, "1.0.0-dev", "1.0.0-alpha1");
        lt(Packagist, "1.0.0-alpha1", "1.0.0-beta");
        lt(Packagist, "1.0.0-beta2", "1.0.0-RC1");
        lt(Packagist, "1.0.0-RC1", "1.0.0");
        lt(Packagist, "1.0.0", "1.0.0-patch1");
        lt(Packagist, "v2.9.9", "3.0");
        assert_eq!(compare(Packagist, "1.0", "1.0.0.0"), Some(Ordering::Equal));
        assert_eq!(compare(Packagist, "dev-main", "1.0"), None);
    }

    #[test]
    fn maven() {
        lt(Maven, "1.0-alpha-1", "1.0-alpha-2");
        lt(Maven, "1.0-alpha1", "1.0-beta1");
        lt(Maven, "1.0-beta1", "1.0-SNAPSHOT");
        lt(Maven, "1.0-SNAPSHOT", "1.0");
        lt(Maven, "1.0-rc1", "1.0");
        lt(Maven, "1.0", "1.0-sp1");
        lt(Maven, "1.0-sp1", "1.0-whatever");
        lt(Maven, "1.0", "1.0.1");
        lt(Maven, "1.0-1", "1.0.1");
        lt(Maven, "2.9", "2.10");
        lt(Maven, "2.12.7", "2.12.7.1");
        lt(Maven, "5.3.17", "5.3.18");
        lt(Maven, "1.0.0.RELEASE", "1.0.1.RELEASE");
        lt(Maven, "1.0-m1", "1.0-rc1");
        lt(Maven, "1.0-cr1", "1.0-rc2");
        lt(Maven, "31.1-android", "31.1-jre");
        lt(Maven, "2.0.0-M1", "2.0.0");
        for (a, b) in [
            ("1", "1.0"),
            ("1.0", "1.0.0"),
            ("1.0", "1.0-ga"),
            ("1.0", "1.0.final"),
            ("1.0-rc1", "1.0-cr1"),
            ("1.0-A1", "1.0-alpha-1"),
            ("1.0.0.RELEASE", "1.0.0"),
        ] {
            assert_eq!(compare(Maven, a, b), Some(Ordering::Equal), "{a} = {b}");
        }
    }

    #[test]
    fn nuget() {
        lt(NuGet, "1.0.0-alpha", "1.0.0-alpha.1");
        lt(NuGet, "1.0.0-alpha.2", "1.0.0-alpha.10");
        lt(NuGet, "1.0.0-beta", "1.0.0");
        lt(NuGet, "1.0.0", "1.0.0.1");
        lt(NuGet, "12.0.3", "13.0.1");
        lt(NuGet, "4.7.1", "4.7.10");
        assert_eq!(compare(NuGet, "1.0", "1.0.0.0"), Some(Ordering::Equal));
        assert_eq!(
            compare(NuGet, "1.0.0-RC1", "1.0.0-rc1"),
            Some(Ordering::Equal)
        );
        assert_eq!(
            compare(NuGet, "1.0.0+build5", "1.0.0"),
            Some(Ordering::Equal)
        );
        assert_eq!(compare(NuGet, "1.0.0.0.0", "1.0"), None);
    }
}
