//! SPDX 3.0.1 JSON-LD: the same content as the CycloneDX document where SPDX has a place
//! for it.
//!
//! - components are `software_Package`s (purl as `software_packageUrl` and as an
//!   external identifier, hashes as `verifiedUsing`, licenses as
//!   `simplelicensing_LicenseExpression` with `hasDeclaredLicense`); the project
//!   `dependsOn` its direct dependencies through `LifecycleScopedRelationship`s (scope
//!   `runtime` or `development`), and the lockfiles' edges are `dependsOn`;
//! - the dependency files are `software_File`s the project `hasDependencyManifest`;
//! - vulnerabilities are `security_Vulnerability`s (CVE and other ids as external
//!   identifiers) that packages `hasAssociatedVulnerability`, with CVSS assessments
//!   (`hasAssessmentFor`) and the fixed version (`fixedIn` a package element);
//! - coding agents are `SoftwareAgent`s, the models they used `software_Package`s with
//!   purpose `model`; files with attributed lines are `software_File`s `modifiedBy` the
//!   agents; lines by origin, how each component got in, and the gate's decisions are
//!   `Annotation`s (SPDX has no property for them).

use crate::components::Kind;
use crate::licenses::{self, License};
use crate::provenance::{Origin, UNKNOWN_NOTE};
use crate::{Bom, markdown};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

pub const SPEC_VERSION: &str = "3.0.1";
pub const CONTEXT: &str = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";
const CI: &str = "_:creationinfo";

