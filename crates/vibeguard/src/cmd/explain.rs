//! `vibeguard explain ID`: one rule's documentation (the same markdown SARIF carries).

use crate::cmd::rules::catalogue;
use crate::cmd::scan::write_stdout;
use anyhow::bail;
use std::process::ExitCode;
use vibeguard_core::RuleInfo;
use vibeguard_core::suggest::{close_enough, edit_distance as levenshtein};

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// Rule id, e.g. `secrets/github-pat` (the part after `/` is enough when unique).
    #[arg(value_name = "ID")]
    pub id: String,
}

pub fn run(args: ExplainArgs) -> anyhow::Result<ExitCode> {
    let rules = catalogue()?;
    let rule = find(&rules, &args.id)?;
    write_stdout(&rule.markdown())?;
    Ok(ExitCode::SUCCESS)
}

/// Exact id, or a slug that names exactly one rule; otherwise an error with the closest
/// ids as suggestions.
pub fn find<'a>(rules: &'a [RuleInfo], id: &str) -> anyhow::Result<&'a RuleInfo> {
    if let Some(r) = rules.iter().find(|r| r.id == id) {
        return Ok(r);
    }
    let by_slug: Vec<&RuleInfo> = rules
        .iter()
        .filter(|r| r.id.rsplit('/').next() == Some(id))
        .collect();
    if let [one] = by_slug.as_slice() {
        return Ok(one);
    }
    let mut scored: Vec<(usize, &str)> = rules
        .iter()
        .map(|r| {
            let slug = r.id.rsplit('/').next().unwrap_or(&r.id);
            (
                levenshtein(id, &r.id).min(levenshtein(id, slug)),
                r.id.as_str(),
            )
        })
        .collect();
    scored.sort();
    let limit = close_enough(id);
    let close: Vec<&str> = scored
        .iter()
        .take_while(|(d, _)| *d <= limit)
        .take(3)
        .map(|(_, s)| *s)
        .collect();
    let safe = vibeguard_report::sanitize::terminal_safe(id);
    if by_slug.len() > 1 {
        let ids: Vec<&str> = by_slug.iter().map(|r| r.id.as_str()).collect();
        bail!("`{safe}` is ambiguous: {}", ids.join(", "));
    }
    match close.as_slice() {
        [] => bail!("unknown rule `{safe}` (see `vibeguard rules`)"),
        ids => bail!(
            "unknown rule `{safe}`; did you mean {}?",
            ids.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vibeguard_core::{Confidence, RuleDoc, Severity};

    fn rule(id: &str) -> RuleInfo {
        RuleInfo {
            id: id.into(),
            title: id.into(),
            cwe: vec![798],
            severity: Severity::High,
            confidence: Confidence::High,
            message: String::new(),
            doc: RuleDoc::default(),
            tags: Vec::new(),
        }
    }

    #[test]
    fn finds_by_id_or_unique_slug_and_suggests_close_ids() {
        let rules = vec![
            rule("secrets/github-pat"),
            rule("secrets/gitlab-pat"),
            rule("gate/rm-rf"),
        ];
        assert_eq!(
            find(&rules, "secrets/github-pat").unwrap().id,
            "secrets/github-pat"
        );
        assert_eq!(find(&rules, "rm-rf").unwrap().id, "gate/rm-rf");
        let e = find(&rules, "secrets/github-pta").unwrap_err().to_string();
        assert!(e.contains("did you mean `secrets/github-pat`"), "{e}");
        let e = find(&rules, "zzzzzzzzzzzzzzzzzzzz")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "unknown rule `zzzzzzzzzzzzzzzzzzzz` (see `vibeguard rules`)"
        );
    }
}
