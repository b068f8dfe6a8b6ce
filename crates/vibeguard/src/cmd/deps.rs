//! `vibeguard deps check [--ecosystem E] NAME[@VERSION]...`: judge packages before
//! adding them (the same check the gate runs for installs).

use anyhow::bail;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use vibeguard_core::{PackageChecker, Tier};
use vibeguard_deps::Ecosystem;
use vibeguard_deps::checker::Checker;

#[derive(clap::Args)]
pub struct DepsArgs {
    #[command(subcommand)]
    pub command: DepsCommand,
}

#[derive(clap::Subcommand)]
pub enum DepsCommand {
    /// Check package names (and versions) an agent or a person is about to add.
    #[command(
        after_help = "Specs: `requests`, `requests==2.19.0` (PyPI), `lodash@4.17.20`, `@scope/pkg@1.0.0` (npm), \
`serde@1.0.1` (crates.io), `github.com/x/y@v1.2.3` (Go), `vendor/pkg:1.2.3` (Packagist), `group:artifact:1.2.3` (Maven), `Package@1.2.3` (NuGet); or `ecosystem:spec` \
such as `npm:lodash`.\n\nExit status: 0 all fine, 1 something to look at (a finding, or a package that could not \
be verified), 2 usage error."
    )]
    Check {
        /// PyPI, npm, crates.io, Go, RubyGems, Packagist, Maven or NuGet (aliases: pip,
        /// cargo, gem, composer, mvn, dotnet).
        #[arg(long, short = 'e', value_name = "ECOSYSTEM")]
        ecosystem: Option<String>,
        /// Packages, optionally with an exact version.
        #[arg(required = true, value_name = "NAME[@VERSION]")]
        packages: Vec<String>,
        /// Answer from the cache and the shipped lists only.
        #[arg(long)]
        offline: bool,
        /// Print the verdicts as JSON.
        #[arg(long)]
        json: bool,
        /// Seconds registry look-ups may take [default: 10]
        #[arg(long, value_name = "SECONDS")]
        timeout: Option<u64>,
    },
}

/// The package manager whose spec syntax an ecosystem's names use.
fn manager_of(eco: Ecosystem) -> &'static str {
    match eco {
        Ecosystem::PyPI => "pip",
        Ecosystem::Npm => "npm",
        Ecosystem::CratesIo => "cargo",
        Ecosystem::Go => "go",
        Ecosystem::RubyGems => "gem",
        Ecosystem::Packagist => "composer",
        Ecosystem::Maven => "maven",
        Ecosystem::NuGet => "nuget",
    }
}

pub fn run(args: DepsArgs) -> anyhow::Result<ExitCode> {
    let DepsCommand::Check {
        ecosystem,
        packages,
        offline,
        json,
        timeout,
    } = args.command;
    let default = match &ecosystem {
        Some(e) => Some(Ecosystem::parse(e).ok_or_else(|| {
            anyhow::anyhow!(
                "unknown ecosystem `{e}` (PyPI, npm, crates.io, Go, RubyGems, Packagist, Maven, NuGet)"
            )
        })?),
        None => None,
    };
    let mut policy = crate::analyzers::load_policy(std::path::Path::new("."))?;
    policy.deps.offline |= offline;
    let checker = Checker::new(&policy.deps, &vibeguard_deps::paths::cache_dir());
    let mut requests = Vec::new();
    for spec in &packages {
        let (eco, spec) = match spec.split_once(':').and_then(|(e, rest)| {
            Ecosystem::parse(e)
                .filter(|_| !e.contains('/'))
                .map(|e| (e, rest))
        }) {
            Some((e, rest)) if default.is_none() || e == default.unwrap_or(e) => {
                (e, rest.to_string())
            }
            _ => match default {
                Some(e) => (e, spec.clone()),
                None => bail!(
                    "say which registry `{spec}` is from: --ecosystem pypi|npm|crates.io|go|rubygems|packagist, or write it as ecosystem:{spec}"
                ),
            },
        };
        let reqs = checker.requests_from_command(manager_of(eco), std::slice::from_ref(&spec));
        if reqs.is_empty() {
            bail!("`{spec}` is not a {eco} package name (a path, URL or git source?)");
        }
        requests.extend(reqs);
    }
    let deadline = Instant::now() + Duration::from_secs(timeout.unwrap_or(10));
    let verdicts = checker.check(&requests, deadline);
    let mut bad = false;
    if json {
        println!("{}", serde_json::to_string_pretty(&verdicts)?);
    }
    for v in &verdicts {
        let name = match &v.request.version {
            Some(ver) => format!("{}@{ver}", v.request.name),
            None => v.request.name.clone(),
        };
        if v.issues.iter().any(|i| i.tier >= Tier::Medium) || v.unknown.is_some() {
            bad = true;
        }
        if json {
            continue;
        }
        if v.issues.is_empty() && v.unknown.is_none() {
            println!("ok       {} {name}", v.request.ecosystem);
            continue;
        }
        for i in &v.issues {
            let verdict = match i.tier {
                Tier::High => "deny",
                Tier::Medium => "ask",
                Tier::Low => "note",
            };
            println!(
                "{verdict:<8} {} {name}: {} [{}]",
                v.request.ecosystem, i.message, i.rule_id
            );
            if let Some(h) = &i.hint {
                println!("         fix: {h}");
            }
        }
        if let Some(u) = &v.unknown {
            println!("unknown  {} {name}: not verified: {u}", v.request.ecosystem);
        }
    }
    if !checker.has_advisories() && !json {
        eprintln!(
            "note: no advisory store, so known vulnerable and malicious versions were not checked; run `vibeguard db update`"
        );
    }
    Ok(if bad {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
