use crate::check::{CallSite, Cx, Rule, RuleMeta, Unknown, accept, sink};
use crate::flow::value::ObjKind;
use crate::rule_doc;
use crate::rules::sinks::{Sink, check, sink as s};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags file-system paths built from input that reach `os` and `io/ioutil` file
    /// functions (opening, reading, writing, listing, removing, renaming, linking,
    /// `chmod`/`chown`, the root of `os.DirFS`), `http.ServeFile`/`ServeFileFS` and the web frameworks' file responses and upload
    /// destinations (gin's `c.File`/`c.SaveUploadedFile`, echo's `c.Attachment`, fiber's
    /// `c.SendFile`/`c.Download`/`c.SaveFile`, iris's `ctx.SendFile`), unless reduced to a file name (`filepath.Base`) or
    /// checked to stay inside a base folder after `filepath.Clean`/`Abs`.
    ///
    /// ## Why is this bad?
    /// `../../etc/passwd` walks out of the intended folder: input reads keys and
    /// configuration or overwrites files (CWE-22).
    ///
    /// ## Example
    /// ```go
    /// data, _ := os.ReadFile(filepath.Join(base, r.URL.Query().Get("name")))
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// p := filepath.Join(base, filepath.Base(r.URL.Query().Get("name")))
    /// data, _ := os.ReadFile(p)
    /// ```
    GoPathTraversal
}

static META: RuleMeta = RuleMeta {
    id: "go/path-traversal",
    title: "File path built from input",
    cwe: &[22, 23, 36, 73],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "file path built from input; clean it and check it stays inside the base folder (filepath.Rel / filepath.IsLocal)",
    family: Family::Go,
    keywords: &[
        "os.",
        "ioutil",
        "ServeFile",
        "filepath",
        ".File(",
        "SendFile",
        "Download",
        "SaveUploadedFile",
        "SaveFile",
    ],
    calls: &[
        "Open",
        "OpenFile",
        "ReadFile",
        "WriteFile",
        "Create",
        "Remove",
        "RemoveAll",
        "Mkdir",
        "MkdirAll",
        "ReadDir",
        "Stat",
        "Lstat",
        "Chmod",
        "Chown",
        "Lchown",
        "Chtimes",
        "Truncate",
        "Symlink",
        "Link",
        "Readlink",
        "Chdir",
        "DirFS",
        "TempFile",
        "TempDir",
        "MkdirTemp",
        "CreateTemp",
        "ServeFile",
        "ServeFileFS",
        "Rename",
        "File",
        "FileAttachment",
        "Attachment",
        "Inline",
        "SendFile",
        "Download",
        "SaveUploadedFile",
        "SaveFile",
    ],
    on: 0,
};

const SINKS: &[Sink] = &[
    s("os.Open", 0),
    s("os.OpenFile", 0),
    s("os.ReadFile", 0),
    s("os.WriteFile", 0),
    s("os.Create", 0),
    s("os.Remove", 0),
    s("os.RemoveAll", 0),
    s("os.Mkdir", 0),
    s("os.MkdirAll", 0),
    s("os.ReadDir", 0),
    s("os.Stat", 0),
    s("os.Rename", 1),
    s("os.Lstat", 0),
    s("os.Chmod", 0),
    s("os.Chown", 0),
    s("os.Lchown", 0),
    s("os.Chtimes", 0),
    s("os.Truncate", 0),
    s("os.Readlink", 0),
    s("os.Symlink", 1),
    s("os.Link", 1),
    s("os.Chdir", 0),
    s("os.DirFS", 0),
    s("os.MkdirTemp", 0),
    s("os.CreateTemp", 0),
    s("io/ioutil.ReadFile", 0),
    s("io/ioutil.WriteFile", 0),
    s("io/ioutil.ReadDir", 0),
    s("io/ioutil.TempFile", 0),
    s("io/ioutil.TempDir", 0),
    // (Not `io/fs.ReadFile(fsys, name)`: an `fs.FS` rejects names with `..`.)
    s("net/http.ServeFile", 2),
    s("net/http.ServeFileFS", 3),
];

impl Rule for GoPathTraversal {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // gin/echo: c.File(path), c.FileAttachment(path, name), c.Attachment(path, name);
        // fiber: c.SendFile(path), c.Download(path); iris: ctx.SendFile(path, name),
        // ctx.ServeFile(path); and where an upload is saved: gin's
        // c.SaveUploadedFile(file, dst), fiber's c.SaveFile(file, path).
        if site.recv.is_some_and(|r| r.is_obj(&ObjKind::WebContext)) {
            let i = match site.name {
                "File" | "FileAttachment" | "Attachment" | "Inline" | "SendFile" | "Download"
                | "ServeFile" => 0,
                "SaveUploadedFile" | "SaveFile" => 1,
                _ => return,
            };
            if let Some((_, v)) = site.arg(i) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            return;
        }
        check(cx, site, SINKS, sink::PATH, Unknown::Skip);
    }
}
