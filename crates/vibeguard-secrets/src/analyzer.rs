//! The secrets analyzer: keyword prefilter, windows, lazily compiled regexes, filters.
//!
//! One Aho-Corasick automaton over every rule keyword is built once. On a file it reports
//! keyword hits; only the rules owning those keywords run, and only on a small window
//! around each hit (the hit's line, a few lines for key/secret pairs, a few KiB for PEM
//! blocks). Windows of one rule are merged so a region is never searched twice by it.
//! Regexes compile on first use, so a process that scans one file pays only for the rules
//! whose keywords occur in it.

use crate::assign;
use crate::entropy::shannon;
use crate::filters::{self, Strength};
use crate::scorer::{self, Family};
use crate::spec::{AssignClass, Engine, FilterKind, RuleSpec, catalog};
use crate::validate;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::bytes::{Regex, RegexBuilder};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use std::time::Instant;
use vibeguard_core::policy::SecretsPolicy;
use vibeguard_core::{
    AnalyzeContext, Analyzer, Confidence, Finding, Location, RuleDoc, RuleInfo, SecretInfo,
    Severity, SourceFile,
};

/// Lines longer than this (minified bundles, data blobs) get byte windows around each
/// keyword instead of the whole line, and no generic-assignment parsing.
const LONG_LINE: usize = 4096;
/// Bytes either side of a keyword searched on a long line.
const LONG_LINE_REACH: usize = 256;
/// Regex compile limits: rules are small; a runaway pattern is a defect, not a DoS.
const REGEX_SIZE_LIMIT: usize = 2 << 20;
/// Longest snippet shown around a match.
const SNIPPET_CAP: usize = 200;
/// Regex matches examined in one window before giving up (pathological inputs).
const MAX_MATCHES_PER_WINDOW: usize = 4096;

#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    #[error("secret rule `{id}`: invalid regex: {message}")]
    InvalidRegex { id: String, message: String },
    #[error("secret rule `{id}`: {message}")]
    InvalidRule { id: String, message: String },
    #[error("secret rule `{0}` is defined twice")]
    DuplicateRule(String),
    #[error("[secrets] disable names unknown rule `{0}` (see `vibeguard rules`)")]
    UnknownRule(String),
}

/// One loaded rule: its spec plus the lazily compiled regex.
struct Rule {
    id: String,
    spec: Cow<'static, RuleSpec>,
    regex: OnceLock<Option<Compiled>>,
    generic: bool,
}

impl Rule {
    fn new(spec: Cow<'static, RuleSpec>) -> Rule {
        let id = if spec.id.contains('/') {
            spec.id.clone()
        } else {
            format!("secrets/{}", spec.id)
        };
        let generic = spec.category == "generic";
        Rule {
            id,
            spec,
            regex: OnceLock::new(),
            generic,
        }
    }

    fn supersedes(&self, other: &Rule) -> bool {
        self.spec
            .supersedes
            .iter()
            .any(|s| other.id == *s || other.id.strip_prefix("secrets/") == Some(s.as_str()))
    }

    /// The compiled regex and the index of the secret's capture group. `None` for a regex
    /// that does not compile (a test compiles every built-in rule; custom rules are
    /// compiled eagerly in `new` so the user sees the error).
    fn regex(&self) -> Option<&Compiled> {
        self.regex
            .get_or_init(|| {
                // Built-in patterns are ASCII-only: byte classes keep the DFA small.
                let pattern = if matches!(self.spec, Cow::Borrowed(_)) {
                    format!("(?-u){}", self.spec.regex)
                } else {
                    self.spec.regex.clone()
                };
                compile(&pattern).ok()
            })
            .as_ref()
    }
}

/// A compiled rule regex and the capture groups that may hold the secret: groups named
/// `secret`, `secret2`, ... (alternative layouts), else group 1, else the whole match.
struct Compiled {
    re: Regex,
    groups: Vec<usize>,
    /// Group named `id`: the public half of a pair (AWS key id), checked for fakes too.
    id_group: Option<usize>,
}

/// The regex engine is built with Unicode case folding and the Perl classes only (their
/// tables are what every hook process would otherwise relocate at start-up), so a
/// `\p{..}` class in a custom rule fails to compile; say why and what to write instead.
fn with_unicode_hint(message: String) -> String {
    if message.contains("Unicode property") || message.contains("Unicode-aware") {
        format!(
            "{message}\n(vibeguard's regex engine has Unicode case folding and \\w \\d \\s \\b, but no \\p{{..}} property classes: write the characters as ranges, e.g. [A-Z])"
        )
    } else {
        message
    }
}

fn compile(pattern: &str) -> Result<Compiled, String> {
    let re = RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| with_unicode_hint(e.to_string()))?;
    let mut groups: Vec<usize> = re
        .capture_names()
        .enumerate()
        .filter(|(_, n)| n.is_some_and(|n| n.starts_with("secret")))
        .map(|(i, _)| i)
        .collect();
    if groups.is_empty() {
        groups.push(if re.captures_len() > 1 { 1 } else { 0 });
    }
    let id_group = re.capture_names().position(|n| n == Some("id"));
    Ok(Compiled {
        re,
        groups,
        id_group,
    })
}

