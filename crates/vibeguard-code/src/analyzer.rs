//! The code analyzer as the scan pipeline and the agent gate see it: which files it
//! wants, and one file in, findings out (prefilter -> parse -> lower -> data flow ->
//! rules).

use crate::check::Rule;
use crate::erb::{View, template_of};
use crate::flow::project::Project;
use crate::flow::{Engine, RawFinding, RuleSet};
use crate::syntax::{self, Language};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;
use vibeguard_core::{
    AnalyzeContext, Analyzer, Finding, FlowStep, Location, RuleInfo, SourceFile, ThreatModel,
};

/// Files larger than this are not parsed (generated or minified code).
const MAX_PARSE_BYTES: usize = 2 * 1024 * 1024;

pub struct CodeAnalyzer {
    rules: Arc<RuleSet>,
    /// The scanned project, for summaries of functions imported from its other modules.
    project: RwLock<Option<Arc<Project>>>,
}

impl CodeAnalyzer {
    pub fn new(rules: Vec<Box<dyn Rule>>, disabled: &[String]) -> CodeAnalyzer {
        let rules = rules
            .into_iter()
            .filter(|r| !disabled.iter().any(|d| d == r.meta().id))
            .collect();
        CodeAnalyzer {
            rules: Arc::new(RuleSet::new(rules)),
            project: RwLock::new(None),
        }
    }

    /// Analyse under `model`: [`ThreatModel::Local`] adds the local sources
    /// (environment, properties, files, console, database rows) and lets command-line
    /// input reach every sink request input reaches.
    pub fn with_threat_model(mut self, model: ThreatModel) -> CodeAnalyzer {
        if let Some(rules) = Arc::get_mut(&mut self.rules) {
            rules.local = model == ThreatModel::Local;
        }
        self
    }

    /// Resolve imports of the project's own modules under `root` (paths of analysed
    /// files are relative to it).
    pub fn set_project_root(&self, root: PathBuf) {
        let mut p = self.project.write().unwrap_or_else(|e| e.into_inner());
        *p = Some(Arc::new(Project::new(root)));
    }

    /// Analyse one file's text; the findings and, for `--stats`, the time spent.
    pub fn analyze_text(&self, path: &str, src: &str, test_file: bool) -> Vec<Finding> {
        let mut cx = AnalyzeContext::new(false);
        let mut file = SourceFile::new(path, src.as_bytes());
        file.class.test = test_file;
        self.analyze(&file, &mut cx);
        cx.findings
    }
}

impl Analyzer for CodeAnalyzer {
    fn name(&self) -> &'static str {
        "code"
    }

    fn rules(&self) -> Vec<RuleInfo> {
        self.rules.rules.iter().map(|r| r.info()).collect()
    }

    fn wants(&self, path: &str) -> bool {
        language_of(path).is_some_and(|l| self.rules.index(l.family()).is_some())
    }

    fn begin_scan(&self, roots: &[PathBuf]) {
        let root = match roots {
            [one] if one.is_dir() => one.clone(),
            _ => PathBuf::from("."),
        };
        self.set_project_root(root);
    }

    fn analyze(&self, file: &SourceFile<'_>, cx: &mut AnalyzeContext) {
        let Some(lang) = language_of(file.path) else {
            return;
        };
        if file.bytes.len() > MAX_PARSE_BYTES {
            return;
        }
        let Ok(src) = std::str::from_utf8(file.bytes) else {
            return;
        };
        let family = lang.family();
        // A Ruby view template: an ERB template's Ruby at its own offsets (crate::erb),
        // a HAML or Slim view's Ruby line by line (crate::haml); the keywords are looked
        // for in that Ruby (`<%==` is a `raw` call).
        let view = template_of(file.path);
        let project = self
            .project
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let escapes = !matches!(view, Some(View::Erb))
            || project.as_deref().is_none_or(|p| p.erb_escapes(file.path));
        let erb = crate::erb::template_ruby(file.path, src, escapes);
        // A Vue single-file component: its <script> parsed in place (the rest blanked,
        // so offsets and lines stay those of the file); template rules read the text.
        // A Blade template: its raw echoes `{!! expr !!}` parsed in place as `<?= expr ?>`.
        let script = if is_vue(file.path) {
            Some(vue_script_only(src))
        } else if is_blade(file.path) {
            Some(blade_raw_echoes(src))
        } else {
            erb
        };
        let code = script.as_deref().map_or(file.bytes, str::as_bytes);
        // The keywords are looked for in what is parsed, except in a Vue file, whose
        // template rules read the whole text.
        let filtered = if is_vue(file.path) { file.bytes } else { code };
        let Some(active) = self.rules.prefilter(family, filtered) else {
            return;
        };
        let timing = cx.timing_enabled();
        let t0 = Instant::now();
        let Some(tree) = syntax::parse(lang, code) else {
            return;
        };
        let module = crate::lower::lower(lang, code, tree.root_node());
        drop(tree);
        if timing {
            cx.add_time("code: parse", t0.elapsed());
        }
        let t1 = Instant::now();
        let path: Arc<str> = Arc::from(file.path);
        // The engine reads the text the module was lowered from (a template's Ruby).
        let engine_src = if view.is_some() {
            std::str::from_utf8(code).unwrap_or(src)
        } else {
            src
        };
        let Some(mut engine) = Engine::new(
            &module,
            engine_src,
            path.clone(),
            family,
            &self.rules,
            active,
            project.as_deref(),
        ) else {
            return;
        };
        engine.run();
        if timing {
            cx.add_time("code: data flow and rules", t1.elapsed());
        }
        let raws = std::mem::take(&mut engine.findings);
        // A HAML or Slim view's Ruby keeps its lines, not its columns: findings are placed
        // in that Ruby.
        let shown = if matches!(view, Some(View::Haml | View::Slim)) {
            engine_src
        } else {
            src
        };
        let lines = LineIndex::new(shown);
        for raw in raws {
            cx.report(self.finding(&raw, file, shown, &lines));
        }
    }
}

