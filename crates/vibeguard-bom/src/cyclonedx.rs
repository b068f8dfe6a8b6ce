//! CycloneDX 1.6 JSON.
//!
//! - `metadata`: the tool (with its rule set), the project as the root component (its
//!   repository, commit and branch), and project-wide AI provenance and gate decisions
//!   as `vibeguard:` properties;
//! - `components`: every library (purl, version, scope `required`/`optional` for
//!   prod/dev, hashes, licenses, the files and lines that declare it as evidence
//!   occurrences, how it got in as `vibeguard:ai:` properties), the agents and models
//!   provenance found (`application`, `machine-learning-model`), and the files with
//!   attributed lines (`file`, with lines by origin);
//! - `dependencies`: the root's direct dependencies and every edge the lockfiles record;
//! - `vulnerabilities`: ids and aliases, ratings, the affected components with the
//!   version that fixes each;
//! - `annotations`: the provenance summary in words, including what "unknown" means.
//!
//! The property taxonomy (`vibeguard:ai:*`, `vibeguard:gate:*`, `vibeguard:dep:*`) is
//! documented in README.md ("AI bill of materials and provenance").

use crate::components::{Component, Kind};
use crate::licenses::{self, License};
use crate::provenance::{Origin, Provenance, UNKNOWN_NOTE};
use crate::vulns::VulnEntry;
use crate::{Bom, Meta};
use serde_json::{Value, json};
use std::collections::BTreeSet;

pub const SPEC_VERSION: &str = "1.6";
/// The bom-ref of the project itself.
pub const ROOT_REF: &str = "project";

fn prop(name: &str, value: impl ToString) -> Value {
    json!({"name": name, "value": value.to_string()})
}

fn tool_component(meta: &Meta) -> Value {
    let mut c = json!({
        "type": "application",
        "name": meta.tool_name,
        "version": meta.tool_version,
    });
    if let Some(r) = &meta.ruleset {
        c["properties"] = json!([prop("vibeguard:ruleset", r)]);
    }
    c
}

/// The BOM as a CycloneDX 1.6 JSON value.
pub fn to_value(bom: &Bom) -> Value {
    let mut doc = json!({
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "serialNumber": bom.meta.serial,
        "version": 1,
        "metadata": metadata(bom),
    });
    let mut components: Vec<Value> = bom
        .components
        .list
        .iter()
        .map(|c| library(c, bom))
        .collect();
    let mut dependencies = vec![json!({
        "ref": ROOT_REF,
        "dependsOn": unique(bom.components.direct_refs()),
    })];
    for c in &bom.components.list {
        dependencies.push(json!({"ref": c.bom_ref, "dependsOn": unique(c.depends_on.clone())}));
    }
    if let Some(p) = &bom.provenance {
        components.extend(agents_and_models(p));
        components.extend(files(p));
    }
    doc["components"] = Value::Array(components);
    doc["dependencies"] = Value::Array(dependencies);
    if !bom.vulnerabilities.entries.is_empty() {
        doc["vulnerabilities"] = Value::Array(
            bom.vulnerabilities
                .entries
                .iter()
                .map(|v| vulnerability(v, bom))
                .collect(),
        );
    }
    if let Some(p) = &bom.provenance {
        doc["annotations"] = json!([{
            "subjects": [ROOT_REF],
            "annotator": {"component": tool_component(&bom.meta)},
            "timestamp": bom.meta.timestamp,
            "text": crate::markdown::provenance_sentence(p),
        }]);
    }
    doc
}

/// The BOM as pretty-printed CycloneDX 1.6 JSON.
pub fn to_string(bom: &Bom) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(bom)).unwrap_or_default();
    s.push('\n');
    s
}