/// Secret detection over a set of rules (built-in, minus disabled, plus custom).
pub struct SecretsAnalyzer {
    rules: Vec<Rule>,
    /// Keyword automaton; `None` when no rule has keywords.
    keywords: Option<AhoCorasick>,
    /// Keyword pattern index -> rules owning it.
    keyword_rules: Vec<Vec<u32>>,
    /// Rules without keywords: they run on the whole file.
    always: Vec<u32>,
    /// Assignment-engine class -> rule.
    assign_rules: HashMap<AssignClass, u32>,
    allow_values: HashSet<Vec<u8>>,
}

impl std::fmt::Debug for SecretsAnalyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretsAnalyzer")
            .field("rules", &self.rules.len())
            .finish()
    }
}

impl SecretsAnalyzer {
    /// Every built-in rule.
    pub fn builtin() -> SecretsAnalyzer {
        Self::new(&SecretsPolicy::default()).expect("built-in rules are valid (tested)")
    }

    /// Built-in rules minus `policy.disable`, plus `policy.rules`, honouring
    /// `policy.allow_values`.
    pub fn new(policy: &SecretsPolicy) -> Result<SecretsAnalyzer, SecretsError> {
        let cat = catalog();
        let normalize = |id: &str| {
            if id.contains('/') {
                id.to_string()
            } else {
                format!("secrets/{id}")
            }
        };
        let disabled: HashSet<String> = policy.disable.iter().map(|d| normalize(d)).collect();
        let mut rules: Vec<Rule> = Vec::new();
        let mut known: HashSet<String> = HashSet::new();
        for spec in &cat.rules {
            let rule = Rule::new(Cow::Borrowed(spec));
            known.insert(rule.id.clone());
            if !disabled.contains(&rule.id) {
                rules.push(rule);
            }
        }
        for custom in &policy.rules {
            let spec = RuleSpec {
                id: custom.id.clone(),
                title: custom.description.clone(),
                description: custom.description.clone(),
                message: None,
                engine: Engine::Regex,
                regex: custom.regex.clone(),
                assign_class: None,
                keywords: custom.keywords.iter().map(|k| k.to_lowercase()).collect(),
                entropy: custom.entropy,
                min_len: None,
                severity: custom.severity.unwrap_or(Severity::High),
                confidence: Confidence::Medium,
                cwe: vec![798],
                validator: None,
                filter: FilterKind::Provider,
                context_lines: 0,
                span: 0,
                tail: 0,
                needs: None,
                files: Vec::new(),
                supersedes: Vec::new(),
                why: String::new(),
                use_instead: String::new(),
                examples: Vec::new(),
                negatives: Vec::new(),
                category: "custom".to_string(),
            };
            let rule = Rule::new(Cow::Owned(spec));
            if known.contains(&rule.id) {
                return Err(SecretsError::DuplicateRule(rule.id));
            }
            let compiled =
                compile(&rule.spec.regex).map_err(|message| SecretsError::InvalidRegex {
                    id: rule.id.clone(),
                    message,
                })?;
            let _ = rule.regex.set(Some(compiled));
            known.insert(rule.id.clone());
            if !disabled.contains(&rule.id) {
                rules.push(rule);
            }
        }
        if let Some(unknown) = disabled.iter().find(|d| !known.contains(*d)) {
            return Err(SecretsError::UnknownRule(unknown.clone()));
        }
        for r in &rules {
            if let Some(v) = &r.spec.validator
                && !validate::VALIDATORS.contains(&v.as_str())
            {
                return Err(SecretsError::InvalidRule {
                    id: r.id.clone(),
                    message: format!("unknown validator `{v}`"),
                });
            }
            if !r.spec.files.is_empty() && !r.spec.keywords.is_empty() {
                return Err(SecretsError::InvalidRule {
                    id: r.id.clone(),
                    message: "a rule for named files has no keywords".into(),
                });
            }
            if r.spec.engine == Engine::Assignment && r.spec.assign_class.is_none() {
                return Err(SecretsError::InvalidRule {
                    id: r.id.clone(),
                    message: "assignment rule without assign_class".into(),
                });
            }
        }
        Self::assemble(rules, &policy.allow_values)
    }

    /// Only the named built-in rules (ids with or without `secrets/`): used to test one
    /// rule without the others' overlap suppression, and by `vibeguard explain`.
    pub fn only(ids: &[&str]) -> Result<SecretsAnalyzer, SecretsError> {
        let wanted: HashSet<String> = ids
            .iter()
            .map(|id| {
                if id.contains('/') {
                    id.to_string()
                } else {
                    format!("secrets/{id}")
                }
            })
            .collect();
        let rules: Vec<Rule> = catalog()
            .rules
            .iter()
            .map(|s| Rule::new(Cow::Borrowed(s)))
            .filter(|r| wanted.contains(&r.id))
            .collect();
        if let Some(missing) = wanted.iter().find(|w| !rules.iter().any(|r| &r.id == *w)) {
            return Err(SecretsError::UnknownRule(missing.clone()));
        }
        Self::assemble(rules, &[])
    }

