use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, accept, on, sink};
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `Marshal.load`/`restore`, `YAML.load`/`Psych.load` (arbitrary objects before
    /// Psych 4), `YAML.unsafe_load`, `CSV.load` (it rebuilds the classes the data names),
    /// `Oj.object_load` and `Oj.load` (in its default object mode, or with `mode: :object`),
    /// `Ox.parse_obj` and `Ox.load(xml, mode: :object)`,
    /// `YAML.load_documents`/`load_stream`/`parse_documents`/`parse_stream` of data that
    /// is not a constant (request data, files, fields of database records). `Marshal.load(Marshal.dump(obj))`, the deep-copy
    /// idiom, reads only what the program wrote. `JSON.load` (which honours `json_class`)
    /// and `JSON.parse(..., create_additions: true)` are flagged on request data. Also flags Rails'
    /// `config.action_dispatch.cookies_serializer = :marshal` (or `:hybrid`), which
    /// unmarshals every signed or encrypted cookie.
    ///
    /// ## Why is this bad?
    /// Gadget chains in Rails and common gems turn a serialized object from a cookie or a
    /// request into code execution (CWE-502).
    ///
    /// ## Example
    /// ```ruby
    /// user = Marshal.load(Base64.decode64(cookies[:user]))
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// user = JSON.parse(cookies[:user])
    /// ```
    RubyUnsafeDeserialization
}

static META: RuleMeta = RuleMeta {
    id: "ruby/unsafe-deserialization",
    title: "Deserialisation of untrusted data",
    cwe: &[502],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "this deserialiser can build arbitrary objects from the data; use JSON.parse or YAML.safe_load",
    family: Family::Ruby,
    keywords: &[
        "Marshal",
        "YAML",
        "Psych",
        "Oj",
        "Syck",
        "CSV",
        "cookies_serializer",
        "create_additions",
        "JSON.load",
        "JSON.restore",
        "Ox.",
    ],
    calls: &[
        "load",
        "restore",
        "unsafe_load",
        "load_file",
        "object_load",
        "load_documents",
        "load_stream",
        "parse_documents",
        "parse_stream",
        "unsafe_load_file",
        "parse",
        "parse_obj",
    ],
    on: on::ASSIGN,
};

impl Rule for RubyUnsafeDeserialization {
    crate::rule_meta!(META);
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        // Cookies read with Marshal: whoever gets the secret key base (or finds a
        // signing flaw) runs code with one cookie.
        if site
            .target_path
            .as_deref()
            .is_some_and(|t| t.ends_with("action_dispatch.cookies_serializer"))
            && matches!(site.value.as_str(), Some("marshal" | "hybrid"))
        {
            cx.report(Report::at(site.span));
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(path) = site.path else { return };
        let hit = matches!(
            path,
            "Marshal.load"
                | "Marshal.restore"
                | "YAML.load"
                | "YAML.unsafe_load"
                | "Psych.load"
                | "Psych.unsafe_load"
                | "Oj.load"
                | "Oj.object_load"
                | "CSV.load"
                | "YAML.load_file"
                | "YAML.unsafe_load_file"
                | "YAML.load_documents"
                | "YAML.load_stream"
                | "YAML.parse_documents"
                | "YAML.parse_stream"
                | "Psych.load_stream"
                | "Psych.parse_stream"
                // Syck, the YAML engine of Ruby 1.8/1.9, builds any tagged object.
                | "Syck.load"
                | "Syck.load_documents"
                // Ox's object mode builds the classes the XML names.
                | "Ox.parse_obj"
        )
            || path == "Ox.load" && site.kwarg("mode").is_some_and(|(e, _)| e.as_str() == Some("object"))
            // JSON.load / JSON.restore honour `json_class` (create_additions) unless told
            // not to; JSON.parse only when asked to.
            || matches!(path, "JSON.load" | "JSON.restore")
                && site
                    .kwarg("create_additions")
                    .is_none_or(|(e, _)| !matches!(e.kind, ExprKind::Bool(false)))
            || path == "JSON.parse"
                && site
                    .kwarg("create_additions")
                    .is_some_and(|(e, _)| matches!(e.kind, ExprKind::Bool(true)));
        if !hit {
            return;
        }
        // Oj.load(data, options): the options choose the mode; only `mode: :object`
        // builds arbitrary objects.
        // (A block, `Oj.load(json) { |doc| ... }`, is not an option.)
        if path == "Oj.load"
            && site
                .call
                .args
                .iter()
                .filter(|a| !matches!(a.value.kind, ExprKind::Func(_)))
                .count()
                > 1
            && site
                .kwarg("mode")
                .is_none_or(|(e, _)| e.as_str() != Some("object"))
        {
            return;
        }
        // YAML.load(data, safe: true) (Psych 3) is YAML.safe_load.
        if path.ends_with(".load")
            && site
                .kwarg("safe")
                .is_some_and(|(e, _)| matches!(e.kind, ExprKind::Bool(true)))
        {
            return;
        }
        let Some((e, v)) = site.arg(0) else { return };
        if v.is_trusted() {
            return;
        }
        // JSON.load(JSON.parse(text)): the argument was already parsed into plain hashes
        // and arrays by a parser that builds no objects; there is no text left to read.
        if let ExprKind::Call(c) = &e.kind
            && cx.path_of(&c.callee).is_some_and(|p| {
                matches!(
                    p.as_str(),
                    "JSON.parse" | "YAML.safe_load" | "Psych.safe_load"
                )
            })
            && !c
                .args
                .iter()
                .any(|a| a.name.as_deref() == Some("create_additions"))
        {
            return;
        }
        // Marshal.load(Marshal.dump(obj)): the deep-copy idiom reads bytes the program
        // itself just wrote.
        if let ExprKind::Call(c) = &e.kind
            && cx.path_of(&c.callee).is_some_and(|p| {
                p.ends_with(".dump") && path.starts_with(p.trim_end_matches(".dump"))
            })
        {
            return;
        }
        // (Fields of database records too: what a user stored comes back as objects.)
        // JSON with additions: only request input (config files and records are read
        // with JSON.load all the time, and build only classes that opt in).
        let accepted = if path.starts_with("JSON.") {
            accept::INPUT
        } else {
            accept::INPUT | accept::IO | accept::STORED
        };
        if !cx.flow(site.span, v, sink::DESERIALIZE, accepted) && path.starts_with("Marshal") {
            cx.report(Report::at(site.span));
        }
    }
}
