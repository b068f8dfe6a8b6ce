//! Look-alike names (`deps/typosquat`): a requested name that is not itself popular but
//! sits one keystroke, one confusable character or one decoration away from a popular
//! package. The checks, in order:
//!
//! 1. same skeleton: equal once separators (`-`, `_`, `.`, npm scope punctuation) are
//!    dropped and look-alike characters folded (`0`/`o`, `1`/`l`, `rn`/`m`, `vv`/`w`,
//!    non-ASCII letters to their ASCII look-alikes): `python-dateutil` vs
//!    `pythondateutil`, `@types/node` vs `types-node`, `reqυests` vs `requests`;
//! 2. one edit (insert, delete, substitute, or swap of neighbours) from a popular name
//!    of five characters or more: `reqeusts`, `requestss`, `lodahs`;
//! 3. a popular name with a decoration attackers and models add (`-dev`, `-utils`, `2`,
//!    `py-`, `node-`, ...), for the most popular names only.
//!
//! Names on the popular list are never reported; the project's `[deps] allow` list
//! removes names it knows.

use crate::ecosystem::Ecosystem;
use crate::popular;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Why a name looks like a popular one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookAlike {
    /// The popular name it imitates.
    pub target: String,
    pub how: &'static str,
}

const SUFFIXES: &[&str] = &[
    "-dev",
    "-devel",
    "-utils",
    "-util",
    "-tools",
    "-tool",
    "-lib",
    "-sdk",
    "-api",
    "-core",
    "-py",
    "-python",
    "-js",
    "-node",
    "-plus",
    "-pro",
    "-lite",
    "-helper",
    "-official",
    "2",
    "3",
    "-2",
    "-3",
    "-new",
    "-latest",
    "-fix",
    "-fixed",
    "-secure",
];
const PREFIXES: &[&str] = &[
    "py-",
    "py",
    "python-",
    "python3-",
    "node-",
    "js-",
    "go-",
    "rust-",
    "the-",
    "real-",
    "official-",
];

/// How many of the most popular names the decoration check covers.
const AFFIX_TARGETS: usize = 1000;

/// Fold a name to its look-alike skeleton.
pub fn skeleton(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for c in name.chars() {
        let c = match c {
            '-' | '_' | '.' | '@' | '/' | ' ' => continue,
            '0' => 'o',
            '1' | '|' | 'I' => 'l',
            'ı' | 'і' | 'í' | 'ì' | 'ï' | 'î' => 'i',
            'а' | 'á' | 'à' | 'ä' | 'â' | 'α' => 'a',
            'е' | 'é' | 'è' | 'ë' | 'ê' | 'ε' => 'e',
            'о' | 'ó' | 'ò' | 'ö' | 'ô' | 'ο' => 'o',
            'р' | 'ρ' => 'p',
            'с' | 'ç' => 'c',
            'υ' | 'ú' | 'ù' | 'ü' | 'û' => 'u',
            'х' => 'x',
            'у' => 'y',
            'ѕ' => 's',
            c => c.to_ascii_lowercase(),
        };
        s.push(c);
    }
    s.replace("rn", "m").replace("vv", "w").replace("cl", "d")
}

/// Optimal string alignment distance (edits and adjacent swaps), stopping early above
/// `max`.
pub fn distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let (n, m) = (a.len(), b.len());
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return max + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

/// The popular package `name` imitates, if any.
pub fn check(eco: Ecosystem, name: &str, allow: &[String]) -> Option<LookAlike> {
    let norm = eco.normalize(name);
    if norm.is_empty()
        || popular::is_popular(eco, &norm)
        || allow.iter().any(|a| eco.normalize(a) == norm)
    {
        return None;
    }
    let skel = skeleton(&norm);
    let lower = norm.to_lowercase();
    let len = lower.chars().count();
    for (rank, target) in popular::ranked(eco).enumerate() {
        if target == norm {
            return None;
        }
        // The lists are lower-case already (npm and PyPI names are); fold only if not.
        let t_owned;
        let t_lower: &str = if target.bytes().any(|b| b.is_ascii_uppercase()) {
            t_owned = target.to_lowercase();
            &t_owned
        } else {
            target
        };
        if t_lower == lower {
            // npm names differing only in case: the registry refuses new mixed-case
            // look-alikes, but an old one may exist.
            return Some(LookAlike {
                target: target.to_string(),
                how: "differs only in letter case from",
            });
        }
        let tlen = t_lower.len();
        // A skeleton only drops or merges characters: it can equal ours only if the
        // target is at least as long as our skeleton and not wildly longer.
        if tlen >= skel.len() && tlen <= 2 * norm.len() + 4 && skeleton(target) == skel {
            return Some(LookAlike {
                target: target.to_string(),
                how: "looks the same as (separators or look-alike characters)",
            });
        }
        if tlen >= 5 && tlen.abs_diff(len) <= 1 && distance(&lower, t_lower, 1) <= 1 {
            return Some(LookAlike {
                target: target.to_string(),
                how: "is one keystroke away from",
            });
        }
        if rank < AFFIX_TARGETS && tlen >= 4 && tlen < len && decorated(&lower, t_lower) {
            return Some(LookAlike {
                target: target.to_string(),
                how: "is a decorated copy of the name of",
            });
        }
    }
    None
}

