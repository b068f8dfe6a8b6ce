//! The engine's state for one file: rules in force, module-level values, the stack of
//! functions being interpreted, summaries, and the findings so far.

use super::handlers::{self, HandlerInfo};
use super::project::Project;
use super::summary::{SinkRecord, Summary};
use super::value::{Hop, Label, LocalOrigin, Origin, SourceKind, Trace, Val, hops};
use crate::check::{Cx, Report, Rule, Unknown, accept};
use crate::ir::{FuncId, Import, Module, Span};
use crate::syntax::Family;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;
use std::sync::Arc;
use vibeguard_core::{Confidence, Fix};

/// Variables in scope: name -> value. Hashed with foldhash: states are looked up,
/// cloned and joined at every statement, and SipHash's cost is no defence here (the keys
/// are names of the analysed file, and a map's worst case cannot stall more than the
/// step budget allows).
pub type State<'m> = HashMap<&'m str, Val, foldhash::fast::RandomState>;

/// Every rule, indexed by the family, call names and program points it looks at.
pub struct RuleSet {
    pub rules: Vec<Box<dyn Rule>>,
    families: Vec<(Family, FamilyIndex)>,
    /// The `local` threat model: environment, properties, files, the console and
    /// database rows are input ([`SourceKind::Local`]), and command-line input reaches
    /// every sink request input reaches. Off (`remote`) by default: the sources are then
    /// never made, so the default analysis does no work for them.
    pub(crate) local: bool,
}

#[derive(Default)]
pub(crate) struct FamilyIndex {
    pub calls: HashMap<&'static str, Vec<usize>>,
    pub any_call: Vec<usize>,
    pub assign: Vec<usize>,
    pub ret: Vec<usize>,
    pub compare: Vec<usize>,
    pub jsx: Vec<usize>,
    pub function: Vec<usize>,
    pub module: Vec<usize>,
    /// The rules' keywords (lower case), and the rules that own each.
    keyword_words: Vec<String>,
    keyword_owners: Vec<Vec<usize>>,
    /// The keyword automaton, built on the family's first file: a hook process analyses
    /// one file of one language, and building every family's automaton up front was most
    /// of its set-up.
    keywords: std::sync::OnceLock<Option<AhoCorasick>>,
    rules: Vec<usize>,
}

impl RuleSet {
    pub fn new(rules: Vec<Box<dyn Rule>>) -> RuleSet {
        use crate::check::on;
        let mut families: Vec<(Family, FamilyIndex)> = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            let m = r.meta();
            let idx = match families.iter().position(|(f, _)| *f == m.family) {
                Some(p) => &mut families[p].1,
                None => {
                    families.push((m.family, FamilyIndex::default()));
                    &mut families.last_mut().expect("just pushed").1
                }
            };
            idx.rules.push(i);
            for c in m.calls {
                if *c == "*" {
                    idx.any_call.push(i);
                } else {
                    idx.calls.entry(c).or_default().push(i);
                }
            }
            let lists = [
                (on::ASSIGN, &mut idx.assign),
                (on::RETURN, &mut idx.ret),
                (on::COMPARE, &mut idx.compare),
                (on::JSX, &mut idx.jsx),
                (on::FUNCTION, &mut idx.function),
                (on::MODULE, &mut idx.module),
            ];
            for (bit, list) in lists {
                if m.on & bit != 0 {
                    list.push(i);
                }
            }
        }
        for (_, idx) in &mut families {
            let mut words: Vec<String> = Vec::new();
            let mut owners: Vec<Vec<usize>> = Vec::new();
            for &i in &idx.rules {
                for k in rules[i].meta().keywords {
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
            idx.keyword_words = words;
            idx.keyword_owners = owners;
        }
        RuleSet {
            rules,
            families,
            local: false,
        }
    }

    pub(crate) fn index(&self, f: Family) -> Option<&FamilyIndex> {
        self.families.iter().find(|(g, _)| *g == f).map(|(_, i)| i)
    }

    /// Which rules have a keyword in `text` (a rule without keywords always runs);
    /// `None` when no rule of the family can match, so the file is not parsed.
    pub fn prefilter(&self, f: Family, text: &[u8]) -> Option<Vec<bool>> {
        let idx = self.index(f)?;
        let mut active = vec![false; self.rules.len()];
        let mut any = false;
        for &i in &idx.rules {
            if self.rules[i].meta().keywords.is_empty() {
                active[i] = true;
                any = true;
            }
        }
        let keywords = idx.keywords.get_or_init(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&idx.keyword_words)
                .ok()
        });
        if let Some(ac) = keywords {
            for m in ac.find_overlapping_iter(text) {
                for &i in &idx.keyword_owners[m.pattern().as_usize()] {
                    active[i] = true;
                    any = true;
                }
            }
        }
        any.then_some(active)
    }
}

