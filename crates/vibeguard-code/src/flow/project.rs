//! The project's own modules: when a file calls a function it imports from another file
//! of the scanned project (`from .db import run_query`, `import { query } from './db'`),
//! that module is analysed once (cached for the whole scan, shared between threads) and
//! the function's summary applies at the call like a local one.

use super::engine::{Engine, RuleSet};
use super::summary::Summary;
use super::value::{ObjKind, Trace, Val};
use crate::ir::{Call, ParamKind, Span};
use crate::syntax::{Family, Language};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

thread_local! {
    /// The modules this thread is computing facts for, innermost last.
    static COMPUTING: std::cell::RefCell<Vec<PathBuf>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Largest module read to compute summaries.
const MAX_MODULE_BYTES: u64 = 1024 * 1024;

/// What callers in other files need about one module.
pub struct ModuleFacts {
    /// Path as shown in findings (relative to the scan root).
    pub file: Arc<str>,
    /// Top-level functions, and methods of top-level classes as `Class.method`: summary
    /// and parameter names.
    pub funcs: HashMap<String, (Arc<Summary>, Vec<String>)>,
    /// Top-level classes.
    pub classes: Vec<String>,
}

/// The scanned project: where its files are, and the summaries computed so far.
pub struct Project {
    root: PathBuf,
    cache: Mutex<HashMap<PathBuf, Option<Arc<ModuleFacts>>>>,
    /// Java properties files by the folder they were looked up from and their name:
    /// their entries, or `None` when there is no such file.
    props: Mutex<PropsCache>,
    /// Java classes by the folder they were looked up from and their name.
    classes: Mutex<HashMap<(PathBuf, String), Option<PathBuf>>>,
}

type PropsCache = HashMap<(PathBuf, String), Option<Arc<HashMap<String, String>>>>;

/// Largest properties file read.
const MAX_PROPS_BYTES: u64 = 256 * 1024;

impl Project {
    pub fn new(root: PathBuf) -> Project {
        Project {
            root,
            cache: Mutex::new(HashMap::new()),
            props: Mutex::new(HashMap::new()),
            classes: Mutex::new(HashMap::new()),
        }
    }

    /// The value of `key` in the Java properties file `name` the code in `from_file`
    /// loads: the file is looked for in the source's folder and the folders above it
    /// (up to two above the scanned root, where a Maven `src/main/resources` sits next to
    /// `src/main/java`), directly or under `resources/` or `src/main/resources/`.
    pub fn property(&self, from_file: &str, name: &str, key: &str) -> Option<String> {
        let name = name.rsplit('/').next().unwrap_or(name);
        if name.is_empty() || name.contains("..") {
            return None;
        }
        let dir = Path::new(from_file)
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf();
        let ck = (dir.clone(), name.to_string());
        let cached = self
            .props
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&ck)
            .cloned();
        let entries = match cached {
            Some(e) => e,
            None => {
                let e = self.find_props(&dir, name).map(Arc::new);
                self.props
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(ck, e.clone());
                e
            }
        };
        entries?.get(key).cloned()
    }

    fn find_props(&self, dir: &Path, name: &str) -> Option<HashMap<String, String>> {
        let top = self
            .root
            .parent()
            .and_then(Path::parent)
            .unwrap_or(&self.root);
        let mut d = self.root.join(dir);
        loop {
            for sub in ["", "resources", "src/main/resources"] {
                let cand = d.join(sub).join(name);
                if let Ok(meta) = std::fs::metadata(&cand)
                    && meta.is_file()
                    && meta.len() <= MAX_PROPS_BYTES
                {
                    let text = std::fs::read_to_string(&cand).ok()?;
                    return Some(parse_properties(&text));
                }
            }
            if d == top || !d.starts_with(top) || !d.pop() {
                return None;
            }
        }
    }

    /// The module a dotted import path names, seen from `from_file`, and the member.
    fn resolve(&self, from_file: &str, path: &str, family: Family) -> Option<(PathBuf, String)> {
        let from_dir = Path::new(from_file).parent().unwrap_or(Path::new(""));
        match family {
            Family::Python => {
                let level = path.chars().take_while(|c| *c == '.').count();
                let rest = &path[level..];
                let (module, member) = rest.rsplit_once('.')?;
                let rel: PathBuf = module.split('.').collect();
                let bases: Vec<PathBuf> = if level > 0 {
                    let mut d = from_dir.to_path_buf();
                    for _ in 1..level {
                        d.pop();
                    }
                    vec![d]
                } else {
                    vec![from_dir.to_path_buf(), PathBuf::new()]
                };
                for b in bases {
                    for cand in [
                        b.join(&rel).with_extension("py"),
                        b.join(&rel).join("__init__.py"),
                    ] {
                        if self.root.join(&cand).is_file() {
                            return Some((cand, member.to_string()));
                        }
                    }
                }
                None
            }
            Family::Js => {
                if !path.starts_with('.') {
                    return None;
                }
                // "./db.query": the module is "./db", the member "query".
                let slash = path.rfind('/').unwrap_or(0);
                let (module, member) = match path[slash..].find('.') {
                    Some(d) => (&path[..slash + d], &path[slash + d + 1..]),
                    None => (path, "default"),
                };
                let member = member.split('.').next().unwrap_or(member);
                let base = from_dir.join(module);
                let exts = ["ts", "tsx", "js", "jsx", "mjs", "cjs"];
                let mut cands: Vec<PathBuf> = exts
                    .iter()
                    .map(|e| PathBuf::from(format!("{}.{e}", base.display())))
                    .collect();
                cands.extend(exts.iter().map(|e| base.join(format!("index.{e}"))));
                cands.push(base.clone());
                for c in cands {
                    let c = normalize(&c);
                    if self.root.join(&c).is_file() {
                        return Some((c, member.to_string()));
                    }
                }
                None
            }
            Family::Java => {
                let (class, member) = path.rsplit_once('.')?;
                Some((self.java_class(from_file, class)?, member.to_string()))
            }
            _ => None,
        }
    }

    /// The source file of Java class `class` (`com.example.Helper`, or `Helper` of the
    /// same package) as seen from `from_file`: `com/example/Helper.java` under the
    /// source's folder or one of the folders above it (the source root).
    pub fn java_class(&self, from_file: &str, class: &str) -> Option<PathBuf> {
        let simple = class.rsplit('.').next().unwrap_or(class);
        if !simple.starts_with(|c: char| c.is_ascii_uppercase())
            || class.starts_with("java.")
            || class.starts_with("javax.")
            || class
                .split('.')
                .rev()
                .skip(1)
                .any(|s| s.starts_with(|c: char| c.is_ascii_uppercase()))
        {
            return None;
        }
        let dir = Path::new(from_file)
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf();
        let key = (dir.clone(), class.to_string());
        if let Some(hit) = self
            .classes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return hit.clone();
        }
        let rel: PathBuf = class.split('.').collect();
        let rel = rel.with_extension("java");
        let mut found = None;
        let mut d = Some(dir.as_path());
        while let Some(cur) = d {
            let cand = cur.join(&rel);
            if self.root.join(&cand).is_file() {
                found = Some(cand);
                break;
            }
            // A class of the same package is named without its package.
            if !class.contains('.') {
                break;
            }
            d = cur.parent();
        }
        self.classes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, found.clone());
        found
    }

    fn facts(&self, rel: &Path, rules: &RuleSet) -> Option<Arc<ModuleFacts>> {
        if let Some(f) = self
            .cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(rel)
        {
            return f.clone();
        }
        // A module this thread is computing already: an import cycle sees nothing. (A
        // module another thread is computing is computed here too, rather than read
        // as missing: which file a thread reaches first must not change the findings.)
        let cycle = COMPUTING.with(|c| c.borrow().iter().any(|p| p == rel));
        if cycle {
            return None;
        }
        COMPUTING.with(|c| c.borrow_mut().push(rel.to_path_buf()));
        struct Done;
        impl Drop for Done {
            fn drop(&mut self) {
                COMPUTING.with(|c| {
                    c.borrow_mut().pop();
                });
            }
        }
        let done = Done;
        let facts = self.compute(rel, rules).map(Arc::new);
        drop(done);
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(rel.to_path_buf())
            .or_insert(facts)
            .clone()
    }

    fn compute(&self, rel: &Path, rules: &RuleSet) -> Option<ModuleFacts> {
        let full = self.root.join(rel);
        let meta = std::fs::symlink_metadata(&full).ok()?;
        if !meta.is_file() || meta.len() > MAX_MODULE_BYTES {
            return None;
        }
        let bytes = std::fs::read(&full).ok()?;
        let src = std::str::from_utf8(&bytes).ok()?;
        let display = rel.to_string_lossy().replace('\\', "/");
        let lang = Language::of_path(&display)?;
        let tree = crate::syntax::parse(lang, src.as_bytes())?;
        let module = crate::lower::lower(lang, src.as_bytes(), tree.root_node());
        let file: Arc<str> = Arc::from(display.as_str());
        let active = vec![true; rules.rules.len()];
        let mut engine = Engine::new(
            &module,
            src,
            file.clone(),
            lang.family(),
            rules,
            active,
            Some(self),
        )?;
        engine.reporting = false;
        engine.analyze_function(0);
        let mut funcs = HashMap::new();
        let params_of = |f: &crate::ir::Func| -> Vec<String> {
            f.params
                .iter()
                .map(|p| {
                    if p.kind == ParamKind::Plain {
                        p.name().unwrap_or("").to_string()
                    } else {
                        String::new()
                    }
                })
                .collect()
        };
        for (id, f) in module.funcs.iter().enumerate() {
            if f.parent != Some(0) || f.name.is_empty() {
                continue;
            }
            if let Some(s) = engine.analyze_function(id) {
                funcs.insert(f.name.clone(), (s, params_of(f)));
            }
        }
        let mut classes = Vec::new();
        if lang.family() == Family::Python {
            for c in &module.classes {
                classes.push(c.name.clone());
                for &m in &c.methods {
                    let f = &module.funcs[m];
                    if f.name.is_empty() {
                        continue;
                    }
                    if let Some(s) = engine.analyze_function(m) {
                        funcs.insert(format!("{}.{}", c.name, f.name), (s, params_of(f)));
                    }
                }
            }
        }
        Some(ModuleFacts {
            file,
            funcs,
            classes,
        })
    }
}