fn unique(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

fn metadata(bom: &Bom) -> Value {
    let m = &bom.meta;
    let mut root = json!({
        "type": "application",
        "bom-ref": ROOT_REF,
        "name": m.name,
    });
    let mut root_props = Vec::new();
    if let Some(c) = &m.commit {
        root["version"] = json!(c);
        root_props.push(prop("vibeguard:git:commit", c));
    }
    if let Some(b) = &m.branch {
        root_props.push(prop("vibeguard:git:branch", b));
    }
    if let Some(r) = &m.repository
        && r.contains("://")
    {
        root["externalReferences"] = json!([{"type": "vcs", "url": r}]);
    } else if let Some(r) = &m.repository {
        root_props.push(prop("vibeguard:git:remote", r));
    }
    if !root_props.is_empty() {
        root["properties"] = Value::Array(root_props);
    }
    let mut props = Vec::new();
    let v = &bom.vulnerabilities;
    props.push(prop("vibeguard:dep:advisories-checked", v.checked));
    if let Some(b) = &v.store_built_at {
        props.push(prop("vibeguard:dep:advisory-store-built", b));
    }
    if let Some(n) = &v.note {
        props.push(prop("vibeguard:dep:advisory-note", n));
    }
    for f in &bom.components.files {
        props.push(prop("vibeguard:dep:file", f));
    }
    for w in &bom.components.warnings {
        props.push(prop("vibeguard:dep:unreadable", w));
    }
    if let Some(p) = &bom.provenance {
        props.extend(provenance_properties(p));
    }
    json!({
        "timestamp": m.timestamp,
        "tools": {"components": [tool_component(m)]},
        "component": root,
        "properties": props,
    })
}

fn provenance_properties(p: &Provenance) -> Vec<Value> {
    let t = &p.totals;
    let mut props = vec![
        prop("vibeguard:ai:lines", t.lines),
        prop("vibeguard:ai:lines-agent", t.agent),
        prop("vibeguard:ai:lines-human", t.human),
        prop("vibeguard:ai:lines-unknown", t.unknown),
        prop("vibeguard:ai:unknown-means", UNKNOWN_NOTE),
    ];
    for (s, n) in &t.by_source {
        props.push(prop("vibeguard:ai:lines-by-source", format!("{s}={n}")));
    }
    let s = &p.sources;
    props.push(prop("vibeguard:ai:commits", s.commits));
    props.push(prop(
        "vibeguard:ai:commits-with-agent-marker",
        s.marked_commits,
    ));
    props.push(prop("vibeguard:ai:git-ai-notes", s.gitai_notes));
    props.push(prop("vibeguard:ai:agent-trace-records", s.trace_records));
    props.push(prop(
        "vibeguard:ai:gate-trace-records",
        s.trace_records_by_gate,
    ));
    for d in &p.directories {
        if d.counts.agent + d.counts.human > 0 || !d.path.contains('/') {
            props.push(prop(
                "vibeguard:ai:directory",
                format!(
                    "{} lines={} agent={} human={} unknown={}",
                    d.path, d.counts.lines, d.counts.agent, d.counts.human, d.counts.unknown
                ),
            ));
        }
    }
    let g = &p.gate;
    if g.present {
        props.push(prop("vibeguard:gate:decisions", g.records));
        props.push(prop("vibeguard:gate:allow", g.allow));
        props.push(prop("vibeguard:gate:ask", g.ask));
        props.push(prop("vibeguard:gate:deny", g.deny));
        for r in &g.by_rule {
            props.push(prop(
                "vibeguard:gate:rule",
                format!("{} allow={} ask={} deny={}", r.rule, r.allow, r.ask, r.deny),
            ));
        }
        props.push(prop("vibeguard:gate:writes", g.writes.len()));
        props.push(prop("vibeguard:gate:installs", g.installs.len()));
    }
    for w in &p.warnings {
        props.push(prop("vibeguard:ai:warning", w));
    }
    props
}

fn scope(c: &Component) -> &'static str {
    if c.dev { "optional" } else { "required" }
}

fn license_value(text: &str) -> Value {
    match licenses::classify(text) {
        License::Id(id) => json!([{"license": {"id": id}}]),
        License::Expression(e) => json!([{"expression": e}]),
        License::Name(n) => json!([{"license": {"name": n}}]),
    }
}

/// The CycloneDX component type of a component kind.
fn component_type(c: &Component) -> &'static str {
    match c.kind {
        Kind::Package | Kind::Member => "library",
        Kind::GithubAction => "application",
        Kind::ContainerImage => "container",
    }
}