    fn assemble(rules: Vec<Rule>, allow: &[String]) -> Result<SecretsAnalyzer, SecretsError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut keyword_rules: Vec<Vec<u32>> = Vec::new();
        let mut always = Vec::new();
        let mut assign_rules = HashMap::new();
        for (i, r) in rules.iter().enumerate() {
            if let Some(c) = r.spec.assign_class {
                assign_rules.entry(c).or_insert(i as u32);
            }
            if r.spec.keywords.is_empty() {
                always.push(i as u32);
                continue;
            }
            for k in &r.spec.keywords {
                let k = k.to_ascii_lowercase();
                let slot = *index.entry(k.clone()).or_insert_with(|| {
                    patterns.push(k);
                    keyword_rules.push(Vec::new());
                    patterns.len() - 1
                });
                if !keyword_rules[slot].contains(&(i as u32)) {
                    keyword_rules[slot].push(i as u32);
                }
            }
        }
        let keywords = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&patterns)
                    .map_err(|e| SecretsError::InvalidRule {
                        id: "keywords".into(),
                        message: e.to_string(),
                    })?,
            )
        };
        Ok(SecretsAnalyzer {
            rules,
            keywords,
            keyword_rules,
            always,
            assign_rules,
            allow_values: allow.iter().map(|v| v.as_bytes().to_vec()).collect(),
        })
    }

    /// Number of loaded rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Compile every rule's regex now; the names of rules whose regex does not compile.
    /// Used by tests and `vibeguard rules --check`; scans compile lazily.
    pub fn compile_all(&self) -> Vec<String> {
        self.rules
            .iter()
            .filter(|r| r.spec.engine == Engine::Regex && r.regex().is_none())
            .map(|r| r.id.clone())
            .collect()
    }

    fn rule_info(&self, r: &Rule) -> RuleInfo {
        let cat = catalog().category(&r.spec.category);
        let join = |a: &str, b: &str| match (a.trim().is_empty(), b.trim().is_empty()) {
            (true, _) => b.trim().to_string(),
            (_, true) => a.trim().to_string(),
            _ => format!("{}\n\n{}", a.trim(), b.trim()),
        };
        let why = join(cat.map(|c| c.why.as_str()).unwrap_or(""), &r.spec.why);
        let use_instead = join(
            &r.spec.use_instead,
            cat.map(|c| c.use_instead.as_str()).unwrap_or(""),
        );
        RuleInfo {
            id: r.id.clone(),
            title: r.spec.title.clone(),
            cwe: r.spec.cwe.clone(),
            severity: r.spec.severity,
            confidence: r.spec.confidence,
            message: message_of(&r.spec),
            doc: RuleDoc {
                what: r.spec.description.clone(),
                why,
                example: self.example_text(r),
                use_instead,
            },
            tags: vec!["secret".to_string(), r.spec.category.clone()],
        }
    }

    /// The rule's first example with the secret redacted, for documentation.
    fn example_text(&self, r: &Rule) -> String {
        let Some(t) = r.spec.examples.first() else {
            return String::new();
        };
        let Ok(text) = crate::template::expand(t, crate::template::seed_for(&r.spec.id, 0)) else {
            return t.clone();
        };
        // Redact until nothing is found: hiding one secret can expose another match
        // (the AWS key id once its pair no longer matches), and documentation must not
        // trip the scanner.
        let mut out = text;
        for _ in 0..4 {
            let file = SourceFile::new("example.txt", out.as_bytes());
            let mut cx = AnalyzeContext::new(false);
            self.analyze(&file, &mut cx);
            let before = out.clone();
            for f in &cx.findings {
                if let Some(s) = &f.secret {
                    out = vibeguard_core::redact::redact_in(&out, &s.raw);
                }
            }
            if out == before {
                break;
            }
        }
        out
    }
}

fn message_of(spec: &RuleSpec) -> String {
    spec.message
        .clone()
        .unwrap_or_else(|| format!("{} found in source", spec.title))
}

/// Newline offsets of a buffer, built on the first finding only.
struct Lines<'a> {
    buf: &'a [u8],
    newlines: Option<Vec<usize>>,
}

impl<'a> Lines<'a> {
    fn new(buf: &'a [u8]) -> Self {
        Lines {
            buf,
            newlines: None,
        }
    }

    /// 1-based line and column (bytes) of an offset.
    fn line_col(&mut self, pos: usize) -> (u32, u32) {
        let nl = self
            .newlines
            .get_or_insert_with(|| memchr::memchr_iter(b'\n', self.buf).collect());
        let idx = nl.partition_point(|&n| n < pos);
        let start = if idx == 0 { 0 } else { nl[idx - 1] + 1 };
        ((idx + 1) as u32, (pos - start + 1) as u32)
    }
}

/// The path is one of a rule's credential files (see `RuleSpec::files`).
fn names_file(files: &[String], path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let base = lower.rsplit('/').next().unwrap_or(&lower);
    files.iter().any(|f| {
        if f.contains('/') {
            lower == *f || lower.ends_with(&format!("/{f}"))
        } else {
            base == f
        }
    })
}

/// At least `n` token characters right after a prefix keyword.
fn has_tail(buf: &[u8], at: usize, n: usize) -> bool {
    buf.len() >= at + n
        && buf[at..at + n].iter().all(|&b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b'/' | b'=' | b'.')
        })
}

fn line_bounds(buf: &[u8], pos: usize) -> (usize, usize) {
    let start = memchr::memrchr(b'\n', &buf[..pos]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &buf[pos..]).map_or(buf.len(), |i| pos + i);
    (start, end)
}

