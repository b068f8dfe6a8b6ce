//! The blob side of a history walk: read every found blob on all rayon threads, each
//! thread with its own repository handle and delta-base cache, and hand it to the visitor.

use super::graph::CommitMeta;
use super::trees::FoundBlob;
use super::{BlobContent, HistoryBlob, HistoryStats, set_pack_cache};
use crate::error::GitError;
use crate::introduced::introduced_lines;
use crate::lines::LineSet;
use gix::prelude::Find;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use vibeguard_core::Provenance;
use vibeguard_core::pipeline::{SkipReason, SkippedFile};

/// How many leading bytes are sniffed for a NUL (the same window git uses).
const BINARY_SNIFF: usize = 8000;
/// Blobs claimed by a thread at a time: big enough to keep the atomic cold, small enough
/// to balance the tail.
const CHUNK: usize = 64;

/// Counters shared by the reading threads.
#[derive(Default)]
struct Counters {
    blobs: AtomicU64,
    bytes: AtomicU64,
    bytes_scanned: AtomicU64,
    binary: AtomicU64,
    large: AtomicU64,
    /// The blobs behind `binary` and `large`, with the path they were found at.
    skipped: Mutex<Vec<SkippedFile>>,
}

/// What every reading thread shares.
pub(super) struct Job<'a> {
    pub found: &'a [FoundBlob],
    pub commits: &'a [CommitMeta],
    pub max_blob_size: u64,
    pub content: BlobContent,
    pub visit: &'a (dyn Fn(HistoryBlob<'_>) + Sync),
}

pub(super) fn read_and_visit(
    shared: gix::ThreadSafeRepository,
    job: &Job<'_>,
) -> Result<HistoryStats, GitError> {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let first_error: Mutex<Option<GitError>> = Mutex::new(None);
    let counters = Counters::default();
    let threads = rayon::current_num_threads().max(1);
    rayon::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|_| {
                let mut reader = Reader::new(&shared, job, &counters);
                while !stop.load(Ordering::Relaxed) {
                    let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                    if start >= job.found.len() {
                        break;
                    }
                    let end = (start + CHUNK).min(job.found.len());
                    for blob in &job.found[start..end] {
                        if let Err(err) = reader.visit(blob) {
                            stop.store(true, Ordering::Relaxed);
                            let mut slot = first_error.lock().unwrap_or_else(|p| p.into_inner());
                            slot.get_or_insert(err);
                            return;
                        }
                    }
                }
            });
        }
    });
    if let Some(err) = first_error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(err);
    }
    Ok(HistoryStats {
        blobs: counters.blobs.into_inner(),
        bytes: counters.bytes.into_inner(),
        bytes_scanned: counters.bytes_scanned.into_inner(),
        skipped_binary: counters.binary.into_inner(),
        skipped_large: counters.large.into_inner(),
        skipped: counters
            .skipped
            .into_inner()
            .unwrap_or_else(|p| p.into_inner()),
        ..HistoryStats::default()
    })
}

/// One thread's repository handle and buffers.
struct Reader<'a> {
    repo: gix::Repository,
    job: &'a Job<'a>,
    counters: &'a Counters,
    buf: Vec<u8>,
    masked: Vec<u8>,
    /// The blob this thread handled last (blobs come grouped by path, so it is usually
    /// the previous version of the next one), and whether it was skipped.
    last: Option<(gix::ObjectId, bool)>,
    previous: PreviousVersions,
}

/// Buffers for the versions a blob replaced.
#[derive(Default)]
struct PreviousVersions {
    /// Every previous version, one after the other.
    known: Vec<u8>,
    /// One previous version as read.
    old_buf: Vec<u8>,
    /// The content of the blob this thread handled last.
    last_bytes: Vec<u8>,
}

impl<'a> Reader<'a> {
    fn new(shared: &gix::ThreadSafeRepository, job: &'a Job<'a>, counters: &'a Counters) -> Self {
        let mut repo = shared.to_thread_local();
        set_pack_cache(&mut repo);
        Reader {
            repo,
            job,
            counters,
            buf: Vec::new(),
            masked: Vec::new(),
            last: None,
            previous: PreviousVersions::default(),
        }
    }

