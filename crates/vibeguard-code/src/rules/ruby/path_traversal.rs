use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags paths built from input that reach `File`/`IO` reads and writes (`File.read`,
    /// `File.open`, `File.write`, `File.delete`, `IO.readlines`, ...), `Pathname.new`, Rails
    /// `send_file` and `render` of a file or template named by input (`render file: ...`,
    /// `render params[:page]`), unless reduced with `File.basename` or checked after `File.expand_path`.
    ///
    /// ## Why is this bad?
    /// `../../config/master.key` walks out of the intended folder: input reads secrets or
    /// overwrites files (CWE-22).
    ///
    /// ## Example
    /// ```ruby
    /// send_file Rails.root.join("uploads", params[:name])
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// send_file Rails.root.join("uploads", File.basename(params[:name]))
    /// ```
    RubyPathTraversal
}

static META: RuleMeta = RuleMeta {
    id: "ruby/path-traversal",
    title: "File path built from input",
    cwe: &[22, 23, 36, 73],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "file path built from input; use File.basename or check the expanded path stays inside the base folder",
    family: Family::Ruby,
    keywords: &["File", "IO", "send_file", "Pathname", "render"],
    calls: &[
        "open",
        "read",
        "write",
        "readlines",
        "binread",
        "delete",
        "unlink",
        "foreach",
        "send_file",
        "new",
        "rename",
        "render",
    ],
    on: 0,
};

impl Rule for RubyPathTraversal {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let file = site.path.is_some_and(|p| {
            p.starts_with("File.")
                || p.starts_with("IO.")
                || p.starts_with("FileUtils.")
                || p == "Pathname.new"
        });
        // render file: path / render :file => path / render template_name: Rails reads
        // and renders the file named (a template name from input reaches any view, or
        // with `file:` any file on the server).
        if site.name == "render" && site.recv.is_none() {
            let named = site
                .kwarg("file")
                .or_else(|| site.kwarg("template"))
                .or_else(|| site.arg(0));
            if let Some((_, v)) = named {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            return;
        }
        let rails = site.name == "send_file" && site.recv.is_none();
        if !(file || rails) {
            return;
        }
        if let Some((_, v)) = site.arg(0) {
            cx.flow(site.span, v, sink::PATH, accept::REQUEST);
        }
    }
}
