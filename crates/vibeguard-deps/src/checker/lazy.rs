//! [`LazyChecker`]: the package checker a hook process builds, opening the advisory store
//! and the registry cache (two SQLite files) only when a tool call names a package.
//!
//! Every agent tool call starts a new hook process, and almost none of them install
//! anything: opening both databases up front (file locks, the cache's write-ahead log)
//! cost every `git status` about half a millisecond of the gate's latency budget.

use super::{Checker, gate_deadline, manifest_requests};
use crate::specs;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use vibeguard_core::policy::DepsPolicy;
use vibeguard_core::{PackageChecker, PackageRequest, PackageVerdict, UnknownPackage};

pub struct LazyChecker {
    policy: DepsPolicy,
    cache_dir: PathBuf,
    warm: Option<fn(&[PackageRequest])>,
    inner: OnceLock<Checker>,
}

impl LazyChecker {
    pub fn new(policy: &DepsPolicy, cache_dir: &std::path::Path) -> LazyChecker {
        LazyChecker {
            policy: policy.clone(),
            cache_dir: cache_dir.to_path_buf(),
            warm: None,
            inner: OnceLock::new(),
        }
    }

    /// What [`Checker::with_background_warm`] does, for the checker built later.
    pub fn with_background_warm(mut self, warm: fn(&[PackageRequest])) -> LazyChecker {
        self.warm = Some(warm);
        self
    }

    fn checker(&self) -> &Checker {
        self.inner.get_or_init(|| {
            let c = Checker::new(&self.policy, &self.cache_dir);
            match self.warm {
                Some(w) => c.with_background_warm(w),
                None => c,
            }
        })
    }
}

impl PackageChecker for LazyChecker {
    fn requests_from_command(&self, manager: &str, specs: &[String]) -> Vec<PackageRequest> {
        specs::from_command(manager, specs)
    }

    fn requests_from_manifest(&self, path: &str, before: &str, after: &str) -> Vec<PackageRequest> {
        manifest_requests(path, before, after)
    }

    fn check(&self, requests: &[PackageRequest], deadline: Instant) -> Vec<PackageVerdict> {
        if requests.is_empty() {
            return Vec::new();
        }
        self.checker().check(requests, deadline)
    }

    fn deadline(&self) -> Duration {
        gate_deadline(&self.policy)
    }

    fn unknown_package(&self) -> Option<UnknownPackage> {
        self.policy.unknown_package
    }

    fn limitations(&self) -> Vec<String> {
        self.checker().limitations()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_opened_until_a_package_is_checked() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        std::fs::create_dir(&cache).unwrap();
        let policy = DepsPolicy {
            offline: true,
            ..DepsPolicy::default()
        };
        let lazy = LazyChecker::new(&policy, &cache);
        let reqs = lazy.requests_from_command("pip", &["requests==2.0.0".to_string()]);
        assert_eq!(reqs.len(), 1);
        assert!(
            lazy.requests_from_manifest("src/app.py", "", "import os\n")
                .is_empty()
        );
        assert_eq!(lazy.deadline(), Duration::from_millis(800));
        assert!(lazy.inner.get().is_none(), "a database was opened early");
        let verdicts = lazy.check(&reqs, Instant::now() + Duration::from_secs(5));
        assert_eq!(verdicts.len(), 1);
        assert!(lazy.inner.get().is_some());
    }
}