/// A prebuilt index of one ecosystem's popular names for checking many names at once
/// (a lockfile): lookups by skeleton, by lower-case name and by single deletions, so a
/// name costs a few hash look-ups instead of a pass over the whole list. Building it
/// takes tens of milliseconds, so single checks (the gate) use [`check`].
pub struct Index {
    popular: std::collections::HashSet<&'static str>,
    lower: HashMap<String, (usize, &'static str)>,
    skeleton: HashMap<String, (usize, &'static str)>,
    /// `(hash of a lower-case name or of it with one character deleted, its rank)`,
    /// sorted: hashing the deletions in place instead of storing each as a string keeps
    /// the build to one sort (a collision only adds a candidate, which `distance` checks).
    deletes: Vec<(u64, u32)>,
    /// The popular names by rank.
    ranked: Vec<&'static str>,
}

/// FNV-1a over `chars` without the one at `skip` (`usize::MAX`: none), so a name and a
/// deletion of a longer name with the same characters hash alike.
fn seq_hash(chars: &[char], skip: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, c) in chars.iter().enumerate() {
        if i != skip {
            h ^= u64::from(*c as u32);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

impl Index {
    fn build(eco: Ecosystem) -> Index {
        let mut idx = Index {
            popular: popular::ranked(eco).collect(),
            lower: HashMap::new(),
            skeleton: HashMap::new(),
            deletes: Vec::new(),
            ranked: popular::ranked(eco).collect(),
        };
        for (rank, t) in popular::ranked(eco).enumerate() {
            let lower = t.to_lowercase();
            idx.skeleton.entry(skeleton(t)).or_insert((rank, t));
            let chars: Vec<char> = lower.chars().collect();
            if chars.len() >= 5 {
                idx.deletes
                    .push((seq_hash(&chars, usize::MAX), rank as u32));
                for i in 0..chars.len() {
                    idx.deletes.push((seq_hash(&chars, i), rank as u32));
                }
            }
            idx.lower.entry(lower).or_insert((rank, t));
        }
        idx.deletes.sort_unstable();
        idx
    }

    /// Popular names one deletion away from `chars` (or equal to it), by rank.
    fn near(&self, chars: &[char]) -> impl Iterator<Item = (usize, &'static str)> + '_ {
        let hashes: Vec<u64> = (0..chars.len())
            .chain([usize::MAX])
            .map(|i| seq_hash(chars, i))
            .collect();
        hashes.into_iter().flat_map(move |h| {
            let from = self.deletes.partition_point(|(k, _)| *k < h);
            self.deletes[from..]
                .iter()
                .take_while(move |(k, _)| *k == h)
                .map(|&(_, r)| (r as usize, self.ranked[r as usize]))
        })
    }

    /// The index of one ecosystem, built on first use.
    pub fn get(eco: Ecosystem) -> &'static Index {
        static CELLS: [OnceLock<Index>; Ecosystem::ALL.len()] =
            [const { OnceLock::new() }; Ecosystem::ALL.len()];
        let i = Ecosystem::ALL.iter().position(|e| *e == eco).unwrap_or(0);
        CELLS[i].get_or_init(|| Index::build(eco))
    }

    /// Whether a normalised name is on the popular list (a hash look-up).
    pub fn is_popular(&self, normalized: &str) -> bool {
        self.popular.contains(normalized)
    }

    /// Same answer as [`check`], for many names.
    pub fn check(&self, eco: Ecosystem, name: &str, allow: &[String]) -> Option<LookAlike> {
        let norm = eco.normalize(name);
        if norm.is_empty()
            || self.is_popular(&norm)
            || allow.iter().any(|a| eco.normalize(a) == norm)
        {
            return None;
        }
        let lower = norm.to_lowercase();
        let mut best: Option<(usize, &'static str, &'static str)> = None;
        let mut offer = |rank: usize, t: &'static str, how: &'static str| {
            if t != norm && best.is_none_or(|(r, _, _)| rank < r) {
                best = Some((rank, t, how));
            }
        };
        if let Some(&(r, t)) = self.lower.get(&lower) {
            if t == norm {
                return None;
            }
            offer(r, t, "differs only in letter case from");
        }
        if let Some(&(r, t)) = self.skeleton.get(&skeleton(&norm)) {
            offer(
                r,
                t,
                "looks the same as (separators or look-alike characters)",
            );
        }
        let chars: Vec<char> = lower.chars().collect();
        for (r, t) in self.near(&chars) {
            if distance(&lower, &t.to_lowercase(), 1) <= 1 {
                offer(r, t, "is one keystroke away from");
            }
        }
        let bare = lower.rsplit('/').next().unwrap_or(&lower).to_string();
        for cand in SUFFIXES
            .iter()
            .filter_map(|s| bare.strip_suffix(s))
            .chain(PREFIXES.iter().filter_map(|p| bare.strip_prefix(p)))
        {
            if let Some(&(r, t)) = self.lower.get(cand)
                && r < AFFIX_TARGETS
                && cand.chars().count() >= 4
                && decorated(&lower, &t.to_lowercase())
            {
                offer(r, t, "is a decorated copy of the name of");
            }
        }
        best.map(|(_, t, how)| LookAlike {
            target: t.to_string(),
            how,
        })
    }
}

fn decorated(name: &str, target: &str) -> bool {
    // npm scopes: `@scope/target` is a decoration only when the scope is not the owner's.
    let bare = name.rsplit('/').next().unwrap_or(name);
    let bare_target = target.rsplit('/').next().unwrap_or(target);
    if name.starts_with('@') && bare == bare_target && name != target {
        return false; // another scope's own package of that name: common and legitimate
    }
    SUFFIXES
        .iter()
        .any(|s| bare.strip_suffix(s) == Some(bare_target))
        || PREFIXES
            .iter()
            .any(|p| bare.strip_prefix(p) == Some(bare_target))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ecosystem::*;

    fn target(eco: Ecosystem, name: &str) -> Option<String> {
        check(eco, name, &[]).map(|l| l.target)
    }

    #[test]
    fn catches_the_classic_shapes() {
        assert_eq!(target(PyPI, "reqeusts").as_deref(), Some("requests"));
        assert_eq!(target(PyPI, "requestss").as_deref(), Some("requests"));
        assert_eq!(
            target(PyPI, "python-dateutils").as_deref(),
            Some("python-dateutil")
        );
        assert_eq!(target(PyPI, "numpy-utils").as_deref(), Some("numpy"));
        assert_eq!(target(Npm, "lodahs").as_deref(), Some("lodash"));
        assert_eq!(target(Npm, "expres").as_deref(), Some("express"));
        assert_eq!(target(Npm, "reаct").as_deref(), Some("react"), "Cyrillic a");
        assert_eq!(
            target(CratesIo, "serde-jsonn").as_deref(),
            Some("serde-json")
        );
        assert_eq!(target(RubyGems, "rai1s").as_deref(), Some("rails"));
    }

    #[test]
    fn popular_and_allowed_names_are_left_alone() {
        for n in [
            "requests", "urllib3", "boto3", "botocore", "six", "django", "flask", "numpy",
        ] {
            assert_eq!(target(PyPI, n), None, "{n}");
        }
        for n in [
            "lodash",
            "react",
            "react-dom",
            "@babel/core",
            "debug",
            "express",
        ] {
            assert_eq!(target(Npm, n), None, "{n}");
        }
        assert_eq!(check(PyPI, "reqeusts", &["reqeusts".into()]), None);
        // Every popular name is silent.
        for eco in Ecosystem::ALL {
            for n in popular::ranked(eco).take(2000) {
                assert_eq!(check(eco, n, &[]), None, "{eco} {n}");
            }
        }
    }

    #[test]
    fn the_index_agrees_with_the_linear_check() {
        let names = [
            "reqeusts",
            "requestss",
            "python-dateutils",
            "numpy-utils",
            "lodahs",
            "expres",
            "reаct",
            "requests",
            "flask",
            "totally-unrelated-name",
            "djang0",
        ];
        for eco in [PyPI, Npm] {
            let idx = Index::get(eco);
            for n in names {
                assert_eq!(
                    idx.check(eco, n, &[]).is_some(),
                    check(eco, n, &[]).is_some(),
                    "{eco} {n}"
                );
            }
        }
    }

    #[test]
    fn distance_counts_swaps_as_one() {
        assert_eq!(distance("reqeusts", "requests", 3), 1);
        assert_eq!(distance("abc", "abc", 1), 0);
        assert_eq!(distance("kitten", "sitting", 5), 3);
        assert!(distance("a", "abcdef", 1) > 1);
    }
}