/// A finding before it becomes a core `Finding`.
#[derive(Debug, Clone)]
pub struct RawFinding {
    pub rule: usize,
    pub span: Span,
    pub confidence: Confidence,
    pub message: Option<String>,
    /// The source-to-sink path, oldest hop first: (file, span, line, note).
    pub flow: Vec<(Arc<str>, Span, u32, String)>,
    pub fix: Option<Fix>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    NotStarted,
    InProgress,
    Done,
}

/// One function being interpreted.
pub(crate) struct Frame<'m> {
    pub func: FuncId,
    pub state: State<'m>,
    pub reachable: bool,
    pub ret: Option<Val>,
    pub records: Vec<SinkRecord>,
    pub globals_decl: Vec<&'m str>,
    /// States at `break`/`continue` of the loops being interpreted (innermost last).
    pub loop_exits: Vec<Vec<State<'m>>>,
    /// Locals last assigned a check (`ok = is_safe_url(next)`): a later `if ok:` tells
    /// what the check tells.
    pub checks: HashMap<&'m str, &'m crate::ir::Expr>,
    /// Java: variables holding a stream wrapper (`out = new ObjectOutputStream(bytes)`)
    /// and the expression of the stream they write into.
    pub wraps: Vec<(&'m str, &'m crate::ir::Expr)>,
    /// What the returns seen so far tell about the parameters when the function
    /// returns a true value (see `Summary::guard_true`).
    pub guard_true: Option<Vec<u32>>,
    /// What every normal completion seen so far tells about the parameters (see
    /// `Summary::guard_exit`).
    pub guard_exit: Option<Vec<u32>>,
    /// Parameters bound to a value of their own (`Param(i)` labels): the ones a check
    /// function's verdict can be about.
    pub labelled: Vec<bool>,
}

/// Evaluation steps one file may take; a pathological file stops early instead of
/// stalling a scan or an agent hook.
const STEP_BUDGET: u64 = 3_000_000;