fn library(c: &Component, bom: &Bom) -> Value {
    let mut v = json!({
        "type": component_type(c),
        "bom-ref": c.bom_ref,
        "name": c.name,
        "scope": scope(c),
        "purl": c.purl,
    });
    if let Some(ver) = &c.version {
        v["version"] = json!(ver);
    }
    if !c.hashes.is_empty() {
        v["hashes"] = Value::Array(
            c.hashes
                .iter()
                .map(|h| json!({"alg": h.alg, "content": h.hex}))
                .collect(),
        );
    }
    if let Some(l) = &c.license {
        v["licenses"] = license_value(l);
    }
    if let Some(r) = &c.resolved
        && (r.starts_with("https://") || r.starts_with("http://") || r.starts_with("git+"))
    {
        let kind = if r.starts_with("git") || c.origin == vibeguard_deps::Origin::Git {
            "vcs"
        } else {
            "distribution"
        };
        v["externalReferences"] = json!([{"type": kind, "url": r}]);
    }
    v["evidence"] = json!({
        "occurrences": c.occurrences.iter().map(|o| json!({"location": o.file, "line": o.line})).collect::<Vec<_>>(),
    });
    let mut props = Vec::new();
    if let Some(e) = c.ecosystem {
        props.push(prop("vibeguard:dep:ecosystem", e.osv_name()));
    }
    if c.fixture {
        props.push(prop("vibeguard:dep:fixture", true));
    }
    for (k, val) in &c.extra {
        props.push(prop(&format!("vibeguard:{k}"), val));
    }
    if let Some(d) = c.direct {
        props.push(prop("vibeguard:dep:direct", d));
    }
    if let Some(r) = &c.requirement {
        props.push(prop("vibeguard:dep:requirement", r));
    }
    if c.origin != vibeguard_deps::Origin::Registry {
        props.push(prop(
            "vibeguard:dep:origin",
            serde_json::to_value(&c.origin)
                .ok()
                .and_then(|x| x.as_str().map(str::to_string))
                .unwrap_or_default(),
        ));
    }
    for h in &c.other_hashes {
        props.push(prop("vibeguard:dep:checksum", h));
    }
    if let Some(cp) = bom
        .provenance
        .as_ref()
        .and_then(|p| p.component(&c.bom_ref))
    {
        props.push(prop("vibeguard:ai:origin", cp.origin.as_str()));
        if let Some(a) = &cp.agent {
            props.push(prop("vibeguard:ai:agent", a));
        }
        if let Some(m) = &cp.model {
            props.push(prop("vibeguard:ai:model", m));
        }
        if let Some(ci) = &cp.introduced_by {
            props.push(prop("vibeguard:ai:introduced-by", &ci.id));
            props.push(prop("vibeguard:ai:introduced-at", &ci.time));
        } else {
            props.push(prop("vibeguard:ai:introduced-by", "uncommitted"));
        }
        for s in &cp.sources {
            props.push(prop("vibeguard:ai:source", s));
        }
        for e in &cp.evidence {
            props.push(prop("vibeguard:ai:evidence", e));
        }
    }
    v["properties"] = Value::Array(props);
    v
}

/// bom-ref of an agent component.
pub fn agent_ref(agent: &str) -> String {
    format!("agent:{agent}")
}

/// bom-ref of a model component.
pub fn model_ref(agent: &str, model: &str) -> String {
    format!("model:{agent}:{model}")
}

fn agents_and_models(p: &Provenance) -> Vec<Value> {
    let mut out = Vec::new();
    let mut seen_models = BTreeSet::new();
    for a in &p.agents {
        out.push(json!({
            "type": "application",
            "bom-ref": agent_ref(&a.agent),
            "name": a.agent,
            "properties": [
                prop("vibeguard:ai:role", "coding-agent"),
                prop("vibeguard:ai:lines-agent", a.lines),
                prop("vibeguard:ai:files", a.files),
                prop("vibeguard:ai:commits", a.commits),
                prop("vibeguard:gate:writes", a.gate_writes),
                prop("vibeguard:gate:allow", a.gate_decisions[0]),
                prop("vibeguard:gate:ask", a.gate_decisions[1]),
                prop("vibeguard:gate:deny", a.gate_decisions[2]),
                prop("vibeguard:ai:sources", a.sources.join(",")),
            ],
        }));
        for m in &a.models {
            if seen_models.insert((a.agent.clone(), m.clone())) {
                out.push(json!({
                    "type": "machine-learning-model",
                    "bom-ref": model_ref(&a.agent, m),
                    "name": m,
                    "properties": [prop("vibeguard:ai:used-by", &a.agent)],
                }));
            }
        }
    }
    out
}

