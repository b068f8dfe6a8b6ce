//! `vibeguard db update|import|status`: the local OSV advisory store under the user's
//! cache directory. Every change builds a new store beside the old one and swaps it in
//! at the end, so a failed download or import leaves the old store as it was.

use anyhow::{Context, bail};
use std::path::PathBuf;
use std::process::ExitCode;
use vibeguard_deps::Ecosystem;
use vibeguard_deps::import::{ImportReport, import_path};
use vibeguard_store::{AdvisoryBuilder, AdvisoryStore};

/// Where osv.dev publishes one zip of every record per ecosystem.
const OSV_ARCHIVES: &str = "https://osv-vulnerabilities.storage.googleapis.com";

#[derive(clap::Args)]
pub struct DbArgs {
    #[command(subcommand)]
    pub command: DbCommand,
}

#[derive(clap::Subcommand)]
pub enum DbCommand {
    /// Download the OSV archives of each ecosystem and rebuild the store.
    Update {
        /// Only these ecosystems (PyPI, npm, crates.io, Go, RubyGems, Packagist, or any
        /// OSV ecosystem name); repeatable [default: those six]
        #[arg(long = "ecosystem", value_name = "NAME")]
        ecosystems: Vec<String>,
        /// Base URL of the archives (a mirror) [default: osv.dev's bucket, or
        /// $VIBEGUARD_OSV_URL]
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
    /// Load OSV JSON/YAML records, an OSV zip archive, or a checkout of the PyPA,
    /// RustSec, Go, RubySec or FriendsOfPHP advisory databases (air-gapped use).
    Import {
        /// File or folder to load.
        path: PathBuf,
        /// Name of this source in `db status` (a later import with the same name replaces
        /// its records) [default: the path]
        #[arg(long)]
        source: Option<String>,
    },
    /// Show where the store is, how old it is and what it holds.
    Status,
}

fn store_path() -> PathBuf {
    vibeguard_deps::paths::advisory_db()
}

pub fn run(args: DbArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        DbCommand::Update { ecosystems, url } => update(ecosystems, url),
        DbCommand::Import { path, source } => import(path, source),
        DbCommand::Status => status(),
    }
}

fn now() -> String {
    vibeguard_store::Timestamp::now().to_string()
}

fn summary(r: &ImportReport) -> String {
    let mut s = format!("{} advisories", r.records);
    if r.withdrawn > 0 {
        s.push_str(&format!(", {} withdrawn skipped", r.withdrawn));
    }
    if !r.errors.is_empty() {
        s.push_str(&format!(", {} unreadable files", r.errors.len()));
    }
    s
}