/// Widen a line range by `n` lines either side.
fn widen(buf: &[u8], (mut s, mut e): (usize, usize), n: u8) -> (usize, usize) {
    for _ in 0..n {
        if s > 0 {
            s = memchr::memrchr(b'\n', &buf[..s - 1]).map_or(0, |i| i + 1);
        }
        if e < buf.len() {
            e = memchr::memchr(b'\n', &buf[e + 1..]).map_or(buf.len(), |i| e + 1 + i);
        }
    }
    (s, e)
}

/// How unquoted values are read in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BareMode {
    /// Configuration, env files, shell: a bare `name = value` is a value.
    Config,
    /// Documentation (Markdown, reStructuredText, AsciiDoc): bare values only on lines
    /// shaped like configuration or a command line, not in prose.
    Docs,
    /// Source code: a bare word is an expression.
    Code,
}

fn bare_mode(path: &str) -> BareMode {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if matches!(ext, "md" | "markdown" | "rst" | "adoc" | "textile") {
        BareMode::Docs
    } else if bare_values_ok(path) {
        BareMode::Config
    } else {
        BareMode::Code
    }
}

/// Files where a bare `name = value` is a value, not an expression.
fn bare_values_ok(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    const CODE: &[&str] = &[
        "py", "js", "jsx", "ts", "tsx", "mjs", "cjs", "go", "rb", "java", "kt", "kts", "scala",
        "rs", "c", "h", "cc", "cpp", "hpp", "cs", "php", "swift", "m", "mm", "dart", "lua", "pl",
        "r", "ex", "exs", "clj", "groovy", "vue", "svelte", "tf", "hcl", "sql", "ipynb", "jl",
        "fs", "vb", "ps1", "erl", "hs", "ml", "zig", "nim", "json", "jsonc", "jsonl", "ndjson",
        "md", "rst", "html", "htm", "css", "scss", "less", "cxx", "hh", "hxx", "inl", "ipp", "ino",
        "cu", "d", "v", "sv", "vhd", "sol", "cairo", "move", "elm", "purs", "re", "res", "gleam",
        "coffee", "mts", "cts", "astro", "proto", "graphql", "gql",
    ];
    !CODE.contains(&ext)
}

/// A candidate before overlap suppression.
struct Candidate {
    rule: u32,
    secret: (usize, usize),
    whole: (usize, usize),
    /// A weak or default password: reported by the weak-credential rule instead.
    weak: bool,
    /// Generic candidates carry what the learned scorer needs; `None` for provider rules.
    scored: Option<Scored>,
}

/// What the scorer needs of a generic candidate besides its value.
#[derive(Debug, Clone, Copy)]
struct Scored {
    family: Family,
    name: Option<(usize, usize)>,
    /// The hand-written filters alone would have dropped it.
    soft: bool,
    quoted: bool,
}

/// A generic candidate with its features and score, for training and inspection
/// (`SecretsAnalyzer::generic_candidates`).
#[derive(Debug, Clone)]
pub struct ScoredCandidate {
    pub rule_id: String,
    pub line: u32,
    pub end_line: u32,
    /// The value's byte range in the file.
    pub span: (usize, usize),
    pub value: String,
    pub features: Vec<f32>,
    pub score: f32,
    /// Reported whatever the score (see `forced`).
    pub forced: bool,
    /// Never reported, whatever the score (a soft value in a translation catalog).
    pub vetoed: bool,
    /// Reported by `analyze` (forced, or score at or above the threshold; overlaps aside).
    pub kept: bool,
}

/// Translation catalogs (`locales/en.json`, `i18n/`, `lang/`): their values are UI text, so
/// a value only the scorer would keep (`"password": "password"`) is a label there.
fn is_locale_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [
        "locale",
        "locales",
        "i18n",
        "l10n",
        "lang",
        "langs",
        "translations",
    ]
    .iter()
    .any(|d| lower.starts_with(&format!("{d}/")) || lower.contains(&format!("/{d}/")))
}

/// A weak or default password in code or configuration that is not a test, an example
/// or documentation is reported whatever the scorer says: a default credential in a
/// compose file or a properties file is the hard-coded credential CWE-1392 is about. The
/// scorer judges the ambiguous rest: weak values in tests, examples and docs, values the
/// filters call soft, and random-looking values under generic names.
fn forced(file: &SourceFile<'_>, c: &Candidate, s: &Scored) -> bool {
    c.weak && !s.soft && !(file.class.test || file.class.docs || file.class.example)
}

impl Analyzer for SecretsAnalyzer {
    fn name(&self) -> &'static str {
        "secrets"
    }

    fn rules(&self) -> Vec<RuleInfo> {
        self.rules.iter().map(|r| self.rule_info(r)).collect()
    }

    fn analyze(&self, file: &SourceFile<'_>, cx: &mut AnalyzeContext) {
        let mut cands = self.collect(file, cx);
        if cands.is_empty() {
            return;
        }
        let model = scorer::builtin();
        let locale = is_locale_path(file.path);
        cands.retain(|c| {
            c.scored.is_none_or(|s| {
                forced(file, c, &s)
                    || !(s.soft && locale)
                        && model.score(&self.features(file, c, &s)) >= model.threshold
            })
        });
        self.emit(file, cands, cx);
    }
}

