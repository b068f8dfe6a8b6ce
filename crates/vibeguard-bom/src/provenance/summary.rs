//! Sums over files: the project's totals, each directory, each agent.

use super::audit::AuditFacts;
use super::{AgentSummary, Counts, DirProvenance, Origin, Provenance};
use std::collections::{BTreeMap, BTreeSet};
use vibeguard_git::provenance::CommitInfo;

pub(super) fn finish(p: &mut Provenance, _commits: &[CommitInfo], facts: &AuditFacts) {
    let mut totals = Counts::default();
    let mut dirs: BTreeMap<String, (u64, Counts)> = BTreeMap::new();
    for f in &p.files {
        totals.add(&f.counts);
        let mut dir = f.path.as_str();
        loop {
            dir = match dir.rsplit_once('/') {
                Some((d, _)) => d,
                None => "",
            };
            let key = if dir.is_empty() { "." } else { dir };
            let e = dirs.entry(key.to_string()).or_default();
            e.0 += 1;
            e.1.add(&f.counts);
            if dir.is_empty() {
                break;
            }
        }
    }
    p.totals = totals;
    p.directories = dirs
        .into_iter()
        .map(|(path, (files, counts))| DirProvenance {
            path,
            files,
            counts,
        })
        .collect();
    // Agents: lines and files from the join, commits from markers, the gate's own counts.
    let mut agents: BTreeMap<String, AgentSummary> = BTreeMap::new();
    let mut sources: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut models: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &p.files {
        let mut seen_here = BTreeSet::new();
        for r in &f.runs {
            if r.attribution.origin != Origin::Agent {
                continue;
            }
            let name = r
                .attribution
                .agent
                .clone()
                .unwrap_or_else(|| "unknown".into());
            let e = agents.entry(name.clone()).or_default();
            e.lines += u64::from(r.end - r.start + 1);
            if seen_here.insert(name.clone()) {
                e.files += 1;
            }
            sources
                .entry(name.clone())
                .or_default()
                .insert(r.attribution.source.as_str().to_string());
            if let Some(m) = &r.attribution.model {
                models.entry(name).or_default().insert(m.clone());
            }
        }
    }
    for c in &p.commits {
        agents.entry(c.agent.clone()).or_default().commits += 1;
        sources
            .entry(c.agent.clone())
            .or_default()
            .insert("commit-marker".into());
        if let Some(m) = &c.model {
            models.entry(c.agent.clone()).or_default().insert(m.clone());
        }
    }
    for w in facts.writes.iter().filter(|w| w.decision == "allow") {
        agents.entry(w.agent.clone()).or_default().gate_writes += 1;
        sources
            .entry(w.agent.clone())
            .or_default()
            .insert("gate".into());
    }
    for (agent, d) in &facts.by_agent {
        agents.entry(agent.clone()).or_default().gate_decisions = *d;
        sources
            .entry(agent.clone())
            .or_default()
            .insert("gate".into());
    }
    p.agents = agents
        .into_iter()
        .map(|(name, mut a)| {
            a.sources = sources
                .remove(&name)
                .unwrap_or_default()
                .into_iter()
                .collect();
            a.models = models
                .remove(&name)
                .unwrap_or_default()
                .into_iter()
                .collect();
            a.agent = name;
            a
        })
        .collect();
}
