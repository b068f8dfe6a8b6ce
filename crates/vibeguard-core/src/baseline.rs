//! The baseline: findings a team has accepted, stored as content fingerprints.
//!
//! An entry is the rule id, the path and the finding's fingerprint (a hash of rule, path
//! and matched content, never the line number), plus the SHA-256 of the secret when the
//! finding is a secret. Moving code within a file keeps the fingerprint, and the secret
//! hash keeps a baselined secret quiet when its file is renamed; a *different* secret on
//! the same line has a different fingerprint and hash, so it is reported.

use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Format version written to `baseline.json`.
pub const BASELINE_VERSION: u32 = 1;

/// Default location, relative to the scanned root.
pub const DEFAULT_PATH: &str = ".vibeguard/baseline.json";

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub rule_id: String,
    pub path: String,
    pub fingerprint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_sha256: Option<String>,
}

impl BaselineEntry {
    pub fn of(f: &Finding) -> BaselineEntry {
        BaselineEntry {
            rule_id: f.rule_id.clone(),
            path: f.location.path.clone(),
            fingerprint: f.fingerprint.clone(),
            secret_sha256: f.secret.as_ref().map(|s| s.sha256.clone()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<BaselineEntry>,
}

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read baseline {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("invalid baseline {path}: {message}")]
    Parse { path: String, message: String },
    #[error("cannot write baseline {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// A loaded baseline, indexed for lookups during a scan.
#[derive(Debug, Clone, Default)]
pub struct BaselineIndex {
    fingerprints: HashSet<String>,
    secrets: HashSet<(String, String)>,
}

impl BaselineIndex {
    pub fn new(b: &Baseline) -> BaselineIndex {
        let mut idx = BaselineIndex::default();
        for e in &b.entries {
            idx.fingerprints.insert(e.fingerprint.clone());
            if let Some(h) = &e.secret_sha256 {
                idx.secrets.insert((e.rule_id.clone(), h.clone()));
            }
        }
        idx
    }

    /// Is this finding accepted by the baseline?
    pub fn contains(&self, f: &Finding) -> bool {
        self.fingerprints.contains(&f.fingerprint)
            || f.secret.as_ref().is_some_and(|s| {
                self.secrets
                    .contains(&(f.rule_id.clone(), s.sha256.clone()))
            })
    }
}

impl Baseline {
    /// A baseline accepting exactly these findings.
    pub fn from_findings(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<BaselineEntry> = findings.iter().map(BaselineEntry::of).collect();
        entries.sort();
        entries.dedup();
        Baseline {
            version: BASELINE_VERSION,
            entries,
        }
    }

    /// `baseline update`: keep the existing entries that still match a current finding,
    /// add entries for the new findings. Entries whose finding is gone are dropped.
    pub fn updated(&self, current: &[Finding]) -> Baseline {
        let old = BaselineIndex::new(self);
        let mut entries: Vec<BaselineEntry> = self
            .entries
            .iter()
            .filter(|e| {
                current.iter().any(|f| {
                    f.fingerprint == e.fingerprint
                        || (f.rule_id == e.rule_id
                            && f.secret.as_ref().map(|s| &s.sha256) == e.secret_sha256.as_ref()
                            && e.secret_sha256.is_some())
                })
            })
            .cloned()
            .collect();
        entries.extend(
            current
                .iter()
                .filter(|f| !old.contains(f))
                .map(BaselineEntry::of),
        );
        entries.sort();
        entries.dedup();
        Baseline {
            version: BASELINE_VERSION,
            entries,
        }
    }

    pub fn from_json(text: &str, path: &str) -> Result<Baseline, BaselineError> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| BaselineError::Parse {
            path: path.to_string(),
            message: e.to_string(),
        })?;
        if b.version != BASELINE_VERSION {
            return Err(BaselineError::Parse {
                path: path.to_string(),
                message: format!(
                    "unsupported version {} (this vibeguard reads version {BASELINE_VERSION})",
                    b.version
                ),
            });
        }
        Ok(b)
    }

    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|e| BaselineError::Read {
            path: path.display().to_string(),
            source: e,
        })?;
        Self::from_json(&text, &path.display().to_string())
    }

    /// Write the baseline: the parent directory is created with mode 0700 and the file
    /// written with mode 0600 (through a temporary file and a rename, so a crash never
    /// leaves half a baseline).
    pub fn save(&self, path: &Path) -> Result<(), BaselineError> {
        let err = |source| BaselineError::Write {
            path: path.display().to_string(),
            source,
        };
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        create_private_dir(&parent).map_err(err)?;
        let mut text = serde_json::to_string_pretty(self).expect("baseline serializes");
        text.push('\n');
        let tmp = parent.join(format!(
            ".{}.tmp",
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "baseline.json".into())
        ));
        {
            let mut f = private_file(&tmp).map_err(err)?;
            f.write_all(text.as_bytes()).map_err(err)?;
            f.sync_all().map_err(err)?;
        }
        std::fs::rename(&tmp, path).map_err(err)?;
        Ok(())
    }
}

