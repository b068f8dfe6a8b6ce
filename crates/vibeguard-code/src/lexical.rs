//! The lexical rule framework the first code rules were written on: a keyword
//! prefilter, comment masking, and rules that match call shapes in the text. The code
//! analyzer no longer uses it (it works on syntax trees, see [`crate::analyzer`]); the
//! configuration rules of vibeguard-config still do, until they move to their own
//! parsers.

use crate::lang::Lang;
use crate::rule::{CodeFile, CodeRule, Hit};
use crate::text;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::time::Instant;
use vibeguard_core::{AnalyzeContext, Analyzer, Finding, Location, RuleInfo, SourceFile};

/// A set of lexical rules behind one keyword prefilter; the code and config analyzers
/// are both one of these.
pub struct RuleSetAnalyzer {
    name: &'static str,
    rules: Vec<Box<dyn CodeRule>>,
    /// One keyword automaton per language; pattern i belongs to the rules in `owners[i]`.
    prefilters: Vec<Prefilter>,
}

struct Prefilter {
    lang: Lang,
    keywords: AhoCorasick,
    owners: Vec<Vec<usize>>,
}

impl RuleSetAnalyzer {
    pub fn new(
        name: &'static str,
        rules: Vec<Box<dyn CodeRule>>,
        disabled: &[String],
    ) -> RuleSetAnalyzer {
        let rules: Vec<Box<dyn CodeRule>> = rules
            .into_iter()
            .filter(|r| !disabled.iter().any(|d| d == r.meta().id))
            .collect();
        let mut langs: Vec<Lang> = rules.iter().flat_map(|r| r.meta().langs.to_vec()).collect();
        langs.dedup();
        let mut prefilters: Vec<Prefilter> = Vec::new();
        for lang in langs {
            if prefilters.iter().any(|p| p.lang == lang) {
                continue;
            }
            let mut words: Vec<String> = Vec::new();
            let mut owners: Vec<Vec<usize>> = Vec::new();
            for (i, r) in rules.iter().enumerate() {
                if !r.meta().langs.contains(&lang) {
                    continue;
                }
                for k in r.meta().keywords {
                    let k = k.to_ascii_lowercase();
                    match words.iter().position(|w| *w == k) {
                        Some(p) => owners[p].push(i),
                        None => {
                            words.push(k);
                            owners.push(vec![i]);
                        }
                    }
                }
            }
            let keywords = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostFirst)
                .build(&words)
                .expect("rule keywords form a valid automaton");
            prefilters.push(Prefilter {
                lang,
                keywords,
                owners,
            });
        }
        RuleSetAnalyzer {
            name,
            rules,
            prefilters,
        }
    }

    /// Which rules of `lang` have a keyword in `text`. Leftmost-first search (not
    /// overlapping) can use the SIMD prefilter; keywords are per language, so one rule's
    /// keyword rarely hides another's.
    fn candidates(&self, text: &str, lang: Lang) -> Vec<usize> {
        let Some(p) = self.prefilters.iter().find(|p| p.lang == lang) else {
            return Vec::new();
        };
        let mut wanted = vec![false; self.rules.len()];
        for m in p.keywords.find_iter(text) {
            for &i in &p.owners[m.pattern().as_usize()] {
                wanted[i] = true;
            }
        }
        (0..self.rules.len()).filter(|&i| wanted[i]).collect()
    }
}

impl Analyzer for RuleSetAnalyzer {
    fn name(&self) -> &'static str {
        self.name
    }

    fn rules(&self) -> Vec<RuleInfo> {
        self.rules.iter().map(|r| r.info()).collect()
    }

    fn wants(&self, path: &str) -> bool {
        Lang::of_path(path).is_some_and(|l| self.rules.iter().any(|r| r.meta().langs.contains(&l)))
    }

    fn analyze(&self, file: &SourceFile<'_>, cx: &mut AnalyzeContext) {
        let Some(lang) = Lang::of_path(file.path) else {
            return;
        };
        let Ok(source) = std::str::from_utf8(file.bytes) else {
            return;
        };
        let candidates = self.candidates(source, lang);
        if candidates.is_empty() {
            return;
        }
        // Rules run on the source as it is; comments are masked only when some rule hit,
        // which is rare, so most files never pay for the masking pass.
        let code = CodeFile {
            lang,
            path: file.path,
            text: source,
        };
        let mut hits: Vec<(usize, Hit)> = Vec::new();
        for i in candidates {
            let rule = &self.rules[i];
            let started = cx.timing_enabled().then(Instant::now);
            let mut rule_hits = Vec::new();
            rule.check(&code, &mut rule_hits);
            if let Some(t) = started {
                cx.add_time(rule.meta().id, t.elapsed());
            }
            hits.extend(rule_hits.into_iter().map(|h| (i, h)));
        }
        if hits.is_empty() {
            return;
        }
        let masked = text::mask_comments(source, lang);
        for (i, h) in hits {
            if text::starts_in_comment(source, &masked, h.start) {
                continue;
            }
            cx.report(finding(self.rules[i].as_ref(), file, source, &h));
        }
    }
}

fn finding(rule: &dyn CodeRule, file: &SourceFile<'_>, source: &str, h: &Hit) -> Finding {
    let m = rule.meta();
    let end = h.end.min(source.len());
    let (line, column) = text::line_col(source, h.start);
    let (end_line, end_column) = text::line_col(source, end);
    let matched = source.get(h.start..end).unwrap_or("");
    let confidence = if file.class.test {
        m.confidence.lowered()
    } else {
        m.confidence
    };
    Finding {
        rule_id: m.id.to_string(),
        severity: m.severity,
        confidence,
        message: m.message.to_string(),
        location: Location {
            path: file.path.to_string(),
            line,
            column,
            end_line,
            end_column,
            byte_start: h.start,
            byte_end: end,
        },
        snippet: text::line_at(source, h.start).to_string(),
        secret: None,
        fingerprint: Finding::fingerprint_for(m.id, file.path, matched.as_bytes()),
        provenance: None,
        fix: h.fix.clone(),
        flow: Vec::new(),
    }
}
