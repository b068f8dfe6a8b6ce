//! One file's content through every analyzer that wants it, then its inline suppressions.
//!
//! The working-tree walk and the in-memory entry points (staged index, history blobs)
//! share this code, so a file and a blob with the same bytes give the same findings.

use super::stats::{ScanStats, SkipReason, TOP_N, keep_slowest};
use crate::analyzer::{AnalyzeContext, Analyzer, SourceFile};
use crate::finding::{Finding, Provenance};
use crate::suppress;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Bytes looked at for a NUL when deciding that a file is binary.
pub const SNIFF_LEN: usize = 8 * 1024;

/// Does this prefix of a file look binary (a NUL byte in the first 8 KiB)?
pub fn looks_binary(prefix: &[u8]) -> bool {
    memchr::memchr(0, &prefix[..prefix.len().min(SNIFF_LEN)]).is_some()
}

/// What one worker thread (or one blob) gathered; merged once at the end.
#[derive(Debug, Default)]
pub(crate) struct Acc {
    pub findings: Vec<Finding>,
    pub warnings: Vec<String>,
    pub stats: ScanStats,
    pub analyzer_time: HashMap<&'static str, Duration>,
    pub rule_time: HashMap<String, Duration>,
}

impl Acc {
    pub fn merge(&mut self, mut o: Acc) {
        self.findings.append(&mut o.findings);
        self.warnings.append(&mut o.warnings);
        self.stats.merge(std::mem::take(&mut o.stats));
        for (k, v) in o.analyzer_time {
            *self.analyzer_time.entry(k).or_default() += v;
        }
        for (k, v) in o.rule_time {
            *self.rule_time.entry(k).or_default() += v;
        }
    }

    /// Fold the per-key maps into the stats.
    pub fn into_parts(mut self) -> (Vec<Finding>, Vec<String>, ScanStats) {
        for (k, v) in self.analyzer_time {
            *self.stats.analyzer_time.entry(k.to_string()).or_default() += v;
        }
        let mut rules: Vec<(String, Duration)> = self.rule_time.into_iter().collect();
        rules.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rules.truncate(TOP_N);
        self.stats.slowest_rules = rules;
        keep_slowest(&mut self.stats.slowest_files);
        (self.findings, self.warnings, self.stats)
    }

    fn note_file_time(&mut self, path: &str, d: Duration) {
        let files = &mut self.stats.slowest_files;
        if files.len() < TOP_N {
            files.push((path.to_string(), d));
        } else if let Some(min) = files.iter_mut().min_by_key(|(_, t)| *t)
            && d > min.1
        {
            *min = (path.to_string(), d);
        }
    }
}

/// The analyzers of one scan and how to run them.
pub struct Engine<'a> {
    pub analyzers: &'a [Box<dyn Analyzer>],
    /// Record per-rule timings (`--stats`).
    pub timings: bool,
    pub max_file_size: u64,
}

impl<'a> Engine<'a> {
    /// Scan an in-memory blob: size and binary checks, then [`Engine::analyze`].
    pub(crate) fn scan_bytes(
        &self,
        path: &str,
        bytes: &[u8],
        provenance: Option<&Provenance>,
        acc: &mut Acc,
    ) {
        let size = Some(bytes.len() as u64);
        if bytes.len() as u64 > self.max_file_size {
            acc.stats.skip(path, SkipReason::TooLarge, size);
            return;
        }
        if looks_binary(bytes) {
            acc.stats.skip(path, SkipReason::Binary, size);
            return;
        }
        self.analyze(path, bytes, provenance, acc);
    }

    /// Run every interested analyzer on one text file and drop inline-suppressed findings.
    pub(crate) fn analyze(
        &self,
        path: &str,
        bytes: &[u8],
        provenance: Option<&Provenance>,
        acc: &mut Acc,
    ) {
        acc.stats.files_scanned += 1;
        acc.stats.bytes_scanned += bytes.len() as u64;
        let file = SourceFile::new(path, bytes);
        let mut cx = AnalyzeContext::new(self.timings);
        let file_start = Instant::now();
        for a in self.analyzers {
            if !a.wants(path) {
                continue;
            }
            let t = Instant::now();
            // A bug in one analyzer on one file must not end the scan of every other
            // file: the panic becomes a warning naming both, and the scan goes on. (The
            // gate runs analyzers through its own path, which fails closed instead.)
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                a.analyze(&file, &mut cx);
            }));
            if let Err(payload) = run {
                let why = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_string());
                cx.warn(format!(
                    "{path}: the {} analyzer failed on this file ({why}); its findings for it are missing. This is a vibeguard bug: please report it",
                    a.name()
                ));
            }
            *acc.analyzer_time.entry(a.name()).or_default() += t.elapsed();
        }
        acc.note_file_time(path, file_start.elapsed());
        acc.warnings.append(&mut cx.warnings);
        if let Some(times) = cx.rule_time.take() {
            for (k, v) in times {
                *acc.rule_time.entry(k).or_default() += v;
            }
        }
        if cx.findings.is_empty() {
            return;
        }
        let t = Instant::now();
        super::filter::dedup_findings(&mut cx.findings);
        let lines = suppress::Lines::new(bytes);
        let markers = suppress::may_have_markers(bytes);
        for mut f in cx.findings {
            if markers && suppress::is_suppressed(&lines, f.location.line, &f.rule_id) {
                acc.stats.suppressed_inline += 1;
                continue;
            }
            if f.snippet.is_empty() {
                f.snippet = snippet_of(&lines, &f);
            }
            if let Some(p) = provenance {
                f.provenance = Some(p.clone());
            }
            acc.findings.push(f);
        }
        acc.stats.filter += t.elapsed();
    }
}

/// The finding's first line, with its secret redacted, for analyzers that left the
/// snippet empty.
fn snippet_of(lines: &suppress::Lines<'_>, f: &Finding) -> String {
    let Some(line) = lines.get(f.location.line) else {
        return String::new();
    };
    let text = String::from_utf8_lossy(line);
    let text = text.strip_suffix('\r').unwrap_or(&text);
    match &f.secret {
        Some(s) => crate::redact::redact_in(text, &s.raw),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_in_first_8k_is_binary() {
        assert!(looks_binary(b"PK\x03\x04\x00rest"));
        assert!(!looks_binary(b"plain text\n"));
        let mut late = vec![b'a'; SNIFF_LEN + 10];
        late[SNIFF_LEN + 5] = 0;
        assert!(!looks_binary(&late), "NUL after 8 KiB is not sniffed");
    }
}