/// Create `dir` (and parents) if missing; a directory we create gets mode 0700.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let f = o.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Location, SecretInfo};
    use crate::severity::{Confidence, Severity};

    fn secret_finding(path: &str, line: u32, secret: &str) -> Finding {
        let rule = "secrets/test-token";
        Finding {
            rule_id: rule.into(),
            severity: Severity::High,
            confidence: Confidence::High,
            message: "test token".into(),
            location: Location {
                path: path.into(),
                line,
                column: 1,
                end_line: line,
                end_column: 1 + secret.len() as u32,
                byte_start: 0,
                byte_end: secret.len(),
            },
            snippet: String::new(),
            secret: Some(SecretInfo::new(secret)),
            fingerprint: Finding::fingerprint_for(rule, path, secret.as_bytes()),
            provenance: None,
            fix: None,
            flow: Vec::new(),
            properties: Default::default(),
        }
    }

    #[test]
    fn moved_secret_stays_baselined_and_a_new_one_is_not() {
        let b = Baseline::from_findings(&[secret_finding("app.py", 3, "tok_aaaaaaaaaaaaaaaa")]);
        let idx = BaselineIndex::new(&b);
        // Same secret, moved down 40 lines: still accepted.
        assert!(idx.contains(&secret_finding("app.py", 43, "tok_aaaaaaaaaaaaaaaa")));
        // Same secret, file renamed: still accepted through the secret hash.
        assert!(idx.contains(&secret_finding("src/app.py", 3, "tok_aaaaaaaaaaaaaaaa")));
        // A different secret on the very same line: reported.
        assert!(!idx.contains(&secret_finding("app.py", 3, "tok_bbbbbbbbbbbbbbbb")));
    }

    #[test]
    fn update_keeps_present_entries_drops_gone_ones_and_adds_new() {
        let a = secret_finding("a.py", 1, "tok_aaaaaaaaaaaaaaaa");
        let gone = secret_finding("b.py", 1, "tok_gggggggggggggggg");
        let new = secret_finding("c.py", 9, "tok_nnnnnnnnnnnnnnnn");
        let b = Baseline::from_findings(&[a.clone(), gone.clone()]);
        let u = b.updated(&[a.clone(), new.clone()]);
        let fps: Vec<&str> = u.entries.iter().map(|e| e.fingerprint.as_str()).collect();
        assert!(fps.contains(&a.fingerprint.as_str()));
        assert!(fps.contains(&new.fingerprint.as_str()));
        assert!(!fps.contains(&gone.fingerprint.as_str()));
        assert_eq!(u.entries.len(), 2);
    }

    #[test]
    fn save_load_round_trip_with_private_modes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".vibeguard/baseline.json");
        let b = Baseline::from_findings(&[secret_finding("a.py", 1, "tok_aaaaaaaaaaaaaaaa")]);
        b.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("tok_aaaaaaaaaaaaaaaa"),
            "raw secret in {text}"
        );
        assert_eq!(Baseline::load(&path).unwrap(), b);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let fm = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            let dm = std::fs::metadata(path.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            assert_eq!((fm, dm), (0o600, 0o700));
        }
    }

    #[test]
    fn malformed_baseline_is_an_error() {
        assert!(Baseline::from_json("{", "b.json").is_err());
        assert!(Baseline::from_json(r#"{"version":99,"entries":[]}"#, "b.json").is_err());
        assert!(Baseline::from_json(r#"{"version":1,"entries":[],"x":1}"#, "b.json").is_err());
    }
}
