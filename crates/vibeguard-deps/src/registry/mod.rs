//! Registry look-ups: does a package exist, when was it (and the requested version)
//! published, how many releases and downloads. One blocking HTTP client for every
//! registry, short timeouts, a bounded number of requests at once, and a cache in
//! SQLite for both positive and negative answers. Offline, only the cache answers and
//! a name it does not hold stays unknown, never "safe".

mod download;
mod http;
mod parse;

pub use download::{DownloadError, discard_partial, download_resumable};
pub use http::{Http, HttpError};

use crate::ecosystem::Ecosystem;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use vibeguard_store::KvCache;

/// How long a "found" answer is trusted.
const FOUND_TTL: Duration = Duration::from_secs(24 * 3600);
/// How long a "does not exist" answer is trusted (a name can be registered later; the
/// new package is then caught as brand new).
const MISSING_TTL: Duration = Duration::from_secs(6 * 3600);
/// Versions whose publication time is kept per package (the newest ones matter).
const KEEP_VERSIONS: usize = 64;
/// Largest registry answer read (npm documents for big packages are several MiB).
pub const MAX_BODY: u64 = 32 * 1024 * 1024;

/// What a registry says about a package.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageInfo {
    /// Unix seconds of the first release.
    pub created: Option<i64>,
    pub latest: Option<String>,
    /// Number of releases.
    pub releases: u32,
    /// Recent downloads, where the registry says (crates.io: last 90 days).
    pub downloads: Option<u64>,
    /// Publication time (unix seconds) of the newest versions.
    pub published: BTreeMap<String, i64>,
}

/// A registry's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Found(PackageInfo),
    /// The registry says the name does not exist (HTTP 404 or 410).
    Missing,
    /// No answer: offline and not cached, a timeout, a server error. The reason says
    /// which.
    Unknown(String),
}

/// Where each registry lives.
pub fn default_base(eco: Ecosystem) -> &'static str {
    match eco {
        Ecosystem::PyPI => "https://pypi.org",
        Ecosystem::Npm => "https://registry.npmjs.org",
        Ecosystem::CratesIo => "https://crates.io",
        Ecosystem::Go => "https://proxy.golang.org",
        Ecosystem::RubyGems => "https://rubygems.org",
        Ecosystem::Packagist => "https://repo.packagist.org",
        Ecosystem::Maven => "https://repo1.maven.org/maven2",
        Ecosystem::NuGet => "https://api.nuget.org",
    }
}