/// The language a file is analysed as: its own, or TypeScript for the script of a Vue
/// single-file component (the TypeScript grammar reads plain JavaScript too).
fn language_of(path: &str) -> Option<Language> {
    if is_vue(path) {
        return Some(Language::TypeScript);
    }
    if template_of(path).is_some() {
        return Some(Language::Ruby);
    }
    Language::of_path(path)
}

fn is_vue(path: &str) -> bool {
    // Bytes, not a str slice: the fourth byte from the end may sit inside a multi-byte
    // character (`café.j2`).
    let b = path.as_bytes();
    b.len() > 4 && b[b.len() - 4..].eq_ignore_ascii_case(b".vue")
}

/// `src` with everything outside its `<script ...>` blocks replaced by spaces (line
/// breaks kept): the component's code at its own offsets.
fn vue_script_only(src: &str) -> String {
    let mut out: Vec<u8> = src
        .bytes()
        .map(|b| if b == b'\n' { b'\n' } else { b' ' })
        .collect();
    let lower = src.to_ascii_lowercase();
    let mut from = 0;
    while let Some(open) = lower[from..].find("<script").map(|i| i + from) {
        let Some(body) = lower[open..].find('>').map(|i| i + open + 1) else {
            break;
        };
        let end = lower[body..]
            .find("</script")
            .map_or(src.len(), |i| i + body);
        out[body..end].copy_from_slice(&src.as_bytes()[body..end]);
        from = end;
    }
    String::from_utf8(out).unwrap_or_default()
}

fn is_blade(path: &str) -> bool {
    path.to_ascii_lowercase().ends_with(".blade.php")
}

/// A Blade template with everything blanked (line breaks kept) but its unescaped echoes,
/// `{!! expr !!}` rewritten in place to `<?= expr ?>` (same length, same offsets): the
/// PHP that prints them raw. `{{ expr }}` escapes and is left out.
fn blade_raw_echoes(src: &str) -> String {
    let mut out: Vec<u8> = src
        .bytes()
        .map(|b| if b == b'\n' { b'\n' } else { b' ' })
        .collect();
    let mut from = 0;
    while let Some(open) = src[from..].find("{!!").map(|i| i + from) {
        let body = open + 3;
        let Some(close) = src[body..].find("!!}").map(|i| i + body) else {
            break;
        };
        out[open..body].copy_from_slice(b"<?=");
        out[body..close].copy_from_slice(&src.as_bytes()[body..close]);
        out[close..close + 3].copy_from_slice(b"?> ");
        from = close + 3;
    }
    String::from_utf8(out).unwrap_or_default()
}

impl CodeAnalyzer {
    fn finding(
        &self,
        raw: &RawFinding,
        file: &SourceFile<'_>,
        src: &str,
        lines: &LineIndex,
    ) -> Finding {
        let rule = &self.rules.rules[raw.rule];
        let m = rule.meta();
        let start = (raw.span.start as usize).min(src.len());
        let end = (raw.span.end as usize).clamp(start, src.len());
        let (line, column) = lines.line_col(src, start);
        let (end_line, end_column) = lines.line_col(src, end);
        let matched = src.get(start..end).unwrap_or("");
        let confidence = if file.class.test {
            raw.confidence.lowered()
        } else {
            raw.confidence
        };
        let flow = raw
            .flow
            .iter()
            .map(|(f, span, l, note)| {
                let column = if f.as_ref() == file.path {
                    lines.line_col(src, (span.start as usize).min(src.len())).1
                } else {
                    1
                };
                FlowStep {
                    path: f.to_string(),
                    line: *l,
                    column,
                    byte_start: span.start as usize,
                    byte_end: span.end as usize,
                    note: note.clone(),
                }
            })
            .collect();
        Finding {
            rule_id: m.id.to_string(),
            severity: m.severity,
            confidence,
            message: raw.message.clone().unwrap_or_else(|| m.message.to_string()),
            location: Location {
                path: file.path.to_string(),
                line,
                column,
                end_line,
                end_column,
                byte_start: start,
                byte_end: end,
            },
            snippet: String::new(),
            secret: None,
            fingerprint: Finding::fingerprint_for(
                m.id,
                file.path,
                normalize_ws(matched).as_bytes(),
            ),
            provenance: None,
            fix: raw.fix.clone(),
            flow,
            properties: Default::default(),
        }
    }
}

/// The matched text with runs of white space folded, so reformatting a line keeps its
/// fingerprint.
fn normalize_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Line starts of a file, for byte -> line/column.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(src: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(memchr::memchr_iter(b'\n', src.as_bytes()).count() + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and byte column.
    fn line_col(&self, _src: &str, byte: usize) -> (u32, u32) {
        let line = match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (line as u32 + 1, (byte - self.starts[line]) as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::is_vue;

    #[test]
    fn vue_suffix_is_read_on_bytes() {
        assert!(is_vue("src/App.vue"));
        assert!(is_vue("src/App.VUE"));
        assert!(!is_vue(".vue"));
        assert!(!is_vue("templates/café.j2"));
        assert!(!is_vue("é.vu"));
        assert!(!is_vue("naïve"));
    }
}
