//! The engine of each project root, built on first use and rebuilt when `vibeguard.toml`
//! or the baseline is saved.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use vibeguard_core::baseline::{Baseline, BaselineIndex};
use vibeguard_core::{Finding, RuleInfo};
use vibeguard_engine::{AnalyzerSet, Engine, Filters, Target};

struct Project {
    engine: Engine,
    filters: Filters,
    rules: HashMap<String, RuleInfo>,
}

pub struct Projects {
    analyzers: AnalyzerSet,
    workspace: Mutex<Option<PathBuf>>,
    loaded: Mutex<HashMap<PathBuf, Project>>,
}

impl Projects {
    pub fn new(analyzers: AnalyzerSet) -> Projects {
        Projects {
            analyzers,
            workspace: Mutex::new(None),
            loaded: Mutex::new(HashMap::new()),
        }
    }

    pub fn set_workspace(&self, root: Option<PathBuf>) {
        let root = root.map(|r| std::fs::canonicalize(&r).unwrap_or(r));
        *self.workspace.lock().unwrap_or_else(|e| e.into_inner()) = root;
    }

    /// The project root for a file: the workspace folder that holds it, else its folder.
    fn root_for(&self, file: &Path) -> PathBuf {
        let ws = self
            .workspace
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        match ws {
            Some(root) if file.starts_with(&root) => root,
            _ => file
                .parent()
                .map_or_else(|| PathBuf::from("/"), Path::to_path_buf),
        }
    }

    fn load(&self, root: &Path) -> anyhow::Result<Project> {
        let policy = vibeguard_engine::load_policy(root)?;
        let engine = Engine::from_policy(root.to_path_buf(), policy, self.analyzers)?;
        let baseline = match engine.default_baseline() {
            Some(p) => Some(BaselineIndex::new(&Baseline::load(&p)?)),
            None => None,
        };
        let rules = engine
            .analyzers
            .iter()
            .flat_map(|a| a.rules())
            .map(|r| (r.id.clone(), r))
            .collect();
        Ok(Project {
            engine,
            filters: Filters {
                baseline,
                ..Filters::default()
            },
            rules,
        })
    }

    fn with_project<T>(
        &self,
        file: &Path,
        f: impl FnOnce(&mut Project, &str) -> T,
    ) -> anyhow::Result<T> {
        let file = absolute(file);
        let root = self.root_for(&file);
        let rel = file
            .strip_prefix(&root)
            .unwrap_or(&file)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        if !loaded.contains_key(&root) {
            let p = self.load(&root)?;
            loaded.insert(root.clone(), p);
        }
        let project = loaded.get_mut(&root).expect("inserted above");
        Ok(f(project, &rel))
    }

    /// The findings of the editor's text for `file`.
    pub fn scan(&self, file: &Path, text: &str) -> anyhow::Result<Vec<Finding>> {
        self.with_project(file, |p, rel| {
            let target = Target::Document {
                path: rel.to_string(),
                text: text.to_string(),
            };
            p.engine.scan(&target, &p.filters).map(|o| o.findings)
        })?
    }

    pub fn rule_markdown(&self, file: &Path, rule_id: &str) -> Option<String> {
        self.with_project(file, |p, _| p.rules.get(rule_id).map(RuleInfo::markdown))
            .ok()
            .flatten()
    }

    /// `vibeguard.toml` or a baseline: saving it reloads the projects.
    pub fn is_settings_file(&self, path: &Path) -> bool {
        path.file_name().is_some_and(|n| n == "vibeguard.toml")
            || path.ends_with(vibeguard_core::baseline::DEFAULT_PATH)
    }

    pub fn reload(&self) {
        self.loaded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p)
        .or_else(|_| {
            // An unsaved new file: canonicalize its folder.
            let parent = p.parent().ok_or(std::io::ErrorKind::NotFound)?;
            std::fs::canonicalize(parent).map(|d| d.join(p.file_name().unwrap_or_default()))
        })
        .unwrap_or_else(|_| p.to_path_buf())
}