/// SPDX timestamps: seconds, UTC, `Z`.
fn spdx_time(t: &str) -> Option<String> {
    let ts = t.parse::<jiff::Timestamp>().ok()?;
    Some(ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

fn hash_alg(alg: &str) -> &'static str {
    match alg {
        "MD5" => "md5",
        "SHA-1" => "sha1",
        "SHA-256" => "sha256",
        "SHA-384" => "sha384",
        "SHA-512" => "sha512",
        _ => "other",
    }
}

struct Graph {
    base: String,
    items: Vec<Value>,
    ids: Vec<String>,
    n: u64,
}

impl Graph {
    fn id(&mut self, kind: &str) -> String {
        self.n += 1;
        format!("{}{kind}-{}", self.base, self.n)
    }

    fn element(&mut self, mut v: Value) -> String {
        let id = v["spdxId"].as_str().unwrap_or_default().to_string();
        v["creationInfo"] = json!(CI);
        self.ids.push(id.clone());
        self.items.push(v);
        id
    }

    fn relationship(&mut self, from: &str, kind: &str, to: Vec<String>) -> Option<String> {
        if to.is_empty() {
            return None;
        }
        let id = self.id("rel");
        Some(self.element(json!({
            "type": "Relationship",
            "spdxId": id,
            "from": from,
            "relationshipType": kind,
            "to": to,
        })))
    }

    fn annotation(&mut self, subject: &str, statement: String) -> String {
        let id = self.id("note");
        self.element(json!({
            "type": "Annotation",
            "spdxId": id,
            "annotationType": "other",
            "subject": subject,
            "statement": statement,
        }))
    }
}

/// The BOM as an SPDX 3.0.1 JSON-LD value.
pub fn to_value(bom: &Bom) -> Value {
    let uuid = bom.meta.serial.trim_start_matches("urn:uuid:");
    let mut g = Graph {
        base: format!("urn:spdx:vibeguard:{uuid}#"),
        items: Vec::new(),
        ids: Vec::new(),
        n: 0,
    };
    let created = spdx_time(&bom.meta.timestamp).unwrap_or_else(|| bom.meta.timestamp.clone());
    let creator = format!("{}agent-vibeguard", g.base);
    let tool = format!("{}tool-vibeguard", g.base);
    g.element(json!({"type": "SoftwareAgent", "spdxId": creator, "name": "vibeguard"}));
    g.element(json!({
        "type": "Tool",
        "spdxId": tool,
        "name": format!("vibeguard {}", bom.meta.tool_version),
        "comment": bom.meta.ruleset.clone().unwrap_or_default(),
    }));
    // The project.
    let root = format!("{}project", g.base);
    let mut root_el = json!({
        "type": "software_Package",
        "spdxId": root,
        "name": bom.meta.name,
        "software_primaryPurpose": "application",
    });
    if let Some(c) = &bom.meta.commit {
        root_el["software_packageVersion"] = json!(c);
    }
    if let Some(r) = &bom.meta.repository
        && r.contains("://")
    {
        root_el["externalRef"] =
            json!([{"type": "ExternalRef", "externalRefType": "vcs", "locator": [r]}]);
    }
    g.element(root_el);
    // Dependency files.
    let mut manifests = Vec::new();
    for f in &bom.components.files {
        let id = g.id("file");
        manifests.push(g.element(json!({
            "type": "software_File",
            "spdxId": id,
            "name": f,
            "software_primaryPurpose": "manifest",
        })));
    }
    g.relationship(&root, "hasDependencyManifest", manifests);
    // Packages.
    let mut pkg_ids: BTreeMap<String, String> = BTreeMap::new();
    let mut license_ids: BTreeMap<String, String> = BTreeMap::new();
    for c in &bom.components.list {
        let id = g.id("pkg");
        let mut el = json!({
            "type": "software_Package",
            "spdxId": id,
            "name": c.name,
            "software_packageUrl": c.purl,
            "software_primaryPurpose": match c.kind {
                Kind::Package | Kind::Member => "library",
                Kind::GithubAction => "application",
                Kind::ContainerImage => "container",
            },
            "externalIdentifier": [{
                "type": "ExternalIdentifier",
                "externalIdentifierType": "packageUrl",
                "identifier": c.purl,
            }],
        });
        if let Some(v) = &c.version {
            el["software_packageVersion"] = json!(v);
        }
        if !c.hashes.is_empty() {
            el["verifiedUsing"] = Value::Array(
                c.hashes
                    .iter()
                    .map(|h| json!({"type": "Hash", "algorithm": hash_alg(h.alg), "hashValue": h.hex}))
                    .collect(),
            );
        }
        if let Some(r) = &c.resolved
            && (r.starts_with("https://") || r.starts_with("http://"))
        {
            el["software_downloadLocation"] = json!(r);
        }
        let declared: Vec<String> = c
            .occurrences
            .iter()
            .map(|o| format!("{}:{}", o.file, o.line))
            .collect();
        el["comment"] = json!(format!(
            "{}declared in {}{}{}{}",
            match c.kind {
                Kind::Package => "",
                Kind::Member => "the project's own package; ",
                Kind::GithubAction => "used by CI; ",
                Kind::ContainerImage => "run by CI; ",
            },
            declared.join(", "),
            if c.fixture { "; test data" } else { "" },
            if c.dev { "; development only" } else { "" },
            c.requirement
                .as_ref()
                .map(|r| format!("; requirement {r}"))
                .unwrap_or_default()
        ));
        g.element(el);
        pkg_ids.insert(c.bom_ref.clone(), id.clone());
        if let Some(l) = &c.license {
            let expr = match licenses::classify(l) {
                License::Id(x) | License::Expression(x) => x,
                License::Name(n) => licenses::license_ref(&n),
            };
            let lid = match license_ids.get(&expr) {
                Some(x) => x.clone(),
                None => {
                    let lid = g.id("license");
                    g.element(json!({
                        "type": "simplelicensing_LicenseExpression",
                        "spdxId": lid,
                        "simplelicensing_licenseExpression": expr,
                    }));
                    license_ids.insert(expr.clone(), lid.clone());
                    lid
                }
            };
            g.relationship(&id, "hasDeclaredLicense", vec![lid]);
        }
    }
    // The project's direct dependencies by lifecycle, then the lockfiles' edges.
    for (scope, dev) in [("runtime", false), ("development", true)] {
        let to: Vec<String> = bom
            .components
            .list
            .iter()
            .filter(|c| c.direct == Some(true) && c.dev == dev)
            .filter_map(|c| pkg_ids.get(&c.bom_ref).cloned())
            .collect();
        if !to.is_empty() {
            let id = g.id("rel");
            g.element(json!({
                "type": "LifecycleScopedRelationship",
                "spdxId": id,
                "from": root,
                "relationshipType": "dependsOn",
                "to": to,
                "scope": scope,
            }));
        }
    }
    for c in &bom.components.list {
        let to: Vec<String> = c
            .depends_on
            .iter()
            .filter_map(|r| pkg_ids.get(r).cloned())
            .collect();
        if let Some(from) = pkg_ids.get(&c.bom_ref).cloned() {
            g.relationship(&from, "dependsOn", to);
        }
    }
    vulnerabilities(&mut g, bom, &pkg_ids);
    if let Some(p) = &bom.provenance {
        provenance(&mut g, bom, p, &root, &pkg_ids);
    }
    // The SBOM and the document around everything.
    let sbom = format!("{}sbom", g.base);
    let mut elements = g.ids.clone();
    let sbom_el = json!({
        "type": "software_Sbom",
        "spdxId": sbom,
        "name": format!("AI bill of materials of {}", bom.meta.name),
        "rootElement": [root],
        "element": elements.clone(),
        "software_sbomType": ["source"],
        "profileConformance": ["core", "software", "security", "simpleLicensing"],
    });
    g.element(sbom_el);
    elements.push(sbom.clone());
    let doc = format!("{}document", g.base);
    let data_license = g.id("license");
    g.element(json!({
        "type": "simplelicensing_LicenseExpression",
        "spdxId": data_license,
        "simplelicensing_licenseExpression": "CC0-1.0",
    }));
    let mut doc_el = json!({
        "type": "SpdxDocument",
        "spdxId": doc,
        "name": format!("{} (vibeguard AI-BOM)", bom.meta.name),
        "rootElement": [sbom],
        "element": elements,
        "profileConformance": ["core", "software", "security", "simpleLicensing"],
        "dataLicense": data_license,
    });
    doc_el["creationInfo"] = json!(CI);
    let mut graph = vec![json!({
        "type": "CreationInfo",
        "@id": CI,
        "created": created,
        "createdBy": [creator],
        "createdUsing": [tool],
        "specVersion": SPEC_VERSION,
    })];
    graph.extend(g.items);
    graph.push(doc_el);
    json!({"@context": CONTEXT, "@graph": graph})
}

/// The BOM as pretty-printed SPDX 3.0.1 JSON-LD.
pub fn to_string(bom: &Bom) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(bom)).unwrap_or_default();
    s.push('\n');
    s
}