    fn visit(&mut self, blob: &FoundBlob) -> Result<(), GitError> {
        let max = self.job.max_blob_size;
        let data = find(&self.repo, &blob.id, &mut self.buf)?;
        let skip = if data.len() as u64 > max {
            Some((&self.counters.large, SkipReason::TooLarge))
        } else if is_binary(data) {
            Some((&self.counters.binary, SkipReason::Binary))
        } else {
            None
        };
        let previous = self.last.replace((blob.id, skip.is_some()));
        if let Some((counter, reason)) = skip {
            counter.fetch_add(1, Ordering::Relaxed);
            let file = SkippedFile {
                path: blob.path.clone(),
                reason,
                size: Some(data.len() as u64),
            };
            let mut skipped = self
                .counters
                .skipped
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            skipped.push(file);
            return Ok(());
        }
        let whole = self.job.content == BlobContent::Whole
            || blob.bases.is_empty()
            || !self
                .previous
                .gather(&self.repo, self.job.max_blob_size, blob, previous)?;
        let (bytes, introduced): (&[u8], Option<LineSet>) = if whole {
            (data, None)
        } else {
            let set = introduced_lines(&self.previous.known, data, &mut self.masked);
            (&self.masked, Some(set))
        };
        let meta = &self.job.commits[blob.commit as usize];
        let provenance = Provenance {
            commit: meta.id.to_hex().to_string(),
            author: meta.author.clone(),
            email: meta.email.clone(),
            date: meta.date.clone(),
            path: blob.path.clone(),
        };
        let blob_id = blob.id.to_hex().to_string();
        self.counters.blobs.fetch_add(1, Ordering::Relaxed);
        self.counters
            .bytes
            .fetch_add(data.len() as u64, Ordering::Relaxed);
        self.counters
            .bytes_scanned
            .fetch_add(bytes.len() as u64, Ordering::Relaxed);
        (self.job.visit)(HistoryBlob {
            blob_id: &blob_id,
            path: &blob.path,
            bytes,
            introduced: introduced.as_ref(),
            provenance: &provenance,
        });
        self.previous.last_bytes.clear();
        self.previous.last_bytes.extend_from_slice(data);
        Ok(())
    }
}

impl PreviousVersions {
    /// Puts the previous versions of `blob` into `known`; false when one of them was
    /// skipped (binary or too large), so its lines were never scanned and this version
    /// must be scanned whole.
    fn gather(
        &mut self,
        repo: &gix::Repository,
        max_blob_size: u64,
        blob: &FoundBlob,
        previous: Option<(gix::ObjectId, bool)>,
    ) -> Result<bool, GitError> {
        if let ([base], Some((last, skipped))) = (blob.bases.as_slice(), previous)
            && *base == last
        {
            // The common case, the version this thread just handled: no second read.
            std::mem::swap(&mut self.known, &mut self.last_bytes);
            return Ok(!skipped);
        }
        self.known.clear();
        for base in &blob.bases {
            let old = find(repo, base, &mut self.old_buf)?;
            if old.len() as u64 > max_blob_size || is_binary(old) {
                return Ok(false);
            }
            self.known.extend_from_slice(old);
            if !old.ends_with(b"\n") {
                self.known.push(b'\n');
            }
        }
        Ok(true)
    }
}

fn is_binary(data: &[u8]) -> bool {
    data[..data.len().min(BINARY_SNIFF)].contains(&0)
}

fn find<'b>(
    repo: &gix::Repository,
    id: &gix::oid,
    buf: &'b mut Vec<u8>,
) -> Result<&'b [u8], GitError> {
    match repo.objects.try_find(id, buf) {
        Ok(Some(data)) => Ok(data.data),
        Ok(None) => Err(GitError::object(id, "not in the object database")),
        Err(e) => Err(GitError::object(id, e)),
    }
}
