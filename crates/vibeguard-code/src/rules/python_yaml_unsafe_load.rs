use crate::calls::{calls, hit};
use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags `yaml.load`, `yaml.load_all` and `yaml.unsafe_load` called without a safe loader.
    ///
    /// ## Why is this bad?
    /// PyYAML's full and unsafe loaders build arbitrary Python objects from tags such as
    /// `!!python/object/apply`: a YAML document from a request, a file upload or a
    /// repository can run code in the process (CWE-502).
    ///
    /// ## Example
    /// ```text
    /// config = yaml.load(request.data)
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// config = yaml.safe_load(request.data)
    /// ```
    YamlUnsafeLoad
}

static META: Meta = Meta {
    id: "python/yaml-unsafe-load",
    title: "yaml.load without a safe loader",
    cwe: &[502],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "yaml.load without a safe loader can construct arbitrary objects; use yaml.safe_load",
    langs: &[Lang::Python],
    keywords: &["yaml."],
};

impl CodeRule for YamlUnsafeLoad {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re =
            lazy_regex!(r"\byaml\.(?:load|load_all|unsafe_load|unsafe_load_all|full_load)\s*\(");
        for (start, open, args) in calls(re, file.text) {
            let name = &file.text[start..open];
            let safe_loader = args.contains("SafeLoader") || args.contains("BaseLoader");
            if name.contains("unsafe") || name.contains("full_load") || !safe_loader {
                out.push(hit(start, open, args));
            }
        }
    }
}
