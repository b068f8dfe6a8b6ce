//! Go module versions: `v`-prefixed SemVer. Pseudo-versions
//! (`v0.0.0-20191109021931-daa7c04131f5`, `vX.Y.(Z+1)-0.yyyymmddhhmmss-hash`) are
//! pre-releases and order by SemVer; `+incompatible` is build metadata and ignored.

pub fn parse(s: &str) -> Option<semver::Version> {
    let s = s.trim();
    let s = s.strip_suffix("+incompatible").unwrap_or(s);
    super::semverish::parse(s)
}
