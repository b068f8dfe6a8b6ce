//! FriendsOfPHP security advisories (`vendor/package/<id>.yaml`): each branch lists the
//! constraints that together bound the affected versions (`['>=1.0.0', '<1.5.2']`).
//! Each branch becomes one OSV `ECOSYSTEM` range: `>=`/`>` start it (`introduced`;
//! no lower bound means from the beginning), `<` ends it (`fixed`), `<=` ends it
//! inclusively (`last_affected`).

use crate::osv::{Affected, Event, Package, Range, Record};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Advisory {
    title: Option<String>,
    link: Option<String>,
    cve: Option<String>,
    #[serde(default)]
    branches: BTreeMap<String, Branch>,
    reference: String,
}

#[derive(Deserialize)]
struct Branch {
    #[serde(default)]
    versions: Vec<String>,
}

fn range_of(constraints: &[String]) -> Option<Range> {
    let mut introduced = "0".to_string();
    let mut end: Option<Event> = None;
    for c in constraints.iter().flat_map(|c| c.split(',')) {
        let c = c.trim();
        if let Some(v) = c.strip_prefix(">=") {
            introduced = v.trim().to_string();
        } else if let Some(v) = c.strip_prefix('>') {
            // `>x` has no OSV form; the next version after x is close enough to start.
            introduced = v.trim().to_string();
        } else if let Some(v) = c.strip_prefix("<=") {
            end = Some(Event {
                last_affected: Some(v.trim().to_string()),
                ..Event::default()
            });
        } else if let Some(v) = c.strip_prefix('<') {
            end = Some(Event {
                fixed: Some(v.trim().to_string()),
                ..Event::default()
            });
        } else if let Some(v) = c.strip_prefix('=') {
            introduced = v.trim().to_string();
            end = Some(Event {
                last_affected: Some(v.trim().to_string()),
                ..Event::default()
            });
        } else if c.is_empty() {
            continue;
        } else {
            return None;
        }
    }
    let mut events = vec![Event {
        introduced: Some(introduced),
        ..Event::default()
    }];
    events.extend(end);
    Some(Range {
        kind: "ECOSYSTEM".into(),
        events,
        ..Range::default()
    })
}

pub fn convert(name: &str, text: &str) -> Result<Record, String> {
    let a: Advisory = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
    let package = a
        .reference
        .strip_prefix("composer://")
        .ok_or_else(|| format!("reference `{}` is not composer://", a.reference))?
        .to_ascii_lowercase();
    let ranges: Vec<Range> = a
        .branches
        .values()
        .filter_map(|b| range_of(&b.versions))
        .collect();
    if ranges.is_empty() {
        return Err("no branch with readable version constraints".into());
    }
    let file = name
        .rsplit('/')
        .next()
        .unwrap_or(name)
        .trim_end_matches(".yaml");
    let id = format!("FOP-{package}-{file}").replace('/', "-");
    Ok(Record {
        id,
        aliases: a
            .cve
            .into_iter()
            .filter(|c| !c.is_empty() && c != "~")
            .collect(),
        summary: a.title,
        affected: vec![Affected {
            package: Some(Package {
                ecosystem: "Packagist".into(),
                name: package,
                purl: None,
            }),
            ranges,
            ..Affected::default()
        }],
        references: a
            .link
            .into_iter()
            .map(|u| crate::osv::Reference {
                kind: "ADVISORY".into(),
                url: u,
            })
            .collect(),
        ..Record::default()
    })
}
