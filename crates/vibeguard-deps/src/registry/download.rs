//! A large download that survives being cut off: the bytes go to a `.part` file with a
//! small `.part.meta` beside it (the URL and the server's ETag or Last-Modified). A rerun
//! asks for the rest (`Range` with `If-Range`), so a connection lost at 90% of an archive
//! costs the last 10%; a server that answers with the whole file again, or a file that
//! changed meanwhile, restarts it. What is in the `.part` file is never imported until
//! the whole body has arrived.

use super::{Http, HttpError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error("{url} answered HTTP {status}")]
    Status { url: String, status: u16 },
    /// The connection ended before the announced length (`kept`: the bytes so far are
    /// saved for the next run to continue from).
    #[error("{url}: the download stopped after {got} of {expected} bytes")]
    Cut {
        url: String,
        got: u64,
        expected: u64,
        kept: bool,
    },
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl DownloadError {
    /// Whether what arrived so far was kept for the next run to continue from.
    pub fn resumable(&self) -> bool {
        matches!(self, DownloadError::Cut { kept: true, .. })
    }
}

fn meta_path(part: &Path) -> PathBuf {
    let mut s = part.as_os_str().to_owned();
    s.push(".meta");
    PathBuf::from(s)
}

/// Remove a partial download and its metadata (after success, or when it cannot be
/// continued).
pub fn discard_partial(part: &Path) {
    let _ = std::fs::remove_file(part);
    let _ = std::fs::remove_file(meta_path(part));
}

/// What an earlier, interrupted run of the same URL left: bytes so far and the validator.
fn earlier(url: &str, part: &Path) -> Option<(u64, String)> {
    let meta = std::fs::read_to_string(meta_path(part)).ok()?;
    let (u, validator) = meta.split_once('\n')?;
    let validator = validator.trim();
    let len = std::fs::metadata(part).ok()?.len();
    (u == url && !validator.is_empty() && len > 0).then(|| (len, validator.to_string()))
}

/// `bytes 100-999/1000` -> (100, Some(1000)).
fn content_range(v: &str) -> Option<(u64, Option<u64>)> {
    let rest = v.trim().strip_prefix("bytes ")?;
    let (range, total) = rest.split_once('/')?;
    let start = range.split_once('-')?.0.trim().parse().ok()?;
    Some((start, total.trim().parse().ok()))
}

/// Download `url` into `part`, continuing an earlier interrupted download of the same URL
/// when the server allows it. On success `part` holds the whole body (the caller removes it
/// with [`discard_partial`] once used). A transfer cut midway keeps `part` for the next run
/// ([`DownloadError::resumable`]); any other failure removes it.
pub fn download_resumable(
    http: &Http,
    url: &str,
    part: &Path,
    progress: &dyn Fn(u64, Option<u64>),
) -> Result<(), DownloadError> {
    let result = attempt(http, url, part, earlier(url, part), progress);
    match result {
        // The saved part no longer fits (a 416 answer, a changed file): start over once.
        Err(DownloadError::Status { status: 416, .. }) => {
            discard_partial(part);
            let r = attempt(http, url, part, None, progress);
            if r.as_ref().is_err_and(|e| !e.resumable()) {
                discard_partial(part);
            }
            r
        }
        Err(e) => {
            if !e.resumable() {
                discard_partial(part);
            }
            Err(e)
        }
        Ok(()) => Ok(()),
    }
}

fn attempt(
    http: &Http,
    url: &str,
    part: &Path,
    from: Option<(u64, String)>,
    progress: &dyn Fn(u64, Option<u64>),
) -> Result<(), DownloadError> {
    let io = |source| DownloadError::Io {
        path: part.to_path_buf(),
        source,
    };
    let headers: Vec<(&str, String)> = match &from {
        Some((len, validator)) => vec![
            ("Range", format!("bytes={len}-")),
            ("If-Range", validator.clone()),
        ],
        None => Vec::new(),
    };
    let mut resp = http.open_stream(url, &headers)?;
    let status = resp.status().as_u16();
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let validator = header("etag").or_else(|| header("last-modified"));
    let length = resp.body().content_length();
    // Where this answer's body starts in the whole file.
    let start = match (status, &from) {
        (200, _) => 0,
        (206, Some((len, _))) => match header("content-range").and_then(|v| content_range(&v)) {
            Some((s, _)) if s == *len => s,
            // A range we did not ask for: not safe to append.
            _ => {
                return Err(DownloadError::Status {
                    url: url.into(),
                    status: 416,
                });
            }
        },
        _ => {
            return Err(DownloadError::Status {
                url: url.into(),
                status,
            });
        }
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .append(start > 0)
        .truncate(start == 0)
        .open(part)
        .map_err(io)?;
    // Without a validator a later run could not tell a changed file: no resuming then.
    match &validator {
        Some(v) => std::fs::write(meta_path(part), format!("{url}\n{v}\n")).map_err(io)?,
        None => {
            let _ = std::fs::remove_file(meta_path(part));
        }
    }
    let total = length.map(|n| start + n);
    let mut reader = resp.body_mut().with_config().limit(u64::MAX).reader();
    let mut buf = vec![0u8; 256 * 1024];
    let mut got = start;
    let mut failure = None;
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                file.write_all(&buf[..n]).map_err(io)?;
                got += n as u64;
                progress(got, total);
            }
            Err(e) => {
                failure = Some(e.to_string());
                break;
            }
        }
    }
    file.flush().map_err(io)?;
    match (total, failure) {
        (Some(x), _) if got != x => Err(DownloadError::Cut {
            url: url.to_string(),
            got,
            expected: x,
            kept: validator.is_some(),
        }),
        (_, Some(message)) => Err(DownloadError::Http(HttpError::Request {
            url: url.to_string(),
            message,
        })),
        _ => Ok(()),
    }
}