pub struct Engine<'m> {
    pub module: &'m Module,
    pub src: &'m str,
    pub file: Arc<str>,
    pub family: Family,
    pub(crate) rules: &'m RuleSet,
    pub(crate) index: &'m FamilyIndex,
    pub(crate) active: Vec<bool>,
    line_starts: Vec<u32>,
    pub(crate) imports: HashMap<&'m str, &'m Import>,
    /// Names the file imports more than once (found once per file, so that a use of a
    /// name imported once skips looking for which import it sees).
    pub(crate) imported_twice: std::collections::HashSet<&'m str>,
    /// Module-level values once the top level has run.
    pub(crate) globals: Option<State<'m>>,
    /// Python: per class, the attributes its body assigns that no method sets on the
    /// object (`ENVIRONMENTS = (...)` read as `self.ENVIRONMENTS`).
    pub(crate) class_consts:
        std::cell::RefCell<HashMap<String, Arc<std::collections::HashSet<String>>>>,
    pub(crate) frames: Vec<Frame<'m>>,
    pub(crate) status: Vec<Status>,
    pub(crate) summaries: Vec<Option<Arc<Summary>>>,
    /// Functions some code in the file calls.
    pub(crate) called: Vec<bool>,
    /// Functions defined in code that never runs (a constant-false branch).
    pub(crate) dead: Vec<bool>,
    pub(crate) handlers: Vec<Option<HandlerInfo>>,
    /// Variables of the enclosing function where a nested function was defined.
    pub(crate) outer: Vec<Option<Arc<State<'m>>>>,
    pub findings: Vec<RawFinding>,
    pub(crate) project: Option<&'m Project>,
    pub(crate) steps: u64,
    /// Report findings (false while computing summaries of another module).
    pub(crate) reporting: bool,
    /// PHP: request data the methods of a class store in `$this->field`, by (class,
    /// field), gathered once per file.
    pub(crate) php_fields: HashMap<(&'m str, &'m str), Vec<&'m crate::ir::Expr>>,
    /// Keep the instance variables these functions leave (a Rails controller action, its
    /// before filters and helpers, read for its view) in `exit_ivars`.
    pub(crate) keep_exit: Vec<FuncId>,
    pub(crate) exit_ivars: Option<HashMap<String, Val>>,
    /// Ruby instance variables and globals by (class, name): the constant every
    /// assignment in the file gives them, if any (see `ruby_field_const`).
    pub(crate) field_consts: std::cell::RefCell<HashMap<(String, String), Option<Val>>>,
    /// Rails: collect the locals passed to `render` of the partial `_name` of folder
    /// `dir` (`(dir, name)`) into `partial_locals`.
    pub(crate) capture_partial: Option<(String, String)>,
    pub(crate) partial_locals: HashMap<String, Val>,
    /// The file renders that partial.
    pub(crate) partial_rendered: bool,
    /// Java: fields of the file's classes that methods assign, with the assigned
    /// expressions (a field set in one method and read in another is not its initial
    /// value).
    pub(crate) field_writes: HashMap<&'m str, Vec<&'m crate::ir::Expr>>,
    /// Java: the values methods analysed so far assigned to those fields.
    pub(crate) field_vals: HashMap<&'m str, Val>,
    /// Java: what those fields held where a method of this file called method `m` of
    /// another class (`new Sink().m()`, `Sink.m()`), by `(m, field)`: the value the
    /// calling method had just assigned, joined over the calls, and whether some call
    /// came before its method assigned the field (then any stored value may be seen).
    pub(crate) field_at_call: HashMap<(&'m str, &'m str), (Val, bool)>,
    /// JS: the app mounts express-mongo-sanitize (`app.use(mongoSanitize())`), which
    /// strips `$`-prefixed and dotted keys from every request's body, query and params.
    pub(crate) mongo_sanitized: bool,
    /// Set when a result depended on which functions had been analysed before: a
    /// call into a function being analysed other than the caller itself (mutual
    /// recursion), or a summary read before it was computed. A summary computed alone
    /// for another file (see `Project::function`) is then not the whole module's.
    pub(crate) order_sensitive: std::cell::Cell<bool>,
}