fn files(p: &Provenance) -> Vec<Value> {
    p.files
        .iter()
        .filter(|f| f.counts.agent + f.counts.human > 0 || f.gate_writes > 0)
        .map(|f| {
            let mut props = vec![
                prop("vibeguard:ai:lines", f.counts.lines),
                prop("vibeguard:ai:lines-agent", f.counts.agent),
                prop("vibeguard:ai:lines-human", f.counts.human),
                prop("vibeguard:ai:lines-unknown", f.counts.unknown),
            ];
            for (s, n) in &f.counts.by_source {
                props.push(prop("vibeguard:ai:lines-by-source", format!("{s}={n}")));
            }
            for a in &f.agents {
                props.push(prop("vibeguard:ai:agent", a));
            }
            for m in &f.models {
                props.push(prop("vibeguard:ai:model", m));
            }
            if f.gate_writes > 0 {
                props.push(prop("vibeguard:gate:writes", f.gate_writes));
            }
            for r in f
                .runs
                .iter()
                .filter(|r| r.attribution.origin != Origin::Unknown)
            {
                let a = &r.attribution;
                props.push(prop(
                    "vibeguard:ai:range",
                    format!(
                        "{}-{} {} {}{}{}",
                        r.start,
                        r.end,
                        a.origin.as_str(),
                        a.source.as_str(),
                        a.agent
                            .as_ref()
                            .map(|x| format!(" agent={x}"))
                            .unwrap_or_default(),
                        a.model
                            .as_ref()
                            .map(|x| format!(" model={x}"))
                            .unwrap_or_default(),
                    ),
                ));
            }
            json!({
                "type": "file",
                "bom-ref": format!("file:{}", f.path),
                "name": f.path,
                "properties": props,
            })
        })
        .collect()
}

fn source_of(id: &str) -> Value {
    let prefix = id.split('-').next().unwrap_or("");
    match prefix {
        "GHSA" => {
            json!({"name": "GitHub Advisory Database", "url": format!("https://github.com/advisories/{id}")})
        }
        "CVE" => json!({"name": "NVD", "url": format!("https://nvd.nist.gov/vuln/detail/{id}")}),
        _ => json!({"name": "OSV", "url": format!("https://osv.dev/vulnerability/{id}")}),
    }
}

fn severity_name(s: vibeguard_core::Severity) -> &'static str {
    use vibeguard_core::Severity::*;
    match s {
        Critical => "critical",
        High => "high",
        Medium => "medium",
        Low => "low",
        Info => "info",
    }
}

fn vulnerability(v: &VulnEntry, _bom: &Bom) -> Value {
    let mut rating = json!({"source": source_of(&v.id), "severity": severity_name(v.severity)});
    if let Some(s) = v.score {
        rating["score"] = json!(s);
    }
    if let Some(m) = v.method {
        rating["method"] = json!(m);
    }
    if let Some(vec) = &v.vector {
        rating["vector"] = json!(vec);
    }
    let mut out = json!({
        "bom-ref": format!("vuln:{}", v.id),
        "id": v.id,
        "source": source_of(&v.id),
        "ratings": [rating],
        "description": v.summary,
        "affects": v.affects.iter().map(|a| {
            let mut versions = vec![json!({"version": a.version, "status": "affected"})];
            if let Some(f) = &a.fixed {
                versions.push(json!({"version": f, "status": "unaffected"}));
            }
            json!({"ref": a.bom_ref, "versions": versions})
        }).collect::<Vec<_>>(),
    });
    if !v.aliases.is_empty() {
        out["references"] = Value::Array(
            v.aliases
                .iter()
                .map(|a| json!({"id": a, "source": source_of(a)}))
                .collect(),
        );
    }
    let fixes: BTreeSet<&str> = v
        .affects
        .iter()
        .filter_map(|a| a.fixed.as_deref())
        .collect();
    if !fixes.is_empty() {
        out["recommendation"] = json!(format!(
            "upgrade to {}",
            fixes.into_iter().collect::<Vec<_>>().join(" / ")
        ));
    }
    if let Some(p) = &v.published {
        out["published"] = json!(p);
    }
    if let Some(m) = &v.modified {
        out["updated"] = json!(m);
    }
    if v.malicious {
        out["properties"] = json!([prop("vibeguard:dep:malicious", true)]);
    }
    out
}