/// `key=value`, `key: value` and `key value` lines of a Java properties file (comments
/// and continuation lines skipped).
fn parse_properties(text: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for line in text.lines() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') || line.starts_with('!') {
            continue;
        }
        let cut = line.find(['=', ':', ' ', '\t']).unwrap_or(line.len());
        let (k, rest) = line.split_at(cut);
        let v = rest
            .trim_start()
            .strip_prefix(['=', ':'])
            .unwrap_or(rest)
            .trim();
        out.insert(k.trim().to_string(), v.to_string());
    }
    out
}

/// `a/./b/../c` -> `a/c`.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

impl<'m> Engine<'m> {
    /// A call to a function of another module of the project.
    pub(crate) fn project_call(
        &mut self,
        call: &Call,
        span: Span,
        path: &str,
        args: &[Val],
    ) -> Option<Val> {
        let project = self.project?;
        let Some((rel, member)) = project.resolve(&self.file, path, self.family) else {
            // `Class.method(args)` of a class imported from a module of the project: a
            // static method, or a class method (its `cls` is the class).
            if self.family != Family::Python {
                return None;
            }
            let (class_path, method) = path.rsplit_once('.')?;
            let (rel, class) = project.resolve(&self.file, class_path, self.family)?;
            let facts = project.facts(&rel, self.rules)?;
            if !facts.classes.contains(&class) {
                return None;
            }
            let (summary, params) = facts.funcs.get(&format!("{class}.{method}"))?;
            let cls = (params.first().map(String::as_str) == Some("cls")).then(Val::unknown);
            return self.apply_project_summary(call, span, method, summary, params, args, cls);
        };
        let facts = project.facts(&rel, self.rules)?;
        // `module.Class(args)`: an object of that class, carrying what it was built from.
        if !facts.funcs.contains_key(&member) && facts.classes.contains(&member) {
            let mut v = Val::obj(ObjKind::Instance(path.to_string()));
            v.taint = self.built_from(span, args);
            return Some(v);
        }
        let (summary, params) = facts.funcs.get(&member)?;
        self.apply_project_summary(call, span, &member, summary, params, args, None)
    }