impl<'m> Engine<'m> {
    pub fn new(
        module: &'m Module,
        src: &'m str,
        file: Arc<str>,
        family: Family,
        rules: &'m RuleSet,
        active: Vec<bool>,
        project: Option<&'m Project>,
    ) -> Option<Engine<'m>> {
        let index = rules.index(family)?;
        let n = module.funcs.len();
        let mut line_starts =
            Vec::with_capacity(memchr::memchr_iter(b'\n', src.as_bytes()).count() + 1);
        line_starts.push(0u32);
        for i in memchr::memchr_iter(b'\n', src.as_bytes()) {
            line_starts.push(i as u32 + 1);
        }
        let imports = module
            .imports
            .iter()
            .map(|i| (i.alias.as_str(), i))
            .collect();
        let mut seen = std::collections::HashSet::new();
        let imported_twice = module
            .imports
            .iter()
            .map(|i| i.alias.as_str())
            .filter(|a| !seen.insert(*a))
            .collect();
        let mut e = Engine {
            module,
            src,
            file,
            family,
            rules,
            index,
            active,
            line_starts,
            imports,
            imported_twice,
            globals: None,
            class_consts: Default::default(),
            frames: Vec::new(),
            status: vec![Status::NotStarted; n],
            summaries: vec![None; n],
            called: vec![false; n],
            dead: vec![false; n],
            handlers: vec![None; n],
            outer: vec![None; n],
            findings: Vec::new(),
            project,
            steps: 0,
            reporting: true,
            php_fields: if family == Family::Php {
                super::sources::php_this_fields(module)
            } else {
                HashMap::new()
            },
            keep_exit: Vec::new(),
            exit_ivars: None,
            field_consts: Default::default(),
            capture_partial: None,
            partial_locals: HashMap::new(),
            partial_rendered: false,
            field_writes: HashMap::new(),
            field_vals: HashMap::new(),
            field_at_call: HashMap::new(),
            mongo_sanitized: false,
            order_sensitive: std::cell::Cell::new(false),
        };
        if family == Family::Js {
            e.mongo_sanitized = mounts_mongo_sanitize(module);
        }
        if family == Family::Java {
            e.field_writes = java_field_writes(module);
        }
        e.handlers = handlers::detect(&e);
        Some(e)
    }

    /// Interpret the whole file and run the rules; the findings are in `self.findings`.
    pub fn run(&mut self) {
        self.analyze_function(0);
        // Methods that store computed values in fields first, so that the methods
        // reading those fields see what was stored.
        for f in self.field_writers() {
            if self.status[f] == Status::NotStarted && !self.dead[f] && !self.out_of_budget() {
                self.analyze_function(f);
            }
        }
        for f in 1..self.module.funcs.len() {
            if self.status[f] == Status::NotStarted && !self.dead[f] && !self.out_of_budget() {
                self.analyze_function(f);
            }
        }
        self.report_uncalled();
        let rules = self.rules;
        let index = self.index;
        for &i in &index.module {
            if self.active[i] {
                rules.rules[i].module(&mut Cx {
                    engine: self,
                    rule: i,
                });
            }
        }
        self.dedup();
    }

    pub(crate) fn out_of_budget(&self) -> bool {
        self.steps > STEP_BUDGET
    }

    /// Keep one finding per rule and place (the most confident).
    fn dedup(&mut self) {
        self.findings.sort_by(|a, b| {
            (a.rule, a.span.start, a.span.end)
                .cmp(&(b.rule, b.span.start, b.span.end))
                .then(b.confidence.cmp(&a.confidence))
                .then(a.flow.len().cmp(&b.flow.len()))
        });
        self.findings
            .dedup_by(|b, a| a.rule == b.rule && a.span == b.span);
    }

    pub fn line_of(&self, byte: u32) -> u32 {
        match self.line_starts.binary_search(&byte) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    pub fn text(&self, span: Span) -> &'m str {
        self.src.get(span.range()).unwrap_or("")
    }

    /// A short quote of source text for path notes.
    pub(crate) fn quote(&self, span: Span) -> String {
        let t = self.text(span);
        let first = t.lines().next().unwrap_or("").trim();
        let mut s: String = first.chars().take(60).collect();
        if s.len() < first.len() || t.lines().nth(1).is_some() {
            s.push('…');
        }
        s
    }

    pub(crate) fn hop(&self, span: Span, note: String, prev: Trace) -> Trace {
        Some(Arc::new(Hop {
            file: self.file.clone(),
            span,
            line: self.line_of(span.start),
            note,
            prev,
        }))
    }

    pub fn current_func(&self) -> FuncId {
        self.frames.last().map(|f| f.func).unwrap_or(0)
    }

    pub fn is_handler(&self, f: FuncId) -> bool {
        self.handlers.get(f).is_some_and(|h| h.is_some())
    }

    pub fn imports_prefix(&self, prefix: &str) -> bool {
        self.module.imports.iter().any(|i| {
            i.path == prefix
                || i.path.starts_with(prefix) && i.path[prefix.len()..].starts_with(['.', '/'])
        })
    }

    pub(crate) fn report_structural(&mut self, rule: usize, r: Report) {
        if !self.reporting {
            return;
        }
        let meta = self.rules.rules[rule].meta();
        self.findings.push(RawFinding {
            rule,
            span: r.span,
            confidence: r.confidence.unwrap_or(meta.confidence),
            message: r.message,
            flow: Vec::new(),
            fix: r.fix,
        });
    }

    /// The origins a sink taking `acc` accepts under the threat model: under `local`, a
    /// sink that takes request input takes command-line, local and stored input too.
    pub(crate) fn widen(&self, acc: u32) -> u32 {
        if self.rules.local && acc & accept::REQUEST != 0 {
            acc | accept::CLI | accept::STORED
        } else {
            acc
        }
    }

    /// Does `val` carry a live label from an accepted origin for sink class `class`?
    pub fn has_live_taint(&self, val: &Val, class: u32, acc: u32) -> bool {
        let acc = self.widen(acc);
        val.all_taint().is_some_and(|t| {
            t.iter()
                .any(|l| l.live_for(class) && accepts(acc, &l.origin))
        })
    }

    /// Report `val` reaching a sink of class `class` for rule `rule` (or, for a
    /// parameter, record it for the callers), with the rule's message or `message` (for
    /// input reported here; a parameter's callers get the rule's message).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn report_flow(
        &mut self,
        rule: usize,
        span: Span,
        val: &Val,
        class: u32,
        acc: u32,
        unknown: Unknown,
        fix: Option<Fix>,
        message: Option<String>,
    ) -> bool {
        let narrow = acc;
        let acc = self.widen(acc);
        let unknown_reportable = match unknown {
            Unknown::Skip => false,
            Unknown::Built => val.built && val.built_safe & class != class,
            Unknown::Dynamic => (!val.is_trusted() || val.built) && val.built_safe & class != class,
        };
        let taint = val.all_taint();
        let mut best: Option<&Label> = None;
        let mut params: Vec<&Label> = Vec::new();
        if let Some(labels) = &taint {
            for l in labels.iter() {
                if !l.live_for(class) || !accepts(acc, &l.origin) {
                    continue;
                }
                match l.origin {
                    Origin::Param(_) => params.push(l),
                    _ => {
                        if best.is_none_or(|b| rank(l) > rank(b)) {
                            best = Some(l);
                        }
                    }
                }
            }
        }
        let sink_note = format!("reaches `{}`", self.quote(span));
        if let Some(l) = best {
            let confidence = label_confidence(l, self.rules.rules[rule].meta().confidence);
            let message = local_message(l, narrow, message, self.rules.rules[rule].meta().message);
            let trace = self.hop(span, sink_note, l.trace.clone());
            self.push_flow_finding(rule, span, confidence, message, &trace, fix);
            return true;
        }
        if !params.is_empty() {
            let func = self.current_func();
            for l in params {
                let Origin::Param(p) = l.origin else { continue };
                let trace = self.hop(span, sink_note.clone(), l.trace.clone());
                let record = SinkRecord {
                    rule,
                    file: self.file.clone(),
                    span,
                    line: self.line_of(span.start),
                    param: p,
                    neutral: l.neutral,
                    class,
                    // (The rule's own set: the callers widen it under the threat model.)
                    accept: narrow,
                    trace,
                    built_ok: unknown_reportable,
                    fix: fix.clone(),
                    func,
                    message: message.as_deref().map(Arc::from),
                };
                if let Some(frame) = self.frames.last_mut() {
                    frame.records.push(record);
                }
            }
            return true;
        }
        // (A database field is of unknown origin to the sinks that do not take stored
        // input.)
        let no_origin = taint.as_ref().is_none_or(|t| {
            t.iter().all(|l| {
                l.origin == Origin::Source(SourceKind::Stored) && acc & accept::STORED == 0
            })
        });
        if unknown_reportable && self.reporting && no_origin {
            let note = if val.built {
                "string built from values of unknown origin"
            } else {
                "value of unknown origin"
            };
            let trace = self.hop(span, note.into(), None);
            self.push_flow_finding(rule, span, Confidence::Low, None, &trace, fix);
            return true;
        }
        false
    }

    pub(crate) fn push_flow_finding(
        &mut self,
        rule: usize,
        span: Span,
        confidence: Confidence,
        message: Option<String>,
        trace: &Trace,
        fix: Option<Fix>,
    ) {
        if !self.reporting {
            return;
        }
        let flow = hops(trace)
            .into_iter()
            .map(|h| (h.file.clone(), h.span, h.line, h.note.clone()))
            .collect();
        self.findings.push(RawFinding {
            rule,
            span,
            confidence,
            message,
            flow,
            fix,
        });
    }

    /// Sinks reached from parameters of functions nobody in the file calls: reported
    /// with low confidence when the sink value is a string built from them.
    fn report_uncalled(&mut self) {
        let mut out = Vec::new();
        for (f, s) in self.summaries.iter().enumerate() {
            let Some(s) = s else { continue };
            if self.called[f] || self.is_handler(f) {
                continue;
            }
            // A Java method another file of its package calls: that file's analysis
            // reports what the callers really pass.
            let func = &self.module.funcs[f];
            if self.family == Family::Java
                && let (Some(project), Some(class)) = (self.project, func.class.as_deref())
                && project.java_called_elsewhere(&self.file, class, &func.name)
            {
                continue;
            }
            for r in &s.records {
                if r.built_ok && Arc::ptr_eq(&r.file, &self.file) {
                    out.push(r.clone());
                }
            }
        }
        for r in out {
            let trace = r.trace.clone();
            self.push_flow_finding(r.rule, r.span, Confidence::Low, None, &trace, r.fix);
        }
    }
}

