//! The project's own modules: when a file calls a function it imports from another file
//! of the scanned project (`from .db import run_query`, `import { query } from './db'`),
//! that module is read once and the function's summary computed once (both cached for the
//! whole scan, shared between threads), and the summary applies at the call like a local
//! one. Only the functions some file calls are analysed (see `Project::function`).

use super::engine::{Engine, RuleSet};
use super::summary::Summary;
use super::value::{ObjKind, Trace, Val};
use crate::ir::{Call, FuncId, ParamKind, Span};
use crate::lower::FieldExt;
use crate::syntax::{Family, Language};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

thread_local! {
    /// The modules this thread is computing facts for, innermost last.
    static COMPUTING: std::cell::RefCell<Vec<PathBuf>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Most summaries of one module computed one by one (see `Project::function`) before
/// the rest are computed all at once.
const MAX_SINGLES: usize = 16;

/// Largest module read to compute summaries.
const MAX_MODULE_BYTES: u64 = 1024 * 1024;

/// A function's summary and the names of its parameters (see `params_of`).
type Callable = (Arc<Summary>, Vec<String>);

/// What callers in other files need about one module, from the analysis of all of it.
pub struct ModuleFacts {
    /// Top-level functions, and methods of top-level classes as `Class.method`: summary
    /// and parameter names.
    pub funcs: HashMap<String, Callable>,
    /// Python: pydantic models (`class M(BaseModel)`) and what their fields admit.
    pub(crate) models: HashMap<String, Arc<Vec<(String, super::sources::FieldVerdict)>>>,
    /// Java: `final` fields initialised with a constant, by name.
    pub consts: HashMap<String, Val>,
    /// Java: fields the module's methods store input in (`data = request.getParameter(..)`
    /// in a method, read as `Holder.data` elsewhere): that input, whatever the order.
    pub stored: HashMap<String, Val>,
    /// Java: what a field holds for method `m` of another class, by `(m, field)`, when
    /// every call of the module's methods to `m` came after the calling method assigned
    /// the field (see `Engine::field_at_call`).
    pub stored_for_call: HashMap<(String, String), Val>,
}

/// The scanned project: where its files are, and the summaries computed so far.
pub struct Project {
    root: PathBuf,
    /// Modules of the project by path, once read (`None`: not analysable).
    cache: Mutex<HashMap<PathBuf, Option<Arc<ProjectModule>>>>,
    /// `resolve`'s answers by the caller's folder, import path and language family.
    resolved: Mutex<ResolveCache>,
    /// Whether a file exists, by path (see `is_file`).
    files: Mutex<HashMap<PathBuf, bool>>,
    /// Java properties files by the folder they were looked up from and their name:
    /// their entries, or `None` when there is no such file.
    props: Mutex<PropsCache>,
    /// Java classes by the folder they were looked up from and their name.
    classes: Mutex<HashMap<(PathBuf, String), Option<PathBuf>>>,
    /// Rails views: the instance variables their controller action leaves.
    views: Mutex<HashMap<String, Option<Arc<Ivars>>>>,
    /// Rails applications by folder: whether `<%= %>` escapes (see `erb_escapes`).
    escaping: Mutex<HashMap<String, bool>>,
    /// Rails partials: the locals the templates and controller of their folder pass.
    partials: Mutex<HashMap<String, Option<Arc<Ivars>>>>,
    /// Java packages (folders): what each of their files calls.
    packages: Mutex<HashMap<PathBuf, Arc<PackageUses>>>,
    /// Thymeleaf templates by path: the model attributes they print unescaped or as
    /// addresses.
    thymeleaf: Mutex<HashMap<String, Option<Arc<TemplateOutputs>>>>,
}

/// Model attributes a Thymeleaf template prints, each with the (1-based) line of its
/// first such use.
pub struct TemplateOutputs {
    /// Printed without HTML escaping (`th:utext`, `[(${...})]`).
    pub unescaped: Vec<(String, u32)>,
    /// Starting a link or form address (`th:href="${next}"`).
    pub urls: Vec<(String, u32)>,
}

/// Largest template read.
const MAX_TEMPLATE_BYTES: u64 = 512 * 1024;

/// The files of one Java package, and which of them name each class.
#[derive(Default)]
struct PackageUses {
    files: Vec<JavaUses>,
    by_type: HashMap<String, Vec<usize>>,
}

/// The classes one Java file names and the methods it invokes.
struct JavaUses {
    file: PathBuf,
    types: std::collections::HashSet<String>,
    methods: std::collections::HashSet<String>,
}

/// Largest package whose files are read to find callers.
const MAX_PACKAGE_FILES: usize = 4000;

/// Instance variables (or locals) by name.
type Ivars = HashMap<String, Val>;

/// Most files of a folder read to find the locals of one of its partials.
const MAX_PARTIAL_SCAN: usize = 64;

type ResolveCache = HashMap<(PathBuf, String, Family), Option<(PathBuf, String)>>;

type PropsCache = HashMap<(PathBuf, String), Option<Arc<HashMap<String, String>>>>;

/// Largest properties file read.
const MAX_PROPS_BYTES: u64 = 256 * 1024;

impl Project {
    pub fn new(root: PathBuf) -> Project {
        Project {
            root,
            cache: Mutex::new(HashMap::new()),
            resolved: Mutex::new(HashMap::new()),
            files: Mutex::new(HashMap::new()),
            props: Mutex::new(HashMap::new()),
            classes: Mutex::new(HashMap::new()),
            views: Mutex::new(HashMap::new()),
            partials: Mutex::new(HashMap::new()),
            escaping: Mutex::new(HashMap::new()),
            packages: Mutex::new(HashMap::new()),
            thymeleaf: Mutex::new(HashMap::new()),
        }
    }

    /// Spring MVC + Thymeleaf: the template a controller in `java_file` renders by the
    /// view name `view` (`src/main/resources/templates/<view>.html` of the module the
    /// file belongs to), and the model attributes it prints unescaped (`th:utext`,
    /// `[(${...})]`) or as link addresses. `None` when there is no such template.
    pub fn thymeleaf_outputs(
        &self,
        java_file: &str,
        view: &str,
    ) -> Option<(String, Arc<TemplateOutputs>)> {
        let view = view.trim_start_matches('/');
        if view.is_empty()
            || view.contains("..")
            || view.contains(':')
            || view.contains(['\\', ' '])
        {
            return None;
        }
        let prefix = java_file
            .rfind("src/main/java/")
            .map_or("", |i| &java_file[..i]);
        // `spring.thymeleaf.prefix=classpath:/site/templates/` moves the templates.
        let folder = self
            .property(
                java_file,
                "application.properties",
                "spring.thymeleaf.prefix",
            )
            .and_then(|p| {
                let p = p.trim().strip_prefix("classpath:")?.trim_matches('/');
                (!p.is_empty() && !p.contains("..")).then(|| format!("{p}/"))
            })
            .unwrap_or_else(|| "templates/".to_string());
        let suffix = if view.ends_with(".html") { "" } else { ".html" };
        let rel = format!("{prefix}src/main/resources/{folder}{view}{suffix}");
        if let Some(hit) = self
            .thymeleaf
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&rel)
        {
            return hit.clone().map(|n| (rel, n));
        }
        let got = (|| {
            let full = self.root.join(&rel);
            let meta = std::fs::symlink_metadata(&full).ok()?;
            if !meta.is_file() || meta.len() > MAX_TEMPLATE_BYTES {
                return None;
            }
            let text = std::fs::read_to_string(&full).ok()?;
            Some(Arc::new(TemplateOutputs {
                unescaped: crate::thymeleaf::unescaped_names(&text),
                urls: crate::thymeleaf::url_names(&text),
            }))
        })();
        self.thymeleaf
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.clone(), got.clone());
        got.map(|n| (rel, n))
    }

    /// Does another Java file of the same package (folder) as `from_file` name class
    /// `class` and invoke a method called `method`? Then that file's analysis applies the
    /// method's summary to the values it really passes.
    pub fn java_called_elsewhere(&self, from_file: &str, class: &str, method: &str) -> bool {
        let file = Path::new(from_file);
        let dir = file.parent().unwrap_or(Path::new("")).to_path_buf();
        let cached = self
            .packages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&dir)
            .cloned();
        let uses = match cached {
            Some(u) => u,
            None => {
                let u = Arc::new(self.package_uses(&dir));
                self.packages
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(dir, u.clone());
                u
            }
        };
        uses.by_type.get(class).is_some_and(|ids| {
            ids.iter().any(|&i| {
                let u = &uses.files[i];
                u.file != file && u.methods.contains(method)
            })
        })
    }

    fn package_uses(&self, dir: &Path) -> PackageUses {
        let files = self.package_files(dir);
        let mut by_type: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, u) in files.iter().enumerate() {
            for t in &u.types {
                by_type.entry(t.clone()).or_default().push(i);
            }
        }
        PackageUses { files, by_type }
    }

    fn package_files(&self, dir: &Path) -> Vec<JavaUses> {
        let Ok(entries) = std::fs::read_dir(self.root.join(dir)) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "java"))
            .take(MAX_PACKAGE_FILES + 1)
            .collect();
        if files.len() > MAX_PACKAGE_FILES {
            return Vec::new();
        }
        files.sort();
        let mut out = Vec::new();
        for p in files {
            let Ok(meta) = std::fs::symlink_metadata(&p) else {
                continue;
            };
            if !meta.is_file() || meta.len() > MAX_MODULE_BYTES {
                continue;
            }
            let Ok(bytes) = std::fs::read(&p) else {
                continue;
            };
            let Some(tree) = crate::syntax::parse(Language::Java, &bytes) else {
                continue;
            };
            let mut u = JavaUses {
                file: dir.join(p.file_name().unwrap_or_default()),
                types: Default::default(),
                methods: Default::default(),
            };
            let text = |n: tree_sitter::Node<'_>| n.utf8_text(&bytes).unwrap_or("");
            let add = |set: &mut std::collections::HashSet<String>, t: &str| {
                if !set.contains(t) {
                    set.insert(t.to_string());
                }
            };
            let mut cursor = tree.walk();
            let mut stack = vec![tree.root_node()];
            while let Some(n) = stack.pop() {
                match n.kind() {
                    "method_invocation" => {
                        if let Some(name) = n.field("name") {
                            add(&mut u.methods, text(name));
                        }
                        // `Helper.run(x)`: a class named by a static call.
                        if let Some(obj) = n.field("object")
                            && obj.kind() == "identifier"
                        {
                            add(&mut u.types, text(obj));
                        }
                    }
                    "type_identifier" => add(&mut u.types, text(n)),
                    _ => {}
                }
                if n.named_child_count() > 0 {
                    stack.extend(n.named_children(&mut cursor));
                }
            }
            out.push(u);
        }
        out
    }

    /// Does `<%= %>` escape in the Rails application of the template `view`? Not in
    /// Rails 2 (`RAILS_GEM_VERSION = '2.x'` in `config/environment.rb`) without the
    /// rails_xss plugin (`vendor/plugins/rails_xss`); yes otherwise.
    pub fn erb_escapes(&self, view: &str) -> bool {
        let Some(at) = view.rfind("app/views/") else {
            return true;
        };
        let prefix = &view[..at];
        if let Some(hit) = self
            .escaping
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(prefix)
        {
            return *hit;
        }
        let base = self.root.join(prefix);
        let env = std::fs::read_to_string(base.join("config/environment.rb")).unwrap_or_default();
        let rails2 = env.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("RAILS_GEM_VERSION")
                && l.split(['\'', '"'])
                    .nth(1)
                    .is_some_and(|v| v.starts_with("2."))
        });
        let escapes = !rails2 || base.join("vendor/plugins/rails_xss").is_dir();
        self.escaping
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(prefix.to_string(), escapes);
        escapes
    }

    /// Rails: the locals of the partial `view` (`app/views/shop/_row.html.erb`), from
    /// the `render` calls of the templates of its folder and of that folder's
    /// controller, and (as `@name`) the instance variables of the templates rendering
    /// it. `None` for a file that is not a partial.
    pub(crate) fn partial_locals(&self, view: &str, rules: &RuleSet) -> Option<Arc<Ivars>> {
        {
            let mut cache = self.partials.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(hit) = cache.get(view) {
                return hit.clone();
            }
            // In progress: a partial rendering itself sees nothing.
            cache.insert(view.to_string(), None);
        }
        let got = self.compute_partial_locals(view, rules).map(Arc::new);
        self.partials
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(view.to_string(), got.clone());
        got
    }

    fn compute_partial_locals(&self, view: &str, rules: &RuleSet) -> Option<Ivars> {
        let at = view.rfind("app/views/")?;
        let (prefix, rest) = (&view[..at], &view[at + "app/views/".len()..]);
        let (dir, file) = rest.rsplit_once('/')?;
        let name = file.strip_prefix('_')?.split('.').next()?;
        if dir.contains("..") || name.is_empty() {
            return None;
        }
        let folder = format!("{prefix}app/views/{dir}");
        let mut files: Vec<String> = std::fs::read_dir(self.root.join(&folder))
            .ok()?
            .filter_map(|e| e.ok())
            .map(|e| format!("{folder}/{}", e.file_name().to_string_lossy()))
            .filter(|f| f != view && crate::erb::template_of(f).is_some())
            .collect();
        files.sort();
        files.push(format!("{prefix}app/controllers/{dir}_controller.rb"));
        let mut out = Ivars::new();
        for rel in files.iter().take(MAX_PARTIAL_SCAN) {
            let full = self.root.join(rel);
            let Ok(meta) = std::fs::symlink_metadata(&full) else {
                continue;
            };
            if !meta.is_file() || meta.len() > MAX_MODULE_BYTES {
                continue;
            }
            let Ok(bytes) = std::fs::read(&full) else {
                continue;
            };
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            let ruby = crate::erb::template_ruby(rel, text, self.erb_escapes(rel));
            let src = ruby.as_deref().unwrap_or(text);
            let Some(tree) = crate::syntax::parse(Language::Ruby, src.as_bytes()) else {
                continue;
            };
            let module = crate::lower::lower(Language::Ruby, src.as_bytes(), tree.root_node());
            let active = vec![true; rules.rules.len()];
            let Some(mut engine) = Engine::new(
                &module,
                src,
                Arc::from(rel.as_str()),
                Family::Ruby,
                rules,
                active,
                Some(self),
            ) else {
                continue;
            };
            engine.reporting = false;
            engine.capture_partial = Some((dir.to_string(), name.to_string()));
            engine.run();
            let mut got = std::mem::take(&mut engine.partial_locals);
            // A template that renders the partial shares its instance variables (those
            // of its action, or of the templates rendering it in turn).
            if engine.partial_rendered && !rel.ends_with("_controller.rb") {
                let ivars = self
                    .view_ivars(rel, rules)
                    .or_else(|| self.partial_locals(rel, rules));
                for (k, v) in ivars.iter().flat_map(|m| m.iter()) {
                    if k.starts_with('@') {
                        got.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                }
            }
            drop(engine);
            for (k, v) in got {
                let v = match out.get(&k) {
                    Some(old) => super::interp::join_vals(old, &v),
                    None => v,
                };
                out.insert(k, v);
            }
        }
        Some(out)
    }

    /// Rails: the instance variables the controller action of the view `view` (relative
    /// to the root) leaves when it renders it implicitly
    /// (`app/views/admin/users/show.html.erb` -> `show` of
    /// `app/controllers/admin/users_controller.rb`). `None` for a partial, a file
    /// outside `app/views/` or a controller without that action.
    pub(crate) fn view_ivars(&self, view: &str, rules: &RuleSet) -> Option<Arc<Ivars>> {
        if let Some(hit) = self
            .views
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(view)
        {
            return hit.clone();
        }
        let got = self.compute_view_ivars(view, rules).map(Arc::new);
        self.views
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(view.to_string(), got.clone());
        got
    }

    fn compute_view_ivars(&self, view: &str, rules: &RuleSet) -> Option<Ivars> {
        let (controller, action) = rails_action_of(view)?;
        let full = self.root.join(&controller);
        let meta = std::fs::symlink_metadata(&full).ok()?;
        if !meta.is_file() || meta.len() > MAX_MODULE_BYTES {
            return None;
        }
        let bytes = std::fs::read(&full).ok()?;
        let src = std::str::from_utf8(&bytes).ok()?;
        let tree = crate::syntax::parse(Language::Ruby, src.as_bytes())?;
        let module = crate::lower::lower(Language::Ruby, src.as_bytes(), tree.root_node());
        // The action of the same name, and the methods that render the template by name
        // (`render :edit`, `render "users/edit"`, `render action: :edit`).
        let dir = view
            .rsplit_once("app/views/")
            .and_then(|(_, r)| r.rsplit_once('/'))
            .map_or("", |(d, _)| d)
            .to_string();
        let roots: Vec<usize> = module
            .funcs
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == crate::ir::FuncKind::Method && f.class.is_some())
            .filter(|(_, f)| f.name == action || renders_template(&f.body, &dir, &action))
            .map(|(i, _)| i)
            .collect();
        if roots.is_empty() {
            return None;
        }
        // For each: its before filters, then the methods of the controller it calls, then
        // the method itself.
        let mut order: Vec<usize> = Vec::new();
        for &id in &roots {
            let class = module.funcs[id].class.clone();
            let root_name = module.funcs[id].name.clone();
            let method_named = |n: &str| {
                module.funcs.iter().position(|f| {
                    f.name == n && f.kind == crate::ir::FuncKind::Method && f.class == class
                })
            };
            for m in before_filters(&module.funcs[0].body, &root_name)
                .iter()
                .filter_map(|n| method_named(n))
            {
                if !order.contains(&m) {
                    order.push(m);
                }
            }
            for s in &module.funcs[id].body {
                crate::rules::support::walk_stmt_exprs(s, &mut |e| {
                    let name = match &e.kind {
                        crate::ir::ExprKind::Name(n) => Some(n.as_str()),
                        crate::ir::ExprKind::Call(c) => c.callee.as_name(),
                        _ => None,
                    };
                    if let Some(m) = name.filter(|n| *n != root_name).and_then(method_named)
                        && !order.contains(&m)
                    {
                        order.push(m);
                    }
                });
            }
            if !order.contains(&id) {
                order.push(id);
            }
        }
        let file: Arc<str> = Arc::from(controller.as_str());
        let active = vec![true; rules.rules.len()];
        let mut engine = Engine::new(&module, src, file, Family::Ruby, rules, active, Some(self))?;
        engine.reporting = false;
        engine.keep_exit = order.clone();
        // `render locals: { q: params[:q] }`: the template's locals.
        engine.capture_partial = Some((dir, action.clone()));
        engine.analyze_function(0);
        for f in order {
            engine.analyze_function(f);
        }
        let mut out = engine.exit_ivars.take().unwrap_or_default();
        for (k, v) in std::mem::take(&mut engine.partial_locals) {
            out.entry(k).or_insert(v);
        }
        Some(out)
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
    /// Memoised by folder: each answer takes up to dozens of file lookups, and the same
    /// calls recur in every file of a folder.
    pub(crate) fn resolve(
        &self,
        from_file: &str,
        path: &str,
        family: Family,
    ) -> Option<(PathBuf, String)> {
        if family == Family::Js && !path.starts_with('.') {
            return None;
        }
        let from_dir = Path::new(from_file).parent().unwrap_or(Path::new(""));
        let key = (from_dir.to_path_buf(), path.to_string(), family);
        if let Some(hit) = self
            .resolved
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return hit.clone();
        }
        let got = self.find_module(from_file, path, family);
        self.resolved
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, got.clone());
        got
    }

    /// Is there a file at `rel` (under the root)? Memoised: the files of many folders
    /// import the same modules by different relative paths, each trying a dozen names.
    fn is_file(&self, rel: &Path) -> bool {
        if let Some(&hit) = self
            .files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(rel)
        {
            return hit;
        }
        let got = self.root.join(rel).is_file();
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_path_buf(), got);
        got
    }

    /// `resolve` without the memo.
    fn find_module(
        &self,
        from_file: &str,
        path: &str,
        family: Family,
    ) -> Option<(PathBuf, String)> {
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
                        if self.is_file(&cand) {
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
                // "./db.query": the module is "./db", the member "query". A module
                // named with dots or with its extension ("./report.service.js.list"):
                // the longest prefix that names a file.
                let slash = path.rfind('/').unwrap_or(0);
                let segs: Vec<&str> = path[slash..].split('.').collect();
                let exts = ["ts", "tsx", "js", "jsx", "mjs", "cjs"];
                for k in (1..=segs.len()).rev() {
                    let module = format!("{}{}", &path[..slash], segs[..k].join("."));
                    // `./files.Files.read`: the member is `Files.read` (a static method).
                    let rest = segs[k..].join(".");
                    let member = if rest.is_empty() {
                        "default"
                    } else {
                        rest.as_str()
                    };
                    let base = from_dir.join(&module);
                    let mut cands: Vec<PathBuf> = Vec::new();
                    // `import ... from "./x.js"` names the file, or (TypeScript) `x.ts`.
                    if k >= 2 && exts.contains(&segs[k - 1]) {
                        cands.push(base.clone());
                        let stem = format!("{}{}", &path[..slash], segs[..k - 1].join("."));
                        let stem = from_dir.join(stem);
                        cands.extend(
                            ["ts", "tsx"]
                                .iter()
                                .map(|e| PathBuf::from(format!("{}.{e}", stem.display()))),
                        );
                    }
                    cands.extend(
                        exts.iter()
                            .map(|e| PathBuf::from(format!("{}.{e}", base.display()))),
                    );
                    cands.extend(exts.iter().map(|e| base.join(format!("index.{e}"))));
                    if k == segs.len() {
                        cands.push(base.clone());
                    }
                    for c in cands {
                        let c = normalize(&c);
                        if self.is_file(&c) {
                            return Some((c, member.to_string()));
                        }
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

    /// The module at `rel`, read and lowered once for the scan; `None` when it cannot
    /// be analysed. No other module is looked at, so no import cycle is possible here.
    fn module(&self, rel: &Path, rules: &RuleSet) -> Option<Arc<ProjectModule>> {
        if let Some(m) = self
            .cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(rel)
        {
            return m.clone();
        }
        let m = ProjectModule::read(&self.root, rel, rules).map(Arc::new);
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(rel.to_path_buf())
            .or_insert(m)
            .clone()
    }

    /// The module at `rel` as a caller sees it: `None` as well while this thread is
    /// computing summaries of that module (an import cycle sees nothing of it). A module
    /// another thread is computing is computed here too, rather than read as missing.
    fn callee_module(&self, rel: &Path, rules: &RuleSet) -> Option<Arc<ProjectModule>> {
        if COMPUTING.with(|c| c.borrow().iter().any(|p| p == rel)) {
            return None;
        }
        self.module(rel, rules)
    }

    /// The summary and parameter names of what `key` names in module `m` (`f`,
    /// `Class.method`, as `ModuleFacts::funcs`). Only that function and what it calls
    /// are interpreted, once per scan: a file importing half the project must not pay
    /// for every function of it.
    ///
    /// A summary computed alone (after the top level, and with what it calls) equals
    /// the one the whole module's analysis gives when nothing in it depends on the
    /// order functions are analysed in. When something may (mutual recursion, a
    /// summary read before it was computed, a nested class's method, the step budget,
    /// Java fields), the whole module is analysed in its order instead
    /// (`compute_all`), as it always was. Nothing is locked while interpreting: two
    /// threads may compute the same summary, and keep the first.
    fn function(
        &self,
        rel: &Path,
        m: &ProjectModule,
        key: &str,
        rules: &RuleSet,
    ) -> Option<Callable> {
        let &id = m.keys.get(key)?;
        if m.lang.family() == Family::Java {
            return self.all_facts(rel, m, rules)?.funcs.get(key).cloned();
        }
        if let Some(hit) = m.done.lock().unwrap_or_else(|e| e.into_inner()).get(key) {
            return Some(hit.clone());
        }
        if let Some(all) = m.all.lock().unwrap_or_else(|e| e.into_inner()).clone() {
            return all.funcs.get(key).cloned();
        }
        let _computing = Computing::enter(rel);
        // A method of a class inside a function sees that function's variables, set
        // when it runs. And each summary computed alone runs the top level again: past
        // a few, the whole module at once costs less (this bounds the work by the
        // module's size).
        if m.ir.funcs[id].parent != Some(0)
            || m.singles.fetch_add(1, Ordering::Relaxed) >= MAX_SINGLES
        {
            return self.compute_all(m, rules).funcs.get(key).cloned();
        }
        let mut engine = m.engine(rules, self)?;
        engine.analyze_function(0);
        // The top level runs first in either way: only what follows can depend on the
        // order.
        engine.order_sensitive.set(false);
        engine.analyze_function(id);
        if engine.order_sensitive.get() || engine.out_of_budget() {
            drop(engine);
            return self.compute_all(m, rules).funcs.get(key).cloned();
        }
        // Everything analysed on the way is as the whole module's analysis has it.
        let mut done = m.done.lock().unwrap_or_else(|e| e.into_inner());
        for (k, &f) in &m.keys {
            if let Some(s) = &engine.summaries[f]
                && m.ir.funcs[f].parent == Some(0)
            {
                done.entry(k.clone())
                    .or_insert_with(|| (s.clone(), params_of(&m.ir.funcs[f])));
            }
        }
        done.get(key).cloned()
    }

    /// Whether the NestJS application `from_file` belongs to installs a global
    /// ValidationPipe: its `main.ts` (the entry point Nest's CLI makes) in the file's
    /// folder or one above it. Read from the module's syntax, no analysis needed.
    pub(crate) fn nest_global_validation(&self, from_file: &str, rules: &RuleSet) -> bool {
        let mut dir = Path::new(from_file).parent();
        while let Some(d) = dir {
            for name in ["main.ts", "main.js", "src/main.ts"] {
                let rel = d.join(name);
                if rel.as_path() != Path::new(from_file)
                    && self.is_file(&rel)
                    && let Some(m) = self.module(&rel, rules)
                {
                    return m.global_validation;
                }
            }
            dir = d.parent();
        }
        false
    }

    /// What the fields of model `class` (a pydantic model, a NestJS DTO), declared in
    /// module `rel`, admit (from the whole module's analysis: a pydantic model's
    /// validators are its methods).
    pub(crate) fn model_fields(
        &self,
        rel: &Path,
        class: &str,
        rules: &RuleSet,
    ) -> Option<Arc<Vec<(String, super::sources::FieldVerdict)>>> {
        let m = self.callee_module(rel, rules)?;
        self.all_facts(rel, &m, rules)?.models.get(class).cloned()
    }

    /// Every summary of module `m` at once, analysed in the module's order (Java's
    /// constants and fields need every method).
    fn all_facts(
        &self,
        rel: &Path,
        m: &ProjectModule,
        rules: &RuleSet,
    ) -> Option<Arc<ModuleFacts>> {
        if let Some(all) = m.all.lock().unwrap_or_else(|e| e.into_inner()).clone() {
            return Some(all);
        }
        let _computing = Computing::enter(rel);
        Some(self.compute_all(m, rules))
    }

    /// The whole module's analysis: the top level, then the functions in the order
    /// callers name them (see `ProjectModule::order`).
    fn compute_all(&self, m: &ProjectModule, rules: &RuleSet) -> Arc<ModuleFacts> {
        let family = m.lang.family();
        let mut funcs = HashMap::new();
        let mut consts = HashMap::new();
        let mut stored = HashMap::new();
        let mut stored_for_call = HashMap::new();
        let mut models = HashMap::new();
        if let Some(mut engine) = m.engine(rules, self) {
            engine.analyze_function(0);
            for (key, id) in &m.order {
                if let Some(s) = engine.analyze_function(*id) {
                    funcs.insert(key.clone(), (s, params_of(&m.ir.funcs[*id])));
                }
            }
            // Python: pydantic models; TypeScript: classes whose fields class-validator
            // decorators check (NestJS DTOs).
            for c in &m.ir.classes {
                let model = match family {
                    Family::Python => {
                        !c.fields.is_empty() && c.bases.iter().any(|b| b.ends_with("BaseModel"))
                    }
                    // A DTO with decorated fields of its own, or one that only derives
                    // its fields (`extends PartialType(CreateDto)`, `extends BaseDto`).
                    Family::Js => {
                        if let Some(fields) = engine.nest_dto_fields(&c.name, 0) {
                            models.insert(c.name.clone(), Arc::new(fields));
                        }
                        continue;
                    }
                    _ => false,
                };
                if model {
                    models.insert(c.name.clone(), Arc::new(engine.model_field_verdicts(c)));
                }
            }
            if family == Family::Java
                && let Some(globals) = &engine.globals
            {
                for name in &m.finals {
                    if let Some(v) = globals.get(name.as_str())
                        && v.is_const()
                    {
                        consts.insert(name.clone(), v.clone());
                    }
                }
            }
            if family == Family::Java {
                let names: Vec<&str> = engine.field_writes.keys().copied().collect();
                for name in names {
                    if consts.contains_key(name) {
                        continue;
                    }
                    if let Some(v) = engine.field_vals.get(name)
                        && v.all_taint().is_some()
                    {
                        stored.insert(name.to_string(), Val::tainted(v.all_taint()));
                    }
                }
                for ((m, f), (v, unassigned)) in &engine.field_at_call {
                    if !*unassigned && !consts.contains_key(*f) {
                        stored_for_call.insert((m.to_string(), f.to_string()), v.clone());
                    }
                }
            }
        }
        let all = Arc::new(ModuleFacts {
            funcs,
            models,
            consts,
            stored,
            stored_for_call,
        });
        m.all
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get_or_insert(all)
            .clone()
    }
}

/// Marks a module as being computed on this thread while alive (see `COMPUTING`).
struct Computing;

impl Computing {
    fn enter(rel: &Path) -> Computing {
        COMPUTING.with(|c| c.borrow_mut().push(rel.to_path_buf()));
        Computing
    }
}

impl Drop for Computing {
    fn drop(&mut self) {
        COMPUTING.with(|c| {
            c.borrow_mut().pop();
        });
    }
}

/// A module of the project, read and lowered once, with the summaries computed so far.
struct ProjectModule {
    /// Path as shown in findings (relative to the scan root).
    file: Arc<str>,
    lang: Language,
    src: String,
    ir: crate::ir::Module,
    /// What other files can call, in the order the whole module's analysis takes them:
    /// top-level functions by name, JavaScript functions written as values (`export
    /// const f = (x) => ...`, `exports.f = function (x) {...}`), and methods of classes
    /// as `Class.method`. A later function of the same key replaces an earlier one.
    order: Vec<(String, FuncId)>,
    /// Each key's function (the last of `order` with that key).
    keys: HashMap<String, FuncId>,
    /// Classes (Python, JavaScript).
    classes: Vec<String>,
    /// Java: the `final` fields of the top-level classes.
    finals: Vec<String>,
    /// Summaries computed one by one, by key.
    done: Mutex<HashMap<String, Callable>>,
    /// How many times summaries were computed one by one.
    singles: AtomicUsize,
    /// Every summary at once (see `Project::compute_all`).
    all: Mutex<Option<Arc<ModuleFacts>>>,
    /// JS: the module installs a global NestJS ValidationPipe (`app.useGlobalPipes`).
    global_validation: bool,
}

impl ProjectModule {
    fn read(root: &Path, rel: &Path, rules: &RuleSet) -> Option<ProjectModule> {
        let full = root.join(rel);
        let meta = std::fs::symlink_metadata(&full).ok()?;
        if !meta.is_file() || meta.len() > MAX_MODULE_BYTES {
            return None;
        }
        let src = String::from_utf8(std::fs::read(&full).ok()?).ok()?;
        let display = rel.to_string_lossy().replace('\\', "/");
        let lang = Language::of_path(&display)?;
        rules.index(lang.family())?;
        let tree = crate::syntax::parse(lang, src.as_bytes())?;
        let ir = crate::lower::lower(lang, src.as_bytes(), tree.root_node());
        let finals = if lang.family() == Family::Java {
            java_final_fields(tree.root_node(), src.as_bytes())
        } else {
            Vec::new()
        };
        let mut order: Vec<(String, FuncId)> = Vec::new();
        for (id, f) in ir.funcs.iter().enumerate() {
            if f.parent == Some(0) && !f.name.is_empty() {
                order.push((f.name.clone(), id));
            }
        }
        if lang.family() == Family::Js
            && let Some(top) = ir.funcs.first()
        {
            let mut taken: std::collections::HashSet<String> =
                order.iter().map(|(k, _)| k.clone()).collect();
            for st in &top.body {
                let crate::ir::StmtKind::Assign { target, value } = &st.kind else {
                    continue;
                };
                let crate::ir::ExprKind::Func(id) = value.kind else {
                    continue;
                };
                let name = match target {
                    crate::ir::Pattern::Name(n, _) => n.clone(),
                    crate::ir::Pattern::Attr(base, attr, _)
                        if matches!(
                            base.dotted().as_deref(),
                            Some("exports" | "module.exports")
                        ) =>
                    {
                        attr.clone()
                    }
                    _ => continue,
                };
                // A name already taken keeps its function (and this one is not analysed).
                if taken.insert(name.clone()) {
                    order.push((name, id));
                }
            }
        }
        let mut classes = Vec::new();
        if matches!(lang.family(), Family::Python | Family::Js) {
            for c in &ir.classes {
                classes.push(c.name.clone());
                for &m in &c.methods {
                    if !ir.funcs[m].name.is_empty() {
                        order.push((format!("{}.{}", c.name, ir.funcs[m].name), m));
                    }
                }
            }
        }
        let keys = order.iter().cloned().collect();
        let global_validation =
            lang.family() == Family::Js && super::sources::global_validation_pipe(&ir);
        Some(ProjectModule {
            file: Arc::from(display.as_str()),
            lang,
            src,
            ir,
            order,
            keys,
            classes,
            finals,
            done: Mutex::new(HashMap::new()),
            singles: AtomicUsize::new(0),
            all: Mutex::new(None),
            global_validation,
        })
    }

    /// A fresh engine computing summaries (reporting nothing) for this module.
    fn engine<'a>(&'a self, rules: &'a RuleSet, project: &'a Project) -> Option<Engine<'a>> {
        let active = vec![true; rules.rules.len()];
        let mut engine = Engine::new(
            &self.ir,
            &self.src,
            self.file.clone(),
            self.lang.family(),
            rules,
            active,
            Some(project),
        )?;
        engine.reporting = false;
        Some(engine)
    }
}

/// The names of a function's parameters as callers bind them (empty for `*args`,
/// `**kw` and the like).
fn params_of(f: &crate::ir::Func) -> Vec<String> {
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
}

/// Names of the fields declared `final` in the top-level classes of a Java file.
fn java_final_fields(root: tree_sitter::Node<'_>, src: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor = root.walk();
    for class in root.named_children(&mut cursor) {
        let Some(body) = class.field("body") else {
            continue;
        };
        let mut c2 = body.walk();
        for m in body.named_children(&mut c2) {
            if m.kind() != "field_declaration" {
                continue;
            }
            let mut c3 = m.walk();
            let kids: Vec<_> = m.named_children(&mut c3).collect();
            let is_final = kids.iter().any(|k| {
                k.kind() == "modifiers" && {
                    let mut c4 = k.walk();
                    k.children(&mut c4).any(|t| t.kind() == "final")
                }
            });
            if !is_final {
                continue;
            }
            for d in kids {
                if d.kind() == "variable_declarator"
                    && let Some(n) = d.field("name")
                    && let Ok(t) = n.utf8_text(src)
                {
                    out.push(t.to_string());
                }
            }
        }
    }
    out
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

/// The controller file and action of a Rails view: `<p>app/views/<dir>/<action>.<ext>...`
/// -> (`<p>app/controllers/<dir>_controller.rb`, `<action>`); partials (`_form`) have none.
fn rails_action_of(view: &str) -> Option<(String, String)> {
    let at = view.rfind("app/views/")?;
    let (prefix, rest) = (&view[..at], &view[at + "app/views/".len()..]);
    let (dir, file) = rest.rsplit_once('/')?;
    let action = file.split('.').next()?;
    if dir.is_empty() || action.is_empty() || action.starts_with('_') || dir.contains("..") {
        return None;
    }
    Some((
        format!("{prefix}app/controllers/{dir}_controller.rb"),
        action.to_string(),
    ))
}

/// Does a method render the template `dir/name` by name (`render :name`, `render
/// "dir/name"`, `render action: :name`, `render template: "dir/name"`)?
fn renders_template(body: &[crate::ir::Stmt], dir: &str, name: &str) -> bool {
    use crate::ir::ExprKind;
    let names = |e: &crate::ir::Expr| {
        e.as_str().is_some_and(|t| match t.rsplit_once('/') {
            Some((d, n)) => d == dir && n == name,
            None => t == name,
        })
    };
    let mut hit = false;
    for s in body {
        crate::rules::support::walk_stmt_exprs(s, &mut |e| {
            if let ExprKind::Call(c) = &e.kind
                && c.callee.as_name() == Some("render")
                && c.args
                    .iter()
                    .enumerate()
                    .any(|(i, a)| match a.name.as_deref() {
                        None => i == 0 && names(&a.value),
                        Some("action" | "template") => names(&a.value),
                        _ => false,
                    })
            {
                hit = true;
            }
        });
    }
    hit
}

/// The methods a controller names in `before_action`/`before_filter` (and their
/// `prepend_`/`append_` forms) for `action`: every filter without `only:`/`except:`, those
/// whose `only:` lists the action, and those whose `except:` does not.
fn before_filters(top: &[crate::ir::Stmt], action: &str) -> Vec<String> {
    use crate::ir::{ExprKind, StmtKind};
    let names_action = |e: &crate::ir::Expr| match &e.kind {
        ExprKind::List(items) => items.iter().any(|i| i.as_str() == Some(action)),
        _ => e.as_str() == Some(action),
    };
    let mut out = Vec::new();
    crate::ir::for_each_nested_stmt(top, &mut |s| {
        let StmtKind::Expr(e) = &s.kind else { return };
        let ExprKind::Call(c) = &e.kind else { return };
        if !c.callee.as_name().is_some_and(|n| {
            matches!(
                n,
                "before_action"
                    | "before_filter"
                    | "prepend_before_action"
                    | "append_before_action"
                    | "prepend_before_filter"
            )
        }) {
            return;
        }
        let mut applies = true;
        for a in &c.args {
            match a.name.as_deref() {
                Some("only") => applies &= names_action(&a.value),
                Some("except") => applies &= !names_action(&a.value),
                _ => {}
            }
        }
        if applies {
            out.extend(
                c.args
                    .iter()
                    .filter(|a| a.name.is_none())
                    .filter_map(|a| a.value.as_str().map(str::to_string)),
            );
        }
    });
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
    /// `Class.NAME` where `Class` (dotted) is a class of another file of the project and
    /// `NAME` one of its final fields set to a constant.
    pub(crate) fn project_constant(&self, class_path: &str, name: &str, span: Span) -> Option<Val> {
        let project = self.project?;
        // (Only Java modules have constants and stored fields.)
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) || self.family != Family::Java {
            return None;
        }
        let (rel, _) = project.resolve(&self.file, &format!("{class_path}.{name}"), self.family)?;
        let m = project.callee_module(&rel, self.rules)?;
        let facts = project.all_facts(&rel, &m, self.rules)?;
        if let Some(c) = facts.consts.get(name) {
            return Some(c.clone());
        }
        // What the methods of that class that call this method left in the field, when
        // each assigned it first; otherwise input any method of it stored there.
        let reader = self.module.funcs[self.current_func()].name.as_str();
        let v = match facts
            .stored_for_call
            .get(&(reader.to_string(), name.to_string()))
        {
            // A constant stays one (a key or password some rule looks for); any other
            // clean value is just the program's own.
            Some(v) if v.is_const() => return Some(v.clone()),
            Some(v) if v.all_taint().is_none() => return Some(Val::trusted()),
            Some(v) => v,
            None => facts.stored.get(name)?,
        };
        let note = format!("read from the field `{class_path}.{name}`");
        let line = self.line_of(span.start);
        let t = v.taint.as_ref().map(|ls| {
            Arc::new(
                ls.iter()
                    .map(|l| super::value::Label {
                        trace: Some(Arc::new(super::value::Hop {
                            file: self.file.clone(),
                            span,
                            line,
                            note: note.clone(),
                            prev: l.trace.clone(),
                        })),
                        // Whatever a method stored, not what this read will see.
                        strong: false,
                        ..l.clone()
                    })
                    .collect::<Vec<_>>(),
            )
        });
        Some(Val::tainted(t))
    }

    /// The summary and parameter names of method `name` of class `class_path` of another
    /// module (JavaScript).
    pub(crate) fn project_method_function(
        &self,
        class_path: &str,
        name: &str,
    ) -> Option<(Arc<Summary>, Vec<String>)> {
        if self.family != Family::Js {
            return None;
        }
        let project = self.project?;
        let (rel, class) = project.resolve(&self.file, class_path, self.family)?;
        let m = project.callee_module(&rel, self.rules)?;
        project.function(&rel, &m, &format!("{class}.{name}"), self.rules)
    }

    /// A call to a function of another module of the project.
    pub(crate) fn project_call(
        &mut self,
        call: &'m Call,
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
            let m = project.callee_module(&rel, self.rules)?;
            if !m.classes.contains(&class) {
                return None;
            }
            let (summary, params) =
                project.function(&rel, &m, &format!("{class}.{method}"), self.rules)?;
            let cls = (params.first().map(String::as_str) == Some("cls")).then(Val::unknown);
            return self.apply_project_summary(call, span, method, &summary, &params, args, cls);
        };
        let m = project.callee_module(&rel, self.rules)?;
        // `module.Class(args)`: an object of that class, carrying what it was built from.
        if !m.keys.contains_key(&member) && m.classes.contains(&member) {
            let mut v = Val::obj(ObjKind::Instance(path.to_string()));
            v.taint = self.built_from(span, args);
            return Some(v);
        }
        let (summary, params) = project.function(&rel, &m, &member, self.rules)?;
        self.apply_project_summary(call, span, &member, &summary, &params, args, None)
    }

    /// The summary and parameter names of the function of another module of the
    /// project that `path` names (a check imported from the project's validators).
    pub(crate) fn project_function(&self, path: &str) -> Option<(Arc<Summary>, Vec<String>)> {
        let project = self.project?;
        let (rel, member) = project.resolve(&self.file, path, self.family)?;
        let m = project.callee_module(&rel, self.rules)?;
        project.function(&rel, &m, &member, self.rules)
    }

    /// `obj.method(args)` where `obj` is an object of class `class_path` (dotted, of
    /// another module of the project).
    pub(crate) fn project_method(
        &mut self,
        call: &'m Call,
        span: Span,
        class_path: &str,
        name: &str,
        recv: &Val,
        args: &[Val],
    ) -> Option<Val> {
        let project = self.project?;
        let (rel, class) = project.resolve(&self.file, class_path, self.family)?;
        let m = project.callee_module(&rel, self.rules)?;
        // Python methods take the object as their first parameter; JavaScript's do not.
        let self_val = (self.family == Family::Python).then(|| recv.clone());
        if class == "*" {
            // An object of a class chosen at run time: any class of the module with
            // that method.
            let suffix = format!(".{name}");
            let mut out: Option<Val> = None;
            let mut keys: Vec<&String> = m
                .keys
                .keys()
                .filter(|k| k.ends_with(&suffix) && !k[..k.len() - suffix.len()].contains('.'))
                .collect();
            keys.sort();
            for k in keys {
                let (summary, params) = project.function(&rel, &m, k, self.rules)?;
                let v = self.apply_project_summary(
                    call,
                    span,
                    name,
                    &summary,
                    &params,
                    args,
                    self_val.clone(),
                )?;
                out = Some(match out {
                    Some(o) => o.join(&v),
                    None => v,
                });
            }
            return out;
        }
        let (summary, params) =
            project.function(&rel, &m, &format!("{class}.{name}"), self.rules)?;
        self.apply_project_summary(call, span, name, &summary, &params, args, self_val)
    }

    #[allow(clippy::too_many_arguments)]
    fn apply_project_summary(
        &mut self,
        call: &'m Call,
        span: Span,
        member: &str,
        summary: &Summary,
        params: &[String],
        args: &[Val],
        self_val: Option<Val>,
    ) -> Option<Val> {
        let method = self_val.is_some();
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
        // `assertAllowed(url)` of another module: past it, its check holds.
        if !method {
            let refs =
                super::guards::arg_refinements(call, summary.guard_exit.as_deref(), 0, |n| {
                    params.iter().position(|p| p == n)
                });
            self.apply_exit_refinements(call, &refs);
        }
        Some(ret)
    }
}