fn import(path: PathBuf, source: Option<String>) -> anyhow::Result<ExitCode> {
    let target = store_path();
    let source = source.unwrap_or_else(|| {
        std::fs::canonicalize(&path)
            .unwrap_or_else(|_| path.clone())
            .display()
            .to_string()
    });
    let mut b = AdvisoryBuilder::create(&target)?;
    let bar = Bar::new("importing", false);
    let report = import_path(&mut b, &path, &source, &|done, total| {
        bar.set(done as u64, total as u64)
    })
    .map_err(anyhow::Error::msg)?;
    bar.finish();
    for (file, why) in report.errors.iter().take(10) {
        eprintln!("warning: {file}: {why}");
    }
    if report.errors.len() > 10 {
        eprintln!(
            "warning: ... and {} more unreadable files",
            report.errors.len() - 10
        );
    }
    if report.records == 0 {
        bail!(
            "no advisories found in {}; the store was not changed",
            path.display()
        );
    }
    let kept = b.keep_from(&target, std::slice::from_ref(&source))?;
    b.set_meta("built_at", &now())?;
    b.set_meta(&format!("source:{source}"), &now())?;
    let at = b.commit()?;
    println!(
        "imported {} from {source}; kept {kept} from other sources; store: {}",
        summary(&report),
        at.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn update(ecosystems: Vec<String>, url: Option<String>) -> anyhow::Result<ExitCode> {
    let base = url
        .or_else(|| {
            std::env::var("VIBEGUARD_OSV_URL")
                .ok()
                .filter(|s| !s.is_empty())
        })
        .unwrap_or_else(|| OSV_ARCHIVES.to_string());
    let ecosystems: Vec<String> = if ecosystems.is_empty() {
        Ecosystem::ALL
            .iter()
            .map(|e| e.osv_name().to_string())
            .collect()
    } else {
        ecosystems
            .iter()
            .map(|e| {
                Ecosystem::parse(e)
                    .map(|x| x.osv_name().to_string())
                    .unwrap_or_else(|| e.clone())
            })
            .collect()
    };
    let target = store_path();
    let dir = vibeguard_deps::paths::cache_dir();
    vibeguard_store::advisory::private_dir(&dir)?;
    let http = vibeguard_deps::registry::Http::new();
    let mut b = AdvisoryBuilder::create(&target)?;
    let mut sources = Vec::new();
    for eco in &ecosystems {
        let url = format!(
            "{}/{}/all.zip",
            base.trim_end_matches('/'),
            eco.replace(' ', "%20")
        );
        let part = dir.join(format!(".{}.zip.part", eco.replace(['/', ' ', ':'], "_")));
        let bar = Bar::new(&format!("downloading {eco}"), true);
        let got =
            vibeguard_deps::registry::download_resumable(&http, &url, &part, &|got, total| {
                bar.set(got, total.unwrap_or(0))
            });
        bar.finish();
        if let Err(e) = got {
            let again = if e.resumable() {
                "; run it again to continue where it stopped"
            } else {
                ""
            };
            return Err(anyhow::Error::new(e).context(format!(
                "downloading the {eco} advisories failed; the store was not changed{again}"
            )));
        }
        let bytes = std::fs::read(&part).with_context(|| format!("cannot read {}", part.display()));
        // A whole body that turns out damaged is not continued next time: it is fetched anew.
        vibeguard_deps::registry::discard_partial(&part);
        let bytes = bytes?;
        let source = format!("osv:{eco}");
        let report = vibeguard_deps::import::import_zip(&mut b, &bytes, &source, &|_, _| {})
            .map_err(anyhow::Error::msg)
            .with_context(|| format!("the {eco} archive is damaged; the store was not changed"))?;
        eprintln!("{eco}: {}", summary(&report));
        b.set_meta(&format!("source:{source}"), &now())?;
        sources.push(source);
    }
    let kept = b.keep_from(&target, &sources)?;
    b.set_meta("built_at", &now())?;
    let at = b.commit()?;
    println!(
        "advisory store updated ({} ecosystems, {kept} records kept from other sources): {}",
        ecosystems.len(),
        at.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn status() -> anyhow::Result<ExitCode> {
    let path = store_path();
    let Some(store) = AdvisoryStore::open(&path)? else {
        println!(
            "no advisory store at {}; run `vibeguard db update` (or `vibeguard db import PATH`)",
            path.display()
        );
        return Ok(ExitCode::from(1));
    };
    let st = store.status()?;
    println!("store: {}", path.display());
    if let Some(b) = st.meta.get("built_at") {
        println!("built: {b} ({})", age(b));
    }
    println!("advisories: {}", st.advisories);
    println!("affected packages by ecosystem:");
    for (e, n) in &st.per_ecosystem {
        println!("  {e:<12} {n}");
    }
    println!("sources:");
    for (s, n) in &st.per_source {
        let when = st
            .meta
            .get(&format!("source:{s}"))
            .map(|t| format!(", updated {}", age(t)))
            .unwrap_or_default();
        println!("  {s}: {n} advisories{when}");
    }
    Ok(ExitCode::SUCCESS)
}

/// "3 days ago" for an RFC 3339 time.
pub fn age(rfc3339: &str) -> String {
    let Ok(t) = rfc3339.parse::<vibeguard_store::Timestamp>() else {
        return "unknown age".to_string();
    };
    let secs = vibeguard_store::Timestamp::now().as_second() - t.as_second();
    match secs {
        s if s < 120 => "just now".to_string(),
        s if s < 7200 => format!("{} minutes ago", s / 60),
        s if s < 2 * 86400 => format!("{} hours ago", s / 3600),
        s => format!("{} days ago", s / 86400),
    }
}

/// A progress bar on stderr, drawn only on a terminal (never in CI or a pipe).
struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    fn new(what: &str, bytes: bool) -> Bar {
        if !crate::progress::wanted() {
            return Bar(None);
        }
        let pb = indicatif::ProgressBar::new(0);
        let template = if bytes {
            "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}"
        } else {
            "{msg} [{bar:30}] {pos}/{len} files"
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            pb.set_style(style.progress_chars("=> "));
        }
        pb.set_message(what.to_string());
        Bar(Some(pb))
    }

    fn set(&self, done: u64, total: u64) {
        if let Some(pb) = &self.0 {
            if total > 0 {
                pb.set_length(total);
            }
            pb.set_position(done);
        }
    }

    fn finish(&self) {
        if let Some(pb) = &self.0 {
            pb.finish_and_clear();
        }
    }
}