fn vulnerabilities(g: &mut Graph, bom: &Bom, pkg_ids: &BTreeMap<String, String>) {
    for v in &bom.vulnerabilities.entries {
        let vid = g.id("vuln");
        let ident = |id: &str| {
            let kind = if id.starts_with("CVE-") {
                "cve"
            } else {
                "securityOther"
            };
            let url = if id.starts_with("GHSA-") {
                format!("https://github.com/advisories/{id}")
            } else if id.starts_with("CVE-") {
                format!("https://nvd.nist.gov/vuln/detail/{id}")
            } else {
                format!("https://osv.dev/vulnerability/{id}")
            };
            json!({
                "type": "ExternalIdentifier",
                "externalIdentifierType": kind,
                "identifier": id,
                "identifierLocator": [url],
            })
        };
        let mut el = json!({
            "type": "security_Vulnerability",
            "spdxId": vid,
            "name": v.id,
            "summary": v.summary,
            "description": format!(
                "{}{}{}",
                v.severity,
                v.score.map(|s| format!(" (CVSS {s:.1})")).unwrap_or_default(),
                if v.malicious { "; a known malicious package" } else { "" }
            ),
            "externalIdentifier": std::iter::once(v.id.as_str())
                .chain(v.aliases.iter().map(String::as_str))
                .map(ident)
                .collect::<Vec<_>>(),
        });
        if let Some(t) = v.published.as_deref().and_then(spdx_time) {
            el["security_publishedTime"] = json!(t);
        }
        if let Some(t) = v.modified.as_deref().and_then(spdx_time) {
            el["security_modifiedTime"] = json!(t);
        }
        g.element(el);
        let affected: Vec<String> = v
            .affects
            .iter()
            .filter_map(|a| pkg_ids.get(&a.bom_ref).cloned())
            .collect();
        for a in &affected {
            g.relationship(a, "hasAssociatedVulnerability", vec![vid.clone()]);
        }
        if let (Some(method), Some(vector), Some(score)) = (v.method, &v.vector, v.score) {
            let kind = match method {
                "CVSSv4" => Some("security_CvssV4VulnAssessmentRelationship"),
                "CVSSv31" | "CVSSv3" => Some("security_CvssV3VulnAssessmentRelationship"),
                "CVSSv2" => Some("security_CvssV2VulnAssessmentRelationship"),
                _ => None,
            };
            if let Some(kind) = kind
                && !affected.is_empty()
            {
                let id = g.id("cvss");
                let mut el = json!({
                    "type": kind,
                    "spdxId": id,
                    "from": vid,
                    "relationshipType": "hasAssessmentFor",
                    "to": affected,
                    "security_score": score,
                    "security_vectorString": vector,
                });
                if kind != "security_CvssV2VulnAssessmentRelationship" {
                    let sev = match v.severity {
                        vibeguard_core::Severity::Critical => "critical",
                        vibeguard_core::Severity::High => "high",
                        vibeguard_core::Severity::Medium => "medium",
                        vibeguard_core::Severity::Low => "low",
                        vibeguard_core::Severity::Info => "none",
                    };
                    el["security_severity"] = json!(sev);
                }
                g.element(el);
            }
        }
        // The versions that fix it, as packages of their own.
        let mut fixed: BTreeSet<(String, String)> = BTreeSet::new();
        for a in &v.affects {
            if let (Some(f), Some(c)) = (&a.fixed, bom.components.by_ref(&a.bom_ref)) {
                fixed.insert((
                    c.ecosystem
                        .map(|e| e.purl(&c.name, Some(f)))
                        .unwrap_or_else(|| c.purl.clone()),
                    format!("{}@{f}", c.name),
                ));
            }
        }
        let mut fixed_ids = Vec::new();
        for (purl, name) in fixed {
            let id = g.id("pkg");
            fixed_ids.push(g.element(json!({
                "type": "software_Package",
                "spdxId": id,
                "name": name,
                "software_packageUrl": purl,
                "software_primaryPurpose": "library",
            })));
        }
        g.relationship(&vid, "fixedIn", fixed_ids);
    }
}