impl SecretsAnalyzer {
    /// Every candidate of every rule in a file, before scoring and overlap resolution.
    fn collect(&self, file: &SourceFile<'_>, cx: &mut AnalyzeContext) -> Vec<Candidate> {
        let buf = file.bytes;
        let mut cands: Vec<Candidate> = Vec::new();
        if buf.is_empty() {
            return cands;
        }
        let timing = cx.timing_enabled();
        let mut windows: Vec<(u32, usize, usize)> = Vec::new();
        let mut assign_hits: Vec<(usize, usize, usize, usize)> = Vec::new();
        let mut line = (usize::MAX, 0usize);
        if let Some(ac) = &self.keywords {
            for m in ac.find_overlapping_iter(buf) {
                let (hs, he) = (m.start(), m.end());
                if line.0 == usize::MAX || hs < line.0 || hs > line.1 {
                    line = line_bounds(buf, hs);
                }
                let long = line.1 - line.0 > LONG_LINE;
                for &ri in &self.keyword_rules[m.pattern().as_usize()] {
                    let spec = &self.rules[ri as usize].spec;
                    if spec.engine == Engine::Assignment {
                        if !long && assign_hits.last() != Some(&(line.0, line.1, hs, he)) {
                            assign_hits.push((line.0, line.1, hs, he));
                        }
                        continue;
                    }
                    if spec.tail > 0 && !has_tail(buf, he, spec.tail as usize) {
                        continue;
                    }
                    if let Some(c) = spec.needs
                        && memchr::memchr(c as u8, &buf[he..line.1.min(he + 256)]).is_none()
                    {
                        continue;
                    }
                    let (ws, mut we) = if long {
                        (
                            hs.saturating_sub(LONG_LINE_REACH).max(line.0),
                            (he + LONG_LINE_REACH).min(line.1),
                        )
                    } else {
                        widen(buf, line, spec.context_lines)
                    };
                    if spec.span > 0 {
                        we = we.max((he + spec.span as usize).min(buf.len()));
                    }
                    windows.push((ri, ws, we));
                }
            }
        }
        for &ri in &self.always {
            let files = &self.rules[ri as usize].spec.files;
            if !files.is_empty() && !names_file(files, file.path) {
                continue;
            }
            windows.push((ri, 0, buf.len()));
        }
        windows.sort_unstable();
        let mut i = 0;
        while i < windows.len() {
            let ri = windows[i].0;
            let rule = &self.rules[ri as usize];
            let started = timing.then(Instant::now);
            let Some(compiled) = rule.regex() else {
                while i < windows.len() && windows[i].0 == ri {
                    i += 1;
                }
                continue;
            };
            while i < windows.len() && windows[i].0 == ri {
                let (_, ws, mut we) = windows[i];
                i += 1;
                while i < windows.len() && windows[i].0 == ri && windows[i].1 <= we {
                    we = we.max(windows[i].2);
                    i += 1;
                }
                let hay = &buf[ws..we];
                let mut caps = compiled.re.capture_locations();
                let mut at = 0;
                let mut budget = MAX_MATCHES_PER_WINDOW;
                while at <= hay.len() && budget > 0 {
                    budget -= 1;
                    let Some((ms, me)) = compiled
                        .re
                        .captures_read_at(&mut caps, hay, at)
                        .map(|m| (m.start(), m.end()))
                    else {
                        break;
                    };
                    let Some((ss, se)) = compiled.groups.iter().find_map(|&g| caps.get(g)) else {
                        at = me.max(ms + 1);
                        continue;
                    };
                    let id_ok = compiled
                        .id_group
                        .and_then(|g| caps.get(g))
                        .is_none_or(|(a, b)| !filters::is_obvious_fake(&hay[a..b]));
                    let verdict = if id_ok {
                        self.accept(rule, &hay[ss..se])
                    } else {
                        None
                    };
                    // A documentation host (`user:pass@example.com`) marks an example,
                    // except in a credential file, which is never documentation.
                    if let Some((weak, soft)) = verdict
                        && !(matches!(rule.spec.filter, FilterKind::Generic | FilterKind::Password)
                            && rule.spec.files.is_empty()
                            && filters::mentions_documentation_host(&hay[ms..me]))
                    {
                        // Values in a password position are judged by the scorer too.
                        let scored = (rule.spec.filter == FilterKind::Password && rule.generic)
                            .then(|| Scored {
                                family: Family::of_rule(&rule.id),
                                name: None,
                                soft,
                                quoted: ss > 0 && matches!(hay[ss - 1], b'"' | b'\'' | b'`'),
                            });
                        cands.push(Candidate {
                            rule: ri,
                            secret: (ws + ss, ws + se),
                            whole: (ws + ms, ws + me),
                            weak,
                            scored,
                        });
                        at = me.max(ms + 1);
                    } else {
                        // A rejected match (a documentation key id, a placeholder) must not
                        // hide a real one that starts inside it.
                        at = ms + 1;
                    }
                }
            }
            if let Some(t) = started {
                cx.add_time(&rule.id, t.elapsed());
            }
        }
        if !assign_hits.is_empty() && !self.assign_rules.is_empty() {
            self.run_assignments(file, &assign_hits, &mut cands, cx);
        }
        cands
    }

    /// The scorer's features of a generic candidate.
    fn features(&self, file: &SourceFile<'_>, c: &Candidate, s: &Scored) -> Vec<f32> {
        let buf = file.bytes;
        let (ls, le) = line_bounds(buf, c.secret.0);
        let (ws, we) = widen(buf, (ls, le), 1);
        scorer::features(&scorer::Input {
            family: s.family,
            value: &buf[c.secret.0..c.secret.1],
            name: s.name.map(|(a, b)| &buf[a..b]),
            line: &buf[ls..le],
            around: &buf[ws..we],
            path: file.path,
            class: file.class,
            file: buf,
            weak: c.weak,
            soft: s.soft,
            quoted: s.quoted,
        })
    }