pub(crate) fn accepts(acc: u32, origin: &Origin) -> bool {
    match origin {
        Origin::Source(SourceKind::Io) => acc & accept::IO != 0,
        Origin::Source(SourceKind::Cli) => acc & accept::CLI != 0,
        Origin::Source(SourceKind::Random) => acc & accept::RANDOM != 0,
        Origin::Source(SourceKind::Stored) => acc & accept::STORED != 0,
        Origin::Source(SourceKind::Count) => acc & accept::COUNT != 0,
        // (Made only under the `local` threat model, whose sinks take CLI input.)
        Origin::Source(SourceKind::Local(_)) => acc & accept::CLI != 0,
        // A parameter is recorded for the sinks of either kind; the caller's value
        // decides (its own origin is checked against the record's sinks there).
        Origin::Param(_) => acc & (accept::REQUEST | accept::COUNT | accept::LITERAL) != 0,
        Origin::Source(_) => acc & accept::REQUEST != 0,
        Origin::ErrorDetail => acc & accept::ERROR != 0,
        Origin::Personal => acc & accept::PERSONAL != 0,
    }
}

fn rank(l: &Label) -> u8 {
    match l.origin {
        Origin::Source(SourceKind::Request) => 4,
        Origin::Source(SourceKind::Cli) => 3,
        Origin::Source(SourceKind::Dom) => 3,
        Origin::Source(SourceKind::Network) => 3,
        Origin::Source(SourceKind::Io) => 2,
        Origin::Source(SourceKind::Random) => 1,
        Origin::Source(SourceKind::Stored) => 1,
        Origin::Source(SourceKind::Count) => 3,
        Origin::Source(SourceKind::Local(_)) => 2,
        Origin::ErrorDetail | Origin::Personal => 1,
        Origin::Param(_) => 0,
    }
}