fn provenance(
    g: &mut Graph,
    bom: &Bom,
    p: &crate::provenance::Provenance,
    root: &str,
    pkg_ids: &BTreeMap<String, String>,
) {
    g.annotation(root, markdown::provenance_sentence(p));
    g.annotation(
        root,
        format!(
            "AI provenance: lines={} agent={} human={} unknown={}; by source: {}. {UNKNOWN_NOTE}.",
            p.totals.lines,
            p.totals.agent,
            p.totals.human,
            p.totals.unknown,
            p.totals
                .by_source
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    if p.gate.present {
        let rules: Vec<String> = p
            .gate
            .by_rule
            .iter()
            .map(|r| format!("{} allow={} ask={} deny={}", r.rule, r.allow, r.ask, r.deny))
            .collect();
        g.annotation(
            root,
            format!(
                "Gate decisions: {} actions, allow={} ask={} deny={}; by rule: {}",
                p.gate.records,
                p.gate.allow,
                p.gate.ask,
                p.gate.deny,
                if rules.is_empty() {
                    "none".into()
                } else {
                    rules.join("; ")
                }
            ),
        );
    }
    let mut agent_ids: BTreeMap<String, String> = BTreeMap::new();
    for a in &p.agents {
        let id = g.id("agent");
        g.element(json!({
            "type": "SoftwareAgent",
            "spdxId": id,
            "name": a.agent,
            "comment": format!(
                "coding agent: {} lines in {} files, {} marked commits, {} writes through the gate; sources: {}",
                a.lines, a.files, a.commits, a.gate_writes, a.sources.join(", ")
            ),
        }));
        agent_ids.insert(a.agent.clone(), id.clone());
        let mut models = Vec::new();
        for m in &a.models {
            let mid = g.id("model");
            models.push(g.element(json!({
                "type": "software_Package",
                "spdxId": mid,
                "name": m,
                "software_primaryPurpose": "model",
                "comment": format!("model used by the coding agent {}", a.agent),
            })));
        }
        g.relationship(&id, "usesTool", models);
    }
    for f in p
        .files
        .iter()
        .filter(|f| f.counts.agent + f.counts.human > 0 || f.gate_writes > 0)
    {
        let id = g.id("file");
        g.element(json!({
            "type": "software_File",
            "spdxId": id,
            "name": f.path,
            "software_primaryPurpose": "source",
        }));
        let runs: Vec<String> = f
            .runs
            .iter()
            .filter(|r| r.attribution.origin != Origin::Unknown)
            .map(|r| {
                format!(
                    "{}-{} {} ({}{}{})",
                    r.start,
                    r.end,
                    r.attribution.origin.as_str(),
                    r.attribution.source.as_str(),
                    r.attribution
                        .agent
                        .as_ref()
                        .map(|a| format!(", {a}"))
                        .unwrap_or_default(),
                    r.attribution
                        .model
                        .as_ref()
                        .map(|m| format!(", {m}"))
                        .unwrap_or_default()
                )
            })
            .collect();
        g.annotation(
            &id,
            format!(
                "lines={} agent={} human={} unknown={}; gate writes={}; ranges: {}",
                f.counts.lines,
                f.counts.agent,
                f.counts.human,
                f.counts.unknown,
                f.gate_writes,
                runs.join("; ")
            ),
        );
        let by: Vec<String> = f
            .agents
            .iter()
            .filter_map(|a| agent_ids.get(a).cloned())
            .collect();
        g.relationship(&id, "modifiedBy", by);
    }
    for c in &p.components {
        let Some(pid) = pkg_ids.get(&c.bom_ref) else {
            continue;
        };
        if c.origin == Origin::Unknown && c.introduced_by.is_none() {
            continue;
        }
        let intro = match &c.introduced_by {
            Some(i) => format!("introduced by commit {} ({}, {})", i.id, i.time, i.subject),
            None => "not committed yet".into(),
        };
        g.annotation(
            pid,
            format!(
                "{intro}; origin {}{}{}; sources: {}; {}",
                c.origin.as_str(),
                c.agent
                    .as_ref()
                    .map(|a| format!(" ({a})"))
                    .unwrap_or_default(),
                c.model
                    .as_ref()
                    .map(|m| format!(", model {m}"))
                    .unwrap_or_default(),
                if c.sources.is_empty() {
                    "none".into()
                } else {
                    c.sources.join(", ")
                },
                c.evidence.join("; ")
            ),
        );
        if c.origin == Origin::Agent
            && let Some(aid) = c.agent.as_ref().and_then(|a| agent_ids.get(a)).cloned()
        {
            g.relationship(pid, "modifiedBy", vec![aid]);
        }
    }
    let _ = bom;
}
