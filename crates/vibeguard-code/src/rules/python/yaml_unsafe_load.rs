use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, replace};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `yaml.load` / `yaml.load_all` without a safe loader (`SafeLoader`,
    /// `CSafeLoader`, `BaseLoader`) of a document that is not a constant of the program,
    /// `yaml.unsafe_load` / `full_load`, and ruamel.yaml's `YAML(typ="unsafe")`.
    ///
    /// ## Why is this bad?
    /// The full loaders build arbitrary Python objects from tags like
    /// `!!python/object/apply:os.system`: a YAML document from a request or a file a user
    /// uploaded runs code on the server (CWE-502).
    ///
    /// ## Example
    /// ```python
    /// config = yaml.load(request.data)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// config = yaml.safe_load(request.data)
    /// ```
    YamlUnsafeLoad
}

static META: RuleMeta = RuleMeta {
    id: "python/yaml-unsafe-load",
    title: "YAML loaded with an unsafe loader",
    cwe: &[502, 20],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "yaml.load without a safe loader can construct arbitrary objects; use yaml.safe_load",
    family: Family::Python,
    keywords: &["yaml"],
    calls: &[
        "load",
        "load_all",
        "unsafe_load",
        "unsafe_load_all",
        "full_load",
        "full_load_all",
        "YAML",
    ],
    on: 0,
};

const SAFE_LOADERS: &[&str] = &["SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"];

impl Rule for YamlUnsafeLoad {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(path) = site.path else { return };
        if !(path.starts_with("yaml.") || path.starts_with("ruamel.yaml.")) {
            return;
        }
        // ruamel.yaml's `YAML(typ="unsafe")`: every `load` of that object constructs
        // arbitrary Python objects (the default round-trip and "safe" types do not).
        if site.is(&["ruamel.yaml.YAML", "ruamel.yaml.main.YAML"]) {
            if site
                .kwarg("typ")
                .or_else(|| site.arg(0))
                .and_then(|(_, v)| v.const_str())
                == Some("unsafe")
            {
                cx.report(Report::at(site.span).message(
                    "ruamel.yaml's unsafe type constructs arbitrary objects; use YAML(typ=\"safe\")",
                ));
            }
            return;
        }
        match site.name {
            "unsafe_load" | "unsafe_load_all" | "full_load" | "full_load_all" => {
                cx.report(Report::at(site.span));
            }
            "load" | "load_all" => {
                let loader = site.kwarg("Loader").or_else(|| site.arg(1));
                let safe = loader.is_some_and(|(e, _)| {
                    cx.path_of(e)
                        .or_else(|| e.last_name().map(str::to_string))
                        .is_some_and(|p| SAFE_LOADERS.iter().any(|s| p.ends_with(s)))
                });
                // A safe loader, or a document that is the program's own constant.
                let constant = site
                    .arg(0)
                    .or_else(|| site.kwarg("stream"))
                    .is_some_and(|(_, v)| v.is_trusted());
                if safe || constant {
                    return;
                }
                let fix = if loader.is_none() && site.name == "load" {
                    let callee = &site.call.callee;
                    match &callee.kind {
                        crate::ir::ExprKind::Attr(base, _) => {
                            let base = cx.text(base.span);
                            Some(replace(
                                callee.span,
                                format!("{base}.safe_load"),
                                "use yaml.safe_load",
                            ))
                        }
                        _ => None,
                    }
                } else {
                    None
                };
                cx.report(Report::at(site.span).fix(fix));
            }
            _ => {}
        }
    }
}