/// Go module proxy path escaping: upper-case letters become `!` + lower-case.
fn go_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c.is_ascii_uppercase() {
            out.push('!');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The URL that answers for a package.
pub fn url(base: &str, eco: Ecosystem, name: &str) -> String {
    let base = base.trim_end_matches('/');
    match eco {
        Ecosystem::PyPI => format!("{base}/pypi/{}/json", eco.normalize(name)),
        Ecosystem::Npm => format!("{base}/{}", name.replacen('/', "%2f", 1)),
        Ecosystem::CratesIo => format!("{base}/api/v1/crates/{name}"),
        Ecosystem::Go => format!("{base}/{}/@v/list", go_escape(name)),
        Ecosystem::RubyGems => format!("{base}/api/v1/versions/{name}.json"),
        Ecosystem::Packagist => format!("{base}/p2/{}.json", name.to_ascii_lowercase()),
        // Maven Central's per-artifact metadata: `group.id:artifact` ->
        // `group/id/artifact/maven-metadata.xml`.
        Ecosystem::Maven => {
            let (group, artifact) = name.split_once(':').unwrap_or(("", name));
            format!(
                "{base}/{}/{artifact}/maven-metadata.xml",
                group.replace('.', "/")
            )
        }
        Ecosystem::NuGet => format!(
            "{base}/v3-flatcontainer/{}/index.json",
            name.to_ascii_lowercase()
        ),
    }
}

/// The path of a crate in cargo's sparse index (`se/rd/serde`, `3/s/syn`, `2/cc`).
pub fn crates_index_path(name: &str) -> String {
    let n = name.to_ascii_lowercase();
    match n.len() {
        1 => format!("1/{n}"),
        2 => format!("2/{n}"),
        3 => format!("3/{}/{n}", &n[..1]),
        _ => format!("{}/{}/{n}", &n[..2], &n[2..4]),
    }
}

/// The registry client with its cache.
pub struct Registry {
    http: Http,
    bases: BTreeMap<Ecosystem, String>,
    cache: Option<Mutex<KvCache>>,
    offline: bool,
}

impl Registry {
    /// `cache_path`: the SQLite file for answers (`None`: no cache). `bases` override
    /// the public registries (mirrors, private registries, tests).
    pub fn new(
        cache_path: Option<&Path>,
        bases: &BTreeMap<String, String>,
        offline: bool,
    ) -> Registry {
        let mut map = BTreeMap::new();
        for eco in Ecosystem::ALL {
            let b = bases
                .iter()
                .find(|(k, _)| Ecosystem::parse(k) == Some(eco))
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| default_base(eco).to_string());
            map.insert(eco, b);
        }
        Registry {
            http: Http::new(),
            bases: map,
            cache: cache_path
                .and_then(|p| KvCache::open(p).ok())
                .map(Mutex::new),
            offline,
        }
    }

    pub fn offline(&self) -> bool {
        self.offline
    }

    fn key(eco: Ecosystem, name: &str) -> String {
        format!("{}:{}", eco.osv_name(), eco.normalize(name))
    }

    /// The cached answer, if any (expired answers only when offline).
    pub fn cached(&self, eco: Ecosystem, name: &str) -> Option<Answer> {
        let cache = self.cache.as_ref()?.lock().ok()?;
        let hit = cache.get(&Self::key(eco, name)).ok()??;
        if hit.expired && !self.offline {
            return None;
        }
        serde_json::from_slice(&hit.value).ok()
    }

    fn store(&self, eco: Ecosystem, name: &str, answer: &Answer) {
        let ttl = match answer {
            Answer::Found(_) => FOUND_TTL,
            Answer::Missing => MISSING_TTL,
            Answer::Unknown(_) => return,
        };
        if let Some(c) = &self.cache
            && let Ok(c) = c.lock()
            && let Ok(bytes) = serde_json::to_vec(answer)
        {
            let _ = c.put(&Self::key(eco, name), &bytes, ttl);
        }
    }

    /// Ask the registry about one package before `deadline` (cache first).
    pub fn lookup(&self, eco: Ecosystem, name: &str, deadline: Instant) -> Answer {
        if let Some(a) = self.cached(eco, name) {
            return a;
        }
        if self.offline {
            return Answer::Unknown("offline and not in the registry cache".into());
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left < Duration::from_millis(5) {
            return Answer::Unknown("no time left for a registry look-up".into());
        }
        let url = url(&self.bases[&eco], eco, name);
        let mut got = self.http.get(&url, left, MAX_BODY);
        if eco == Ecosystem::CratesIo && !matches!(got, Ok((200 | 404, _))) {
            // The crates.io API refuses some clients; cargo's sparse index answers for
            // existence and versions (without dates).
            let base = &self.bases[&eco];
            let index = if base == default_base(eco) {
                "https://index.crates.io".to_string()
            } else {
                format!("{}/index", base.trim_end_matches('/'))
            };
            let left = deadline.saturating_duration_since(Instant::now());
            let r = self.http.get(
                &format!("{index}/{}", crates_index_path(name)),
                left,
                MAX_BODY,
            );
            if let Ok((code, body)) = r {
                got = Ok((code, body));
                if code == 200 {
                    let answer = match parse::crates_index(
                        &got.as_ref().map(|(_, b)| b.clone()).unwrap_or_default(),
                    ) {
                        Ok(info) => Answer::Found(info),
                        Err(e) => Answer::Unknown(e),
                    };
                    self.store(eco, name, &answer);
                    return answer;
                }
            }
        }
        let answer = match got {
            Ok((200, body)) => match parse::info(eco, &body) {
                Ok(mut info) => {
                    trim(&mut info);
                    Answer::Found(info)
                }
                Err(e) => Answer::Unknown(format!("unreadable answer from {url}: {e}")),
            },
            Ok((404 | 410, _)) => Answer::Missing,
            Ok((code, _)) => Answer::Unknown(format!("{url} answered HTTP {code}")),
            Err(e) => Answer::Unknown(e.to_string()),
        };
        self.store(eco, name, &answer);
        answer
    }

    /// Look up many packages at once, at most `parallel` requests in flight, all bounded
    /// by `deadline`.
    pub fn lookup_many(
        &self,
        items: &[(Ecosystem, String)],
        deadline: Instant,
        parallel: usize,
    ) -> Vec<Answer> {
        let mut out: Vec<Option<Answer>> = items.iter().map(|(e, n)| self.cached(*e, n)).collect();
        let todo: Vec<usize> = (0..items.len()).filter(|i| out[*i].is_none()).collect();
        if todo.is_empty() || self.offline {
            return out
                .into_iter()
                .map(|a| {
                    a.unwrap_or_else(|| {
                        Answer::Unknown("offline and not in the registry cache".into())
                    })
                })
                .collect();
        }
        let next = std::sync::atomic::AtomicUsize::new(0);
        let results: Mutex<Vec<(usize, Answer)>> = Mutex::new(Vec::new());
        std::thread::scope(|s| {
            for _ in 0..parallel.max(1).min(todo.len()) {
                s.spawn(|| {
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&i) = todo.get(k) else { break };
                        let (eco, name) = &items[i];
                        let a = self.lookup(*eco, name, deadline);
                        if let Ok(mut r) = results.lock() {
                            r.push((i, a));
                        }
                    }
                });
            }
        });
        for (i, a) in results.into_inner().unwrap_or_default() {
            out[i] = Some(a);
        }
        out.into_iter()
            .map(|a| a.unwrap_or_else(|| Answer::Unknown("registry look-up did not run".into())))
            .collect()
    }
}

/// Keep only the newest versions' publication times.
fn trim(info: &mut PackageInfo) {
    if info.published.len() <= KEEP_VERSIONS {
        return;
    }
    let mut by_time: Vec<(i64, String)> = info
        .published
        .iter()
        .map(|(v, t)| (*t, v.clone()))
        .collect();
    by_time.sort_by(|a, b| b.cmp(a));
    info.published = by_time
        .into_iter()
        .take(KEEP_VERSIONS)
        .map(|(t, v)| (v, t))
        .collect();
}

#[cfg(test)]
mod tests;