/// The message of a finding whose input counts only under the `local` threat model
/// (local input, or command-line input at a sink that takes request input only):
/// the rule's message naming that input, so the reader can judge whether it is theirs.
pub(crate) fn local_message(
    l: &Label,
    narrow: u32,
    message: Option<String>,
    base: &str,
) -> Option<String> {
    let what = match l.origin {
        Origin::Source(SourceKind::Local(k)) => k.describe(),
        Origin::Source(SourceKind::Cli) if narrow & accept::CLI == 0 => {
            "the command line or standard input"
        }
        Origin::Source(SourceKind::Stored) if narrow & accept::STORED == 0 => "a database row",
        _ => return message,
    };
    let base = message.as_deref().unwrap_or(base);
    Some(format!("{base} (input from {what}: local threat model)"))
}

/// How sure a flow finding is, from how its input was established.
fn label_confidence(l: &Label, structural: Confidence) -> Confidence {
    match l.origin {
        Origin::Source(SourceKind::Request) if l.strong => Confidence::High,
        Origin::Source(SourceKind::Stored | SourceKind::Local(LocalOrigin::Database)) => {
            Confidence::Low
        }
        Origin::Source(_) => Confidence::Medium,
        Origin::ErrorDetail | Origin::Personal => structural,
        Origin::Param(_) => Confidence::Low,
    }
}

