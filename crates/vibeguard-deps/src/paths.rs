//! Where the advisory store and the registry cache live: `$VIBEGUARD_CACHE_DIR`, else
//! `$XDG_CACHE_HOME/vibeguard`, else `~/.cache/vibeguard` (`~/Library/Caches/vibeguard`
//! on macOS, `%LOCALAPPDATA%\vibeguard` on Windows). Created 0700.

use std::path::PathBuf;

pub fn cache_dir() -> PathBuf {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(d) = var("VIBEGUARD_CACHE_DIR") {
        return d;
    }
    if cfg!(windows)
        && let Some(d) = var("LOCALAPPDATA")
    {
        return d.join("vibeguard");
    }
    if let Some(d) = var("XDG_CACHE_HOME") {
        return d.join("vibeguard");
    }
    let home = var("HOME").unwrap_or_else(|| PathBuf::from("."));
    if cfg!(target_os = "macos") {
        return home.join("Library/Caches/vibeguard");
    }
    home.join(".cache/vibeguard")
}

/// The advisory store file.
pub fn advisory_db() -> PathBuf {
    cache_dir().join("advisories.db")
}

/// The registry answer cache file.
pub fn registry_cache() -> PathBuf {
    cache_dir().join("registry.db")
}

/// `VIBEGUARD_OFFLINE=1`: no registry look-ups anywhere in this process (air-gapped
/// machines, hermetic test runs), as if `[deps] offline = true`.
pub fn offline_forced() -> bool {
    std::env::var("VIBEGUARD_OFFLINE").is_ok_and(|v| !v.is_empty() && v != "0")
}
