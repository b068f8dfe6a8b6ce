use crate::check::{AssignSite, CallSite, Cx, Report, Rule, RuleMeta, Unknown, on, sink};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::rules::support::{const_bool, inline_or_single_def};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags XML parsed with entity substitution or external DTD loading turned on, when
    /// the document is not a constant of the program: Nokogiri (`Nokogiri::XML`,
    /// `Nokogiri::XML::Document.parse`, `Nokogiri::XML::Reader`) given the `NOENT` or
    /// `DTDLOAD` parse options (as constants, as a `ParseOptions` object built with
    /// `.noent`/`.dtdload`, in a variable, or set in the configuration block
    /// `{ |config| config.noent }`); LibXML-Ruby parsers (`XML::Parser.string/io/file`,
    /// `XML::Document.string/io/file`) given `Options::NOENT` or `DTDLOAD`; and the
    /// process-wide LibXML switches `XML.default_substitute_entities = true` and
    /// `XML.default_load_external_dtd = true`.
    ///
    /// ## Why is this bad?
    /// With substitution on, `<!ENTITY x SYSTEM "file:///etc/passwd">` in the document
    /// makes the parser read local files or fetch URLs and splice them into the result
    /// (XML external entities, CWE-611); nested internal entities expand without bound
    /// (CWE-776).
    ///
    /// ## Example
    /// ```ruby
    /// doc = Nokogiri::XML(request.body.read) { |config| config.noent }
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// doc = Nokogiri::XML(request.body.read) { |config| config.strict.nonet }
    /// ```
    RubyXxe
}

static META: RuleMeta = RuleMeta {
    id: "ruby/xxe",
    title: "XML parsed with external entities",
    cwe: &[611, 776],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "XML parser substitutes entities or loads external DTDs; drop NOENT/DTDLOAD (Nokogiri's defaults are safe)",
    family: Family::Ruby,
    keywords: &[
        "NOENT",
        "noent",
        "DTDLOAD",
        "dtdload",
        "default_substitute_entities",
        "default_load_external_dtd",
    ],
    calls: &["XML", "parse", "Reader", "string", "io", "file", "new"],
    on: on::ASSIGN,
};

/// Calls that parse a document (first argument) with options: the path's tail, after
/// `Nokogiri.` or `LibXML.`/`XML.`.
fn parser_call(path: &str) -> bool {
    let tail = path.strip_prefix("LibXML.").unwrap_or(path);
    matches!(
        tail,
        "Nokogiri.XML"
            | "Nokogiri.XML.parse"
            | "Nokogiri.XML.Document.parse"
            | "Nokogiri.XML.Reader"
            | "Nokogiri.XML.Reader.new"
            | "XML.Parser.string"
            | "XML.Parser.io"
            | "XML.Parser.file"
            | "XML.Parser.new"
            | "XML.Document.string"
            | "XML.Document.io"
            | "XML.Document.file"
    )
}

/// Option words that turn on entity substitution or external DTD loading, as a
/// constant (`ParseOptions::NOENT`, `Options::DTDLOAD`) or a `ParseOptions` method
/// (`.noent`, `.dtdload`).
fn dangerous_word(w: &str) -> bool {
    matches!(w, "NOENT" | "noent" | "DTDLOAD" | "dtdload")
}

/// Does the options text (inline, or the one expression a variable holds) name a
/// dangerous option? A literal number is read as the bit set (NOENT = 2, DTDLOAD = 4).
fn dangerous_options(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    let e = inline_or_single_def(cx, e).unwrap_or(e);
    if let ExprKind::Num(n) = &e.kind {
        return (*n as i64) & 6 != 0;
    }
    cx.text(e.span)
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .any(dangerous_word)
}

impl Rule for RubyXxe {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if !site.path.is_some_and(parser_call) {
            return;
        }
        // Nokogiri::XML(doc, url, encoding, options), its configuration block
        // `{ |config| config.noent }` (lowered as a trailing argument), and LibXML's
        // `XML::Parser.string(doc, options: ...)`: any argument after the document.
        let first = site
            .call
            .args
            .iter()
            .position(|a| a.name.is_none() && !a.spread);
        let options = site
            .call
            .args
            .iter()
            .enumerate()
            .any(|(i, a)| Some(i) != first && dangerous_options(cx, &a.value));
        if !options {
            return;
        }
        let Some((_, v)) = site.arg(0) else { return };
        // A file name says nothing about what the file holds; a document given as
        // text that is a constant is the program's own.
        let takes_file = site.name == "file";
        if takes_file && v.as_const().is_some() {
            cx.report(Report::at(site.span));
        } else {
            cx.sink(site.span, v, sink::XML, Unknown::Dynamic, None);
        }
    }

    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Some(t) = &site.target_path else { return };
        let t = t.strip_prefix("LibXML.").unwrap_or(t);
        if matches!(
            t,
            "XML.default_substitute_entities" | "XML.default_load_external_dtd"
        ) && const_bool(site.val) == Some(true)
        {
            cx.report(Report::at(site.span));
        }
    }
}