    /// The generic candidates of a file with their features and scores (all of them, also
    /// those the scorer drops): what `bench/secrets/train_scorer.py` learns from.
    #[doc(hidden)]
    pub fn generic_candidates(&self, file: &SourceFile<'_>) -> Vec<ScoredCandidate> {
        let mut cx = AnalyzeContext::new(false);
        let cands = self.collect(file, &mut cx);
        let model = scorer::builtin();
        let mut lines = Lines::new(file.bytes);
        cands
            .iter()
            .filter_map(|c| {
                let s = c.scored?;
                let features = self.features(file, c, &s);
                let score = model.score(&features);
                let forced = forced(file, c, &s);
                let vetoed = s.soft && is_locale_path(file.path);
                let rule = if c.weak {
                    self.assign_rules
                        .get(&AssignClass::WeakCredential)
                        .map_or(c.rule, |&w| w)
                } else {
                    c.rule
                };
                Some(ScoredCandidate {
                    rule_id: self.rules[rule as usize].id.clone(),
                    line: lines.line_col(c.secret.0).0,
                    end_line: lines.line_col(c.secret.1).0,
                    span: c.secret,
                    value: String::from_utf8_lossy(&file.bytes[c.secret.0..c.secret.1])
                        .into_owned(),
                    features,
                    score,
                    forced,
                    vetoed,
                    kept: forced || !vetoed && score >= model.threshold,
                })
            })
            .collect()
    }
}

impl SecretsAnalyzer {
    /// Entropy floor, validator and false-positive filters for one regex candidate:
    /// `None` to drop it, `Some((weak, soft))` to keep it (`weak`: a simple or default
    /// password, reported by the weak-credential rule; `soft`: only the scorer may keep it).
    fn accept(&self, rule: &Rule, secret: &[u8]) -> Option<(bool, bool)> {
        let spec = &rule.spec;
        if self.allow_values.contains(secret) {
            return None;
        }
        if spec.filter == FilterKind::Password {
            if spec
                .validator
                .as_ref()
                .is_some_and(|v| !validate::check(v, secret))
            {
                return None;
            }
            return match filters::password_strength(secret, spec.min_len.unwrap_or(6)) {
                Strength::Strong => Some((false, false)),
                Strength::Weak => Some((true, false)),
                // The scorer judges soft values of generic rules; in a credential file
                // the format says the field is the password, so `password` there is a
                // weak one.
                Strength::Soft if rule.generic => Some((true, true)),
                Strength::Soft if !spec.files.is_empty() => Some((true, false)),
                Strength::Soft | Strength::Placeholder => None,
            };
        }
        if let Some(floor) = spec.entropy
            && shannon(secret) < floor
        {
            return None;
        }
        if let Some(v) = &spec.validator
            && !validate::check(v, secret)
        {
            return None;
        }
        let ok = match spec.filter {
            FilterKind::Provider => {
                !filters::is_obvious_fake(secret) && spec.min_len.is_none_or(|m| secret.len() >= m)
            }
            FilterKind::Generic => {
                filters::plausible_free_value(secret, spec.min_len.unwrap_or(6), 0.0, true)
            }
            FilterKind::Token => {
                filters::plausible_free_value(secret, spec.min_len.unwrap_or(12), 0.0, false)
            }
            FilterKind::Block => filters::plausible_block(secret),
            FilterKind::None => true,
            FilterKind::Password => unreachable!("handled above"),
        };
        ok.then_some((false, false))
    }