/// Java fields assigned by bare name in a method of their class, with the assigned
/// expressions.
fn java_field_writes(module: &crate::ir::Module) -> HashMap<&str, Vec<&crate::ir::Expr>> {
    let mut out: HashMap<&str, Vec<&crate::ir::Expr>> = HashMap::new();
    for c in &module.classes {
        if c.fields.is_empty() {
            continue;
        }
        for &m in &c.methods {
            crate::ir::for_each_nested_stmt(&module.funcs[m].body, &mut |s| {
                if let crate::ir::StmtKind::Assign {
                    target: crate::ir::Pattern::Name(n, _),
                    value,
                } = &s.kind
                    && let Some((name, _)) = c.fields.iter().find(|(f, _)| f == n)
                {
                    out.entry(name.as_str()).or_default().push(value);
                }
            });
        }
    }
    out
}

impl<'m> Engine<'m> {
    /// Methods that assign a field something other than a literal.
    fn field_writers(&self) -> Vec<FuncId> {
        if self
            .field_writes
            .values()
            .all(|ws| ws.iter().all(|e| literal(e).is_some()))
        {
            return Vec::new();
        }
        let mut out = Vec::new();
        for c in &self.module.classes {
            for &m in &c.methods {
                let mut writes = false;
                crate::ir::for_each_nested_stmt(&self.module.funcs[m].body, &mut |s| {
                    if let crate::ir::StmtKind::Assign {
                        target: crate::ir::Pattern::Name(n, _),
                        value,
                    } = &s.kind
                        && self.field_writes.contains_key(n.as_str())
                        && literal(value).is_none()
                    {
                        writes = true;
                    }
                });
                if writes {
                    out.push(m);
                }
            }
        }
        out
    }

    /// The value of Java field `name` read in a method, when methods assign it: the
    /// initial value joined with every literal assigned, or with the values the methods
    /// analysed so far stored (of unknown origin when none was analysed yet).
    pub(crate) fn written_field(&self, name: &str, initial: Option<Val>) -> Option<Val> {
        let writes = self.field_writes.get(name)?;
        // A field without initialiser starts as null.
        let mut v = initial.unwrap_or_else(|| Val::constant(super::value::Const::Null));
        let literals: Option<Vec<Val>> = writes.iter().map(|e| literal(e)).collect();
        match literals {
            Some(ls) => {
                for l in ls {
                    v = v.join(&l);
                }
                Some(v)
            }
            None => match self.field_vals.get(name) {
                Some(stored) => Some(v.join(stored)),
                None => Some(Val::unknown()),
            },
        }
    }