    /// `obj.method(args)` where `obj` is an object of class `class_path` (dotted, of
    /// another module of the project).
    pub(crate) fn project_method(
        &mut self,
        call: &Call,
        span: Span,
        class_path: &str,
        name: &str,
        recv: &Val,
        args: &[Val],
    ) -> Option<Val> {
        let project = self.project?;
        let (rel, class) = project.resolve(&self.file, class_path, self.family)?;
        let facts = project.facts(&rel, self.rules)?;
        if class == "*" {
            // An object of a class chosen at run time: any class of the module with
            // that method.
            let suffix = format!(".{name}");
            let mut out: Option<Val> = None;
            let mut keys: Vec<&String> = facts
                .funcs
                .keys()
                .filter(|k| k.ends_with(&suffix) && !k[..k.len() - suffix.len()].contains('.'))
                .collect();
            keys.sort();
            for k in keys {
                let (summary, params) = &facts.funcs[k];
                let v = self.apply_project_summary(
                    call,
                    span,
                    name,
                    summary,
                    params,
                    args,
                    Some(recv.clone()),
                )?;
                out = Some(match out {
                    Some(o) => o.join(&v),
                    None => v,
                });
            }
            return out;
        }
        let (summary, params) = facts.funcs.get(&format!("{class}.{name}"))?;
        self.apply_project_summary(call, span, name, summary, params, args, Some(recv.clone()))
    }

    #[allow(clippy::too_many_arguments)]
    fn apply_project_summary(
        &mut self,
        call: &Call,
        span: Span,
        member: &str,
        summary: &Summary,
        params: &[String],
        args: &[Val],
        self_val: Option<Val>,
    ) -> Option<Val> {
        let mut bound: Vec<Val> = vec![Val::unknown(); params.len()];
        let mut pi = 0;
        if let Some(s) = self_val
            && !bound.is_empty()
        {
            bound[0] = s;
            pi = 1;
        }
        for (k, a) in call.args.iter().enumerate() {
            match &a.name {
                None if !a.spread && pi < bound.len() => {
                    bound[pi] = args[k].clone();
                    pi += 1;
                }
                Some(n) => {
                    if let Some(j) = params.iter().position(|p| p == n) {
                        bound[j] = args[k].clone();
                    }
                }
                None => {}
            }
        }
        let hop = self.call_hop(span, member);
        let hop = |t: &Trace| hop(t);
        let ret = super::summary::substitute(&summary.ret, &bound, &hop);
        for r in &summary.records {
            self.instantiate(r, &bound, span, member);
        }
        Some(ret)
    }
}