    fn run_assignments(
        &self,
        file: &SourceFile<'_>,
        hits: &[(usize, usize, usize, usize)],
        cands: &mut Vec<Candidate>,
        cx: &mut AnalyzeContext,
    ) {
        let buf = file.bytes;
        let mode = bare_mode(file.path);
        let mut last_name = (usize::MAX, 0);
        let timing = cx.timing_enabled();
        for &(ls, le, hs, he) in hits {
            let started = timing.then(Instant::now);
            let Some(a) = assign::parse(buf, (ls, le), (hs, he), mode != BareMode::Code) else {
                continue;
            };
            if a.name == last_name {
                continue;
            }
            if mode == BareMode::Docs && !a.quoted && !assign::docs_bare_ok(buf, (ls, le), &a) {
                continue;
            }
            last_name = a.name;
            let name = &buf[a.name.0..a.name.1];
            // `key`, `cookieValidationKey`, `salt`: names that hold key material only
            // sometimes; their values must look random on their own.
            let mut strict = false;
            let class = assign::classify(name).or_else(|| {
                // `?key=...`, `&sig=...`: bare query keys are API keys in a URL.
                if a.query
                    && ["key", "apikey", "api-key", "sig", "signature", "access_key"]
                        .iter()
                        .any(|k| name.eq_ignore_ascii_case(k.as_bytes()))
                {
                    return Some(AssignClass::ApiKey);
                }
                strict = assign::key_like(name);
                strict.then_some(AssignClass::PrivateKey)
            });
            let Some(class) = class else {
                continue;
            };
            // With the password rule disabled (or only the weak rule loaded), weak
            // passwords are still reported by the weak-credential rule.
            let weak_rule = self.assign_rules.get(&AssignClass::WeakCredential);
            let (ri, weak_only) = match (self.assign_rules.get(&class), weak_rule) {
                (Some(&ri), _) => (ri, false),
                (None, Some(&w)) if class == AssignClass::Password => (w, true),
                _ => continue,
            };
            let rule = &self.rules[ri as usize];
            let value = &buf[a.value.0..a.value.1];
            let (value, vs) = strip_scheme(value, a.value.0);
            let spec = &rule.spec;
            let words_ok = class == AssignClass::Password;
            if !words_ok && mentions_keyword(value, &buf[hs..he]) {
                continue;
            }
            let min_len = spec.min_len.unwrap_or(if words_ok { 6 } else { 12 });
            let floor = spec.entropy.unwrap_or(0.0);
            // `Some((weak, soft))` keeps the value: `weak` for a simple or default
            // password, `soft` when only the scorer may keep it.
            let verdict = if self.allow_values.contains(value) || repeats_name(value, name) {
                None
            } else if filters::is_uuid(value) {
                // A UUID under a secret name is a credential (Heroku API keys, Azure
                // client secrets, session tokens); under any other name it stays quiet.
                (!strict).then_some((false, false))
            } else if strict {
                if assign::strictly_random(value) {
                    Some((false, false))
                } else {
                    filters::soft_key_value(value).then_some((false, true))
                }
            } else if class == AssignClass::Password {
                match filters::password_strength(value, min_len) {
                    Strength::Strong => Some((false, false)),
                    Strength::Weak => Some((true, filters::is_account_word(value))),
                    Strength::Soft => Some((true, true)),
                    Strength::Placeholder => None,
                }
            } else if filters::plausible_free_value(value, min_len, floor, false)
                || matches!(
                    class,
                    AssignClass::Secret | AssignClass::Token | AssignClass::ApiKey
                ) && filters::random_single_class(value)
                    && !filters::is_placeholder(value)
            {
                Some((false, false))
            } else if class == AssignClass::Secret
                && value.len() >= 6
                && !filters::is_slug(value)
                && filters::password_strength(value, min_len) == Strength::Weak
            {
                // `secret: 'supersecret'`, `jwt_secret: 534534534`: a human-made secret.
                Some((true, false))
            } else {
                filters::soft_free_value(value).then_some((false, true))
            };
            if let Some((weak, soft)) = verdict
                && (weak || !weak_only)
            {
                cands.push(Candidate {
                    rule: ri,
                    secret: (vs, vs + value.len()),
                    whole: (a.name.0, a.value.1),
                    weak,
                    scored: Some(Scored {
                        family: match class {
                            AssignClass::Password | AssignClass::WeakCredential => Family::Password,
                            AssignClass::Secret => Family::Secret,
                            AssignClass::Token => Family::Token,
                            AssignClass::ApiKey => Family::ApiKey,
                            AssignClass::PrivateKey => Family::Key,
                            AssignClass::Credential => Family::Credential,
                        },
                        name: Some(a.name),
                        soft,
                        quoted: a.quoted,
                    }),
                });
            }
            if let Some(t) = started {
                cx.add_time(&rule.id, t.elapsed());
            }
        }
    }

    /// Suppress overlaps (the more specific rule wins) and report.
    fn emit(&self, file: &SourceFile<'_>, mut cands: Vec<Candidate>, cx: &mut AnalyzeContext) {
        // Weak and default passwords are reported by the weak-credential rule (dropped
        // when that rule is disabled).
        let weak_rule = self.assign_rules.get(&AssignClass::WeakCredential).copied();
        cands.retain_mut(|c| {
            if c.weak {
                match weak_rule {
                    Some(w) => c.rule = w,
                    None => return false,
                }
            }
            true
        });
        let rank = |c: &Candidate| {
            let r = &self.rules[c.rule as usize];
            (
                !r.generic,
                r.spec.severity,
                r.spec.confidence,
                c.whole.1 - c.whole.0,
            )
        };
        cands.sort_by_key(|c| c.secret);
        let mut keep = vec![true; cands.len()];
        // A rule that supersedes another hides its findings inside its own match.
        for b in cands
            .iter()
            .filter(|b| !self.rules[b.rule as usize].spec.supersedes.is_empty())
        {
            let from = cands.partition_point(|a| a.secret.0 < b.whole.0);
            for (k, a) in cands.iter().enumerate().skip(from) {
                if a.secret.0 >= b.whole.1 {
                    break;
                }
                if a.secret.1 <= b.whole.1
                    && self.rules[b.rule as usize].supersedes(&self.rules[a.rule as usize])
                {
                    keep[k] = false;
                }
            }
        }
        // Overlapping secrets: the best-ranked wins (greedy by rank over disjoint kept
        // ranges), so a provider rule beats a generic one on the same value.
        let mut order: Vec<usize> = (0..cands.len()).filter(|&k| keep[k]).collect();
        order.sort_by_key(|&k| (std::cmp::Reverse(rank(&cands[k])), k));
        let mut kept: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for k in order {
            let (s0, s1) = cands[k].secret;
            let clash = kept
                .range(..s1.max(s0 + 1))
                .next_back()
                .is_some_and(|(&ks, &ke)| ke > s0 || ks == s0);
            if clash {
                keep[k] = false;
            } else {
                kept.insert(s0, s1);
            }
        }
        let buf = file.bytes;
        let mut lines = Lines::new(buf);
        for (c, k) in cands.iter().zip(keep) {
            if !k {
                continue;
            }
            let rule = &self.rules[c.rule as usize];
            let raw = String::from_utf8_lossy(&buf[c.secret.0..c.secret.1]).into_owned();
            let (line, column) = lines.line_col(c.secret.0);
            let (end_line, end_column) = lines.line_col(c.secret.1);
            let mut confidence = rule.spec.confidence;
            let sample = file.class.test || file.class.docs || file.class.example;
            if file.class.test || (rule.generic && sample) {
                confidence = confidence.lowered();
            }
            // A weak password in a test, an example or the documentation is still a
            // hard-coded credential, but rarely a live one.
            let severity = if c.weak && sample {
                Severity::Low
            } else {
                rule.spec.severity
            };
            cx.report(Finding {
                rule_id: rule.id.clone(),
                severity,
                confidence,
                message: message_of(&rule.spec),
                location: Location {
                    path: file.path.to_string(),
                    line,
                    column,
                    end_line,
                    end_column,
                    byte_start: c.secret.0,
                    byte_end: c.secret.1,
                },
                snippet: snippet(buf, c.secret),
                fingerprint: Finding::fingerprint_for(
                    &rule.id,
                    file.path,
                    &buf[c.secret.0..c.secret.1],
                ),
                secret: Some(SecretInfo::new(&raw)),
                provenance: None,
                fix: None,
                flow: Vec::new(),
                properties: Default::default(),
            });
        }
    }
}