    /// Java: at a call into another class's method (`(new Sink()).run()`,
    /// `Sink.run()`), note what the fields of this file's classes hold for that method
    /// to read (see `field_at_call`): the callee reads `Holder.data` as the caller left
    /// it, not as any other method stored it.
    pub(crate) fn note_fields_at_call(&mut self, call: &'m crate::ir::Call) {
        use crate::ir::ExprKind;
        let ExprKind::Attr(recv, m) = &call.callee.kind else {
            return;
        };
        let other_class = match &recv.kind {
            ExprKind::Call(c) => c.is_new,
            ExprKind::Name(n) => n.starts_with(|c: char| c.is_ascii_uppercase()),
            _ => false,
        };
        if !other_class {
            return;
        }
        let Some(frame) = self.frames.last() else {
            return;
        };
        let mut seen = Vec::new();
        for &f in self.field_writes.keys() {
            let v = frame.state.get(f).map(without_params);
            seen.push((f, v));
        }
        for (f, v) in seen {
            // (The first call's value as it is, so that a constant stays one.)
            match (self.field_at_call.get_mut(&(m.as_str(), f)), v) {
                (Some(entry), Some(v)) => entry.0 = entry.0.join(&v),
                (Some(entry), None) => entry.1 = true,
                (None, Some(v)) => {
                    self.field_at_call.insert((m.as_str(), f), (v, false));
                }
                (None, None) => {
                    self.field_at_call
                        .insert((m.as_str(), f), (Val::trusted(), true));
                }
            }
        }
    }

    /// Record a value a method stores in a field (labels of the method's own parameters
    /// dropped: they mean nothing to another method).
    pub(crate) fn store_field(&mut self, name: &'m str, v: &Val) {
        if !self.field_writes.contains_key(name) || self.current_func() == 0 {
            return;
        }
        let v = without_params(v);
        let joined = match self.field_vals.get(name) {
            Some(prev) => prev.join(&v),
            None => v,
        };
        self.field_vals.insert(name, joined);
    }
}

/// `v` without the labels of the analysed method's own parameters (they mean nothing to
/// another method).
fn without_params(v: &Val) -> Val {
    let mut v = v.clone();
    if let Some(t) = &v.taint {
        let kept: Vec<Label> = t
            .iter()
            .filter(|l| !matches!(l.origin, Origin::Param(_)))
            .cloned()
            .collect();
        if kept.len() != t.len() {
            v = Val {
                taint: (!kept.is_empty()).then(|| Arc::new(kept)),
                ..Val::unknown()
            };
        }
    }
    v
}

/// The value of a literal expression.
fn literal(e: &crate::ir::Expr) -> Option<Val> {
    use super::value::Const;
    use crate::ir::ExprKind;
    Some(match &e.kind {
        ExprKind::Str(s) => Val::str(s),
        ExprKind::Num(n) => Val::constant(Const::Num(*n)),
        ExprKind::Bool(b) => Val::constant(Const::Bool(*b)),
        ExprKind::Null => Val::constant(Const::Null),
        _ => return None,
    })
}

/// `app.use(mongoSanitize())` (or `app.use(mongoSanitize.sanitize ...)`) anywhere in the
/// module, with `mongoSanitize` imported from express-mongo-sanitize.
fn mounts_mongo_sanitize(module: &Module) -> bool {
    let aliases: Vec<&str> = module
        .imports
        .iter()
        .filter(|i| i.path.starts_with("express-mongo-sanitize"))
        .map(|i| i.alias.as_str())
        .collect();
    if aliases.is_empty() {
        return false;
    }
    let mut found = false;
    for f in &module.funcs {
        handlers::walk_calls(&f.body, &mut |c: &crate::ir::Call| {
            if c.callee.last_name() == Some("use")
                && c.args.iter().any(|a| {
                    let inner = a.value.as_call().map(|ic| &ic.callee).unwrap_or(&a.value);
                    let root = match &inner.kind {
                        crate::ir::ExprKind::Attr(b, _) => b.as_name(),
                        _ => inner.as_name(),
                    };
                    root.is_some_and(|n| aliases.contains(&n))
                })
            {
                found = true;
            }
        });
        if found {
            return true;
        }
    }
    false
}
