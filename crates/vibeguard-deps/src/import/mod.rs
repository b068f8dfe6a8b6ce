//! Loading advisories into the local store: OSV JSON and YAML records (single files,
//! folders such as the PyPA and Go vulnerability databases, and the per-ecosystem
//! `all.zip` archives osv.dev publishes), plus the native formats of the RustSec,
//! RubySec and FriendsOfPHP databases, converted to OSV records on the way in.

mod friendsofphp;
mod requirements;
mod rubysec;
mod rustsec;

pub use requirements::{Requirement, matches_any};

use crate::ecosystem::Ecosystem;
use crate::osv::Record;
use rayon::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use vibeguard_store::{AdvisoryBuilder, AffectedRow, CacheError};

/// Largest single advisory file read (real records are a few KiB).
const MAX_RECORD_BYTES: u64 = 4 * 1024 * 1024;

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// Records added (withdrawn records are not).
    pub records: usize,
    pub withdrawn: usize,
    /// Files that looked like advisories but could not be read, with why.
    pub errors: Vec<(String, String)>,
    /// Files that are not advisories (READMEs, CI configuration, ...).
    pub ignored: usize,
}

/// One parsed input file.
enum Parsed {
    Record(Box<Record>),
    NotAdvisory,
    Error(String),
}

/// Recognise the format of one file by its name and content and convert it.
fn parse_any(name: &str, bytes: &[u8]) -> Parsed {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Parsed::NotAdvisory;
    };
    let lower = name.to_ascii_lowercase();
    let result = if lower.ends_with(".json") {
        if !text.contains("\"id\"") {
            return Parsed::NotAdvisory;
        }
        Record::from_json(bytes).map(Some)
    } else if lower.ends_with(".md") {
        if !text.trim_start().starts_with("```toml") {
            return Parsed::NotAdvisory;
        }
        rustsec::convert(text).map(Some)
    } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
        if text.contains("\ngem:") || text.starts_with("gem:") || text.starts_with("---\ngem:") {
            rubysec::convert(name, text)
        } else if text.contains("\nbranches:") && text.contains("reference:") {
            friendsofphp::convert(name, text).map(Some)
        } else if (text.starts_with("id:") || text.contains("\nid:")) && text.contains("affected") {
            serde_saphyr::from_str::<Record>(text)
                .map(Some)
                .map_err(|e| e.to_string())
        } else {
            return Parsed::NotAdvisory;
        }
    } else {
        return Parsed::NotAdvisory;
    };
    match result {
        // `RUSTSEC-0000-0000` is the id of the RustSec database's template and of drafts
        // not yet assigned a number: not an advisory about a real package.
        Ok(Some(r)) if r.id.ends_with("-0000-0000") => Parsed::NotAdvisory,
        Ok(Some(r)) if !r.id.is_empty() => Parsed::Record(Box::new(r)),
        Ok(Some(_)) => Parsed::Error("record without an id".into()),
        Ok(None) => Parsed::NotAdvisory,
        Err(e) => Parsed::Error(e),
    }
}

/// The store rows of one record: one per affected package.
pub fn affected_rows(r: &Record) -> Vec<AffectedRow> {
    r.affected
        .iter()
        .filter_map(|a| {
            let pkg = a.package.as_ref()?;
            let (eco, name) = match Ecosystem::parse(&pkg.ecosystem) {
                Some(e) => (e.osv_name().to_string(), e.normalize(&pkg.name)),
                None => (
                    pkg.ecosystem.split(':').next().unwrap_or("").to_string(),
                    pkg.name.clone(),
                ),
            };
            Some(AffectedRow {
                ecosystem: eco,
                name,
                spec: serde_json::to_vec(a).ok()?,
            })
        })
        .collect()
}

/// Add one record to a store being built (withdrawn records are left out).
pub fn add_record(
    b: &mut AdvisoryBuilder,
    r: &Record,
    source: &str,
    report: &mut ImportReport,
) -> Result<(), CacheError> {
    if r.withdrawn.is_some() {
        report.withdrawn += 1;
        return Ok(());
    }
    let rows = affected_rows(r);
    let mut compact = r.clone();
    if let Some(d) = compact.details.as_mut()
        && d.len() > 2000
    {
        let mut cut = 2000;
        while !d.is_char_boundary(cut) {
            cut -= 1;
        }
        d.truncate(cut);
    }
    compact.references.truncate(8);
    let json = serde_json::to_vec(&compact).unwrap_or_default();
    b.insert(
        &r.id,
        source,
        r.modified.as_deref().unwrap_or(""),
        &json,
        &rows,
    )?;
    report.records += 1;
    Ok(())
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let ft = entry.file_type()?;
        let p = entry.path();
        if ft.is_dir() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue; // .git, .github
            }
            collect_files(&p, out)?;
        } else if ft.is_file() {
            out.push(p);
        }
    }
    Ok(())
}