/// The value repeats the keyword as a word (`credentials: org/repo#assets/credentials`,
/// `token: "refresh-token"`): a label or path, not a random secret.
fn mentions_keyword(value: &[u8], keyword: &[u8]) -> bool {
    if keyword.len() < 4 {
        return false;
    }
    let lower: Vec<u8> = value.iter().map(|b| b.to_ascii_lowercase()).collect();
    let kw: Vec<u8> = keyword.iter().map(|b| b.to_ascii_lowercase()).collect();
    memchr::memmem::find_iter(&lower, &kw).any(|i| {
        let before_ok = i == 0 || !value[i - 1].is_ascii_alphanumeric();
        let end = i + kw.len();
        let after_ok = end >= value.len()
            || !value[end].is_ascii_lowercase()
            || value[end] == b's'
                && (end + 1 >= value.len() || !value[end + 1].is_ascii_alphanumeric());
        before_ok && after_ok
    })
}

/// The value contains the whole name (`"ChangePassword": "iam:ChangePassword"`,
/// `passwordField = "passwordField"`): a label or an action name, not a credential.
fn repeats_name(value: &[u8], name: &[u8]) -> bool {
    let name = name.rsplit(|&b| b == b'.').next().unwrap_or(name);
    assign::words(name).len() >= 2
        && name.len() >= 6
        && value.len() >= name.len()
        && value
            .windows(name.len())
            .any(|w| w.eq_ignore_ascii_case(name))
}

/// `Bearer abc`, `Basic abc`, `token abc` as a header value: the secret is after the scheme.
fn strip_scheme(value: &[u8], start: usize) -> (&[u8], usize) {
    for scheme in [
        &b"bearer "[..],
        b"basic ",
        b"token ",
        b"bearer=",
        b"digest ",
    ] {
        if value.len() > scheme.len() && value[..scheme.len()].eq_ignore_ascii_case(scheme) {
            return (&value[scheme.len()..], start + scheme.len());
        }
    }
    (value, start)
}

/// The secret's line, capped around the match, with the secret redacted.
fn snippet(buf: &[u8], (s, e): (usize, usize)) -> String {
    let (ls, mut le) = line_bounds(buf, s);
    if le > ls && buf[le - 1] == b'\r' {
        le -= 1;
    }
    let sec_end = e.min(le).max(s);
    let mut cs = ls;
    let mut ce = le;
    if le - ls > SNIPPET_CAP {
        let room = SNIPPET_CAP.saturating_sub(sec_end - s) / 2;
        cs = s.saturating_sub(room).max(ls);
        ce = (sec_end + room).min(le);
        // Keep whole UTF-8 characters at the cut points.
        while cs > ls && (buf[cs] & 0xC0) == 0x80 {
            cs -= 1;
        }
        while ce < le && (buf[ce] & 0xC0) == 0x80 {
            ce += 1;
        }
    }
    let secret_part = String::from_utf8_lossy(&buf[s..sec_end]);
    let mut out = String::new();
    if cs > ls {
        out.push('…');
    }
    out.push_str(&String::from_utf8_lossy(&buf[cs..s]));
    out.push_str(&vibeguard_core::redact::redact(&secret_part));
    out.push_str(&String::from_utf8_lossy(&buf[sec_end..ce]));
    if ce < le {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod unicode_hint_tests {
    use super::with_unicode_hint;

    #[test]
    fn a_missing_unicode_table_is_explained_and_other_errors_are_left_alone() {
        let hinted = with_unicode_hint("regex parse error: Unicode property not found".into());
        assert!(hinted.contains("no \\p{..} property classes"), "{hinted}");
        assert!(hinted.contains("[A-Z]"), "{hinted}");
        let plain = with_unicode_hint("regex parse error: unclosed group".into());
        assert_eq!(plain, "regex parse error: unclosed group");
    }
}
