//! Paths as the gate compares them: absolute, `..` resolved, symlinks of the existing
//! part followed (so a link inside the project cannot smuggle a write outside it).

use std::path::{Component, Path, PathBuf};

/// Expand `~/` and make `p` absolute against `base`.
pub fn absolutize(p: &Path, base: &Path, home: &Path) -> PathBuf {
    let s = p.to_string_lossy();
    let expanded = if s == "~" {
        home.to_path_buf()
    } else if let Some(rest) = s.strip_prefix("~/") {
        home.join(rest)
    } else {
        p.to_path_buf()
    };
    if expanded.is_absolute() {
        expanded
    } else {
        base.join(expanded)
    }
}

/// Remove `.` and resolve `..` without touching the file system.
pub fn lexical(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Lexical normalisation, then the longest existing prefix canonicalised (symlinks
/// followed) with the rest appended.
pub fn resolve(p: &Path, base: &Path, home: &Path) -> PathBuf {
    let abs = lexical(&absolutize(p, base, home));
    let mut existing = abs.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        if let Ok(canon) = existing.canonicalize() {
            let mut out = canon;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return abs,
        }
    }
}

/// Is `path` inside one of `dirs` (both already resolved)?
pub fn inside_any(path: &Path, dirs: &[PathBuf]) -> bool {
    dirs.iter().any(|d| path.starts_with(d))
}

/// Does `path` match one of the allowlist globs (absolute, `~/...`, or relative to `root`)?
pub fn allowlisted(path: &Path, globs: &[String], root: &Path, home: &Path) -> bool {
    if globs.is_empty() {
        return false;
    }
    let text = path.to_string_lossy();
    globs.iter().any(|g| {
        let pattern = absolutize(Path::new(g), root, home);
        let pattern = lexical(&pattern);
        match globset::GlobBuilder::new(&pattern.to_string_lossy())
            .literal_separator(true)
            .build()
        {
            Ok(glob) => glob.compile_matcher().is_match(text.as_ref()),
            Err(_) => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_and_expands() {
        let home = Path::new("/home/u");
        assert_eq!(
            lexical(&absolutize(Path::new("../x/./y"), Path::new("/p/q"), home)),
            PathBuf::from("/p/x/y")
        );
        assert_eq!(
            absolutize(Path::new("~/.ssh/id_rsa"), Path::new("/p"), home),
            PathBuf::from("/home/u/.ssh/id_rsa")
        );
    }

    #[test]
    fn follows_symlinks_of_existing_parents() {
        let outside = tempfile::tempdir().unwrap();
        let project = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), project.path().join("link")).unwrap();
        let r = resolve(Path::new("link/new.txt"), project.path(), Path::new("/h"));
        let outside_canon = outside.path().canonicalize().unwrap();
        assert_eq!(r, outside_canon.join("new.txt"));
        let root = project.path().canonicalize().unwrap();
        assert!(!inside_any(&r, std::slice::from_ref(&root)));
        assert!(inside_any(
            &resolve(Path::new("src/a.rs"), &root, Path::new("/h")),
            &[root]
        ));
    }

    #[test]
    fn allowlist_globs() {
        let home = Path::new("/home/u");
        let root = Path::new("/p");
        let globs = vec!["fixtures/**".to_string(), "~/.aws/config".to_string()];
        assert!(allowlisted(
            Path::new("/p/fixtures/keys/id_rsa"),
            &globs,
            root,
            home
        ));
        assert!(allowlisted(
            Path::new("/home/u/.aws/config"),
            &globs,
            root,
            home
        ));
        assert!(!allowlisted(
            Path::new("/home/u/.aws/credentials"),
            &globs,
            root,
            home
        ));
    }
}
