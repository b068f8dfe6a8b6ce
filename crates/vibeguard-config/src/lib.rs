//! Insecure configuration and infrastructure, read with real parsers: Dockerfiles,
//! Compose files, Kubernetes manifests, Terraform, GitHub Actions workflows, nginx,
//! redis.conf, sshd_config, the coding agents' own settings and MCP server lists, `.env`
//! files and package.json install scripts.
//!
//! A file's kind comes from its name or its content ([`detect`]); it is parsed once into
//! a spanned structure ([`parse`], [`tree`]); every rule for that kind reads the structure
//! (one rule per file under `rules/`, its documentation in its doc comment). A file that
//! does not parse is a warning naming the file and line, and the scan goes on.

pub mod detect;
pub mod parse;
pub mod rule;
pub mod rules;
pub mod shell;
pub mod source;
pub mod tree;

use detect::{Evidence, Kind, Syntax};
use rule::{File, Parsed, Rule};
use source::LineIndex;
use std::collections::HashMap;
use std::time::Instant;
use vibeguard_core::{AnalyzeContext, Analyzer, Finding, Location, RuleInfo, SourceFile};

/// The configuration analyzer: every built-in configuration rule except the ids in
/// `disabled`.
pub fn config_analyzer(disabled: &[String]) -> ConfigAnalyzer {
    ConfigAnalyzer::new(rules::all(), disabled)
}

pub struct ConfigAnalyzer {
    rules: Vec<Box<dyn Rule>>,
    by_kind: HashMap<Kind, Vec<usize>>,
}

impl ConfigAnalyzer {
    pub fn new(rules: Vec<Box<dyn Rule>>, disabled: &[String]) -> ConfigAnalyzer {
        let rules: Vec<Box<dyn Rule>> = rules
            .into_iter()
            .filter(|r| !disabled.iter().any(|d| d == r.meta().id))
            .collect();
        let mut by_kind: HashMap<Kind, Vec<usize>> = HashMap::new();
        for (i, r) in rules.iter().enumerate() {
            for k in r.meta().kinds {
                by_kind.entry(*k).or_default().push(i);
            }
        }
        ConfigAnalyzer { rules, by_kind }
    }
}

/// Parse a file as its kind's syntax; `Err((line, message))` when it does not parse.
pub fn parse_as(kind: Kind, text: &str) -> Result<Parsed, (usize, String)> {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    match kind.syntax() {
        Syntax::Yaml => parse::yaml::parse(text)
            .map(Parsed::Yaml)
            .map_err(|e| (e.line, e.message)),
        Syntax::Json => parse::json::parse(text)
            .map(Parsed::Tree)
            .map_err(|e| (line_of(e.offset), e.message)),
        Syntax::Toml => parse::toml::parse(text)
            .map(Parsed::Tree)
            .map_err(|e| (line_of(e.offset), e.message)),
        Syntax::Dockerfile => parse::dockerfile::parse(text)
            .map(Parsed::Dockerfile)
            .map_err(|e| (e.line, e.message)),
        Syntax::Hcl => parse::hcl::parse(text)
            .map(Parsed::Terraform)
            .map_err(|e| (e.line, e.message)),
        Syntax::Nginx => parse::nginx::parse(text)
            .map(Parsed::Nginx)
            .map_err(|e| (line_of(e.offset), e.message)),
        Syntax::Redis => parse::directives::parse(text, false)
            .map(Parsed::Directives)
            .map_err(|e| (e.line, e.message)),
        Syntax::Sshd => parse::directives::parse(text, true)
            .map(Parsed::Directives)
            .map_err(|e| (e.line, e.message)),
        Syntax::Dotenv => Ok(Parsed::Dotenv(parse::dotenv::parse(text))),
    }
}

impl Analyzer for ConfigAnalyzer {
    fn name(&self) -> &'static str {
        "config"
    }

    fn rules(&self) -> Vec<RuleInfo> {
        self.rules.iter().map(|r| r.info()).collect()
    }

    fn wants(&self, path: &str) -> bool {
        detect::by_path(path).is_some() || detect::may_sniff(path)
    }

    fn analyze(&self, file: &SourceFile<'_>, cx: &mut AnalyzeContext) {
        let Ok(text) = std::str::from_utf8(file.bytes) else {
            return;
        };
        let Some((kind, evidence)) = detect::detect(file.path, text) else {
            return;
        };
        let Some(rule_ids) = self.by_kind.get(&kind) else {
            return;
        };
        let parsed = match parse_as(kind, text) {
            Ok(p) => p,
            Err((line, message)) => {
                if evidence == Evidence::Name {
                    cx.warn(format!(
                        "{}:{line}: not checked: does not parse as a {} ({message})",
                        file.path,
                        kind.label()
                    ));
                }
                return;
            }
        };
        // A YAML file found by content is Kubernetes only if a document says so.
        let view = File {
            path: file.path,
            text,
            kind,
            parsed: &parsed,
        };
        let lines = LineIndex::new(text);
        let mut hits = Vec::new();
        for &i in rule_ids {
            let rule = &self.rules[i];
            let t = cx.timing_enabled().then(Instant::now);
            rule.check(&view, &mut hits);
            if let Some(t) = t {
                cx.add_time(rule.meta().id, t.elapsed());
            }
            for h in hits.drain(..) {
                cx.report(finding(rule.as_ref(), file.path, text, &lines, h));
            }
        }
    }
}

fn finding(rule: &dyn Rule, path: &str, text: &str, lines: &LineIndex, h: rule::Hit) -> Finding {
    let m = rule.meta();
    let start = h.span.start.min(text.len());
    let end = h.span.end.clamp(start, text.len());
    let (line, column) = lines.position(start);
    let (end_line, end_column) = lines.position(end);
    let message = h.message.unwrap_or_else(|| m.message.to_string());
    Finding {
        flow: Vec::new(),
        properties: Default::default(),
        rule_id: m.id.to_string(),
        severity: h.severity.unwrap_or(m.severity),
        confidence: m.confidence,
        fingerprint: Finding::fingerprint_for(
            m.id,
            path,
            format!("{}\0{message}", &text[start..end]).as_bytes(),
        ),
        message,
        location: Location {
            path: path.to_string(),
            line,
            column,
            end_line,
            end_column,
            byte_start: start,
            byte_end: end,
        },
        snippet: String::new(),
        secret: None,
        provenance: None,
        fix: h.fix,
    }
}