fn parse_batch(items: Vec<(String, Vec<u8>)>) -> Vec<(String, Parsed)> {
    items
        .into_par_iter()
        .map(|(name, bytes)| {
            let parsed = parse_any(&name, &bytes);
            (name, parsed)
        })
        .collect()
}

fn store_parsed(
    b: &mut AdvisoryBuilder,
    parsed: Vec<(String, Parsed)>,
    source: &str,
    report: &mut ImportReport,
) -> Result<(), CacheError> {
    for (name, p) in parsed {
        match p {
            Parsed::Record(r) => add_record(b, &r, source, report)?,
            Parsed::NotAdvisory => report.ignored += 1,
            Parsed::Error(e) => report.errors.push((name, e)),
        }
    }
    Ok(())
}

/// Import a file (one record or a zip archive) or a folder of records. `progress` is
/// told how many files were read so far and the total.
pub fn import_path(
    b: &mut AdvisoryBuilder,
    path: &Path,
    source: &str,
    progress: &dyn Fn(usize, usize),
) -> Result<ImportReport, String> {
    let mut report = ImportReport::default();
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if meta.is_file() {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if bytes.starts_with(b"PK") {
            return import_zip(b, &bytes, source, progress);
        }
        let name = path.to_string_lossy().into_owned();
        store_parsed(b, parse_batch(vec![(name, bytes)]), source, &mut report)
            .map_err(|e| e.to_string())?;
        if report.records == 0 && report.errors.is_empty() {
            return Err(format!(
                "{} is not an OSV, RustSec, RubySec or FriendsOfPHP advisory",
                path.display()
            ));
        }
        return Ok(report);
    }
    let mut files = Vec::new();
    collect_files(path, &mut files).map_err(|e| format!("cannot list {}: {e}", path.display()))?;
    files.sort();
    let total = files.len();
    for (i, chunk) in files.chunks(2048).enumerate() {
        let items: Vec<(String, Vec<u8>)> = chunk
            .par_iter()
            .filter_map(|p| {
                let ok = std::fs::metadata(p)
                    .map(|m| m.len() <= MAX_RECORD_BYTES)
                    .unwrap_or(false);
                let rel = p
                    .strip_prefix(path)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .into_owned();
                if !ok {
                    return None;
                }
                std::fs::read(p).ok().map(|b| (rel, b))
            })
            .collect();
        store_parsed(b, parse_batch(items), source, &mut report).map_err(|e| e.to_string())?;
        progress((i * 2048 + chunk.len()).min(total), total);
    }
    Ok(report)
}

/// Import an OSV archive (`all.zip`): every `.json` member is one record. A damaged
/// archive is an error, and the caller's store is left as it was.
pub fn import_zip(
    b: &mut AdvisoryBuilder,
    bytes: &[u8],
    source: &str,
    progress: &dyn Fn(usize, usize),
) -> Result<ImportReport, String> {
    let mut report = ImportReport::default();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a readable zip archive: {e}"))?;
    let total = zip.len();
    let mut batch = Vec::new();
    for i in 0..total {
        let mut f = zip
            .by_index(i)
            .map_err(|e| format!("damaged zip archive: {e}"))?;
        if !f.is_file() || f.size() > MAX_RECORD_BYTES {
            continue;
        }
        let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut buf = Vec::with_capacity(f.size() as usize);
        f.read_to_end(&mut buf)
            .map_err(|e| format!("damaged zip archive at {name}: {e}"))?;
        batch.push((name, buf));
        if batch.len() == 4096 {
            store_parsed(
                b,
                parse_batch(std::mem::take(&mut batch)),
                source,
                &mut report,
            )
            .map_err(|e| e.to_string())?;
            progress(i + 1, total);
        }
    }
    store_parsed(b, parse_batch(batch), source, &mut report).map_err(|e| e.to_string())?;
    progress(total, total);
    Ok(report)
}

#[cfg(test)]
mod tests;
