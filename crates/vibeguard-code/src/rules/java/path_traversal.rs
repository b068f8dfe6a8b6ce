use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags file paths built from input that reach `java.io` file classes (`new File`,
    /// `FileInputStream`, `FileReader`, ...) and `java.nio.file` (`Files.*` on a path
    /// from `Paths.get`/`Path.of`), Spring resources (`new ClassPathResource`,
    /// `new FileSystemResource`, `ResourceLoader.getResource`, a servlet context's or class loader's
    /// `getResourceAsStream`), unless checked to stay inside a base folder after
    /// `normalize()`/`toRealPath()` first. A `File` made from input is reported where it
    /// is made, unless the same method canonicalises a path and checks its prefix:
    /// whatever is done with it later (exists, delete, open) reveals or touches a file
    /// the input chose.
    ///
    /// ## Why is this bad?
    /// `../../etc/passwd` walks out of the intended folder: input reads keys and
    /// configuration or overwrites files (CWE-22).
    ///
    /// ## Example
    /// ```java
    /// File f = new File(UPLOADS, request.getParameter("name"));
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// Path p = Paths.get(UPLOADS).resolve(name).normalize();
    /// if (!p.startsWith(Paths.get(UPLOADS))) throw new SecurityException("bad path");
    /// ```
    JavaPathTraversal
}

static META: RuleMeta = RuleMeta {
    id: "java/path-traversal",
    title: "File path built from input",
    cwe: &[22, 23, 36, 73],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "file path built from input; normalize it and check it stays inside the base folder",
    family: Family::Java,
    keywords: &["File", "Path", "Files", "Resource"],
    calls: &[
        "File",
        "FileInputStream",
        "FileOutputStream",
        "FileReader",
        "FileWriter",
        "RandomAccessFile",
        "readAllBytes",
        "readString",
        "write",
        "writeString",
        "delete",
        "deleteIfExists",
        "newBufferedReader",
        "newBufferedWriter",
        "createFile",
        "createDirectories",
        "newInputStream",
        "newOutputStream",
        "copy",
        "move",
        "lines",
        "readAllLines",
        "resolve",
        "renameTo",
        "createNewFile",
        "mkdir",
        "mkdirs",
        "listFiles",
        "transferTo",
        "FileSystemResource",
        "PathResource",
        "ClassPathResource",
        "getResource",
        "getResourceAsStream",
    ],
    on: 0,
};

impl Rule for JavaPathTraversal {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // Methods of a `File` whose path came from input: the I/O happens here.
        if site.recv.is_some()
            && site.path.is_none()
            && matches!(
                site.name,
                "delete" | "renameTo" | "createNewFile" | "mkdir" | "mkdirs" | "listFiles"
            )
        {
            if let Some(r) = site.recv {
                cx.flow(site.span, r, sink::PATH, accept::REQUEST);
            }
            return;
        }
        // `multipartFile.transferTo(dest)` (Spring, and a `Part`'s `write(name)`): the
        // destination is the path; the upload's own content is not.
        if site.recv.is_some() && site.path.is_none() && site.name == "transferTo" {
            if let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            return;
        }
        let ctor = site.call.is_new
            && matches!(
                site.name,
                "File"
                    | "FileInputStream"
                    | "FileOutputStream"
                    | "FileReader"
                    | "FileWriter"
                    | "RandomAccessFile"
                    | "FileSystemResource"
                    | "PathResource"
                    | "ClassPathResource"
            );
        // Spring `ResourceLoader.getResource(location)` (an `ApplicationContext` too): the
        // location picks the file ("file:", "classpath:" or a relative path); a servlet
        // context's or class loader's `getResourceAsStream(path)` opens any file of the
        // web application (`/WEB-INF/web.xml`) or the class path it is given.
        if !site.call.is_new
            && matches!(site.name, "getResource" | "getResourceAsStream")
            && matches!(site.call.callee.kind, crate::ir::ExprKind::Attr(..))
        {
            if let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            return;
        }
        // `Paths.get(x)` / `Path.of(x)` only name a path (like `new File`); the `Files.*`
        // call that reads or writes it is the sink.
        let nio = site
            .path
            .is_some_and(|p| p.starts_with("Files.") || p.contains(".Files."));
        if !(ctor || nio) {
            return;
        }
        // `new File(base, name)` in a function that canonicalises a path and checks a
        // prefix: the file is vetted before use, and the I/O calls are the sinks.
        if site.name == "File" {
            // `new File(name).getName()`: built only to take the last element.
            let f = &cx.module().funcs[cx.func()];
            let mut base_name = false;
            for s in &f.body {
                crate::rules::support::walk_stmt_exprs(s, &mut |e| {
                    if let crate::ir::ExprKind::Call(c) = &e.kind
                        && let crate::ir::ExprKind::Attr(b, m) = &c.callee.kind
                        && m == "getName"
                        && b.span == site.span
                    {
                        base_name = true;
                    }
                });
            }
            if base_name {
                return;
            }
            let body = cx.text(f.span);
            if (body.contains("getCanonical")
                || body.contains("toRealPath")
                || body.contains(".normalize()"))
                && body.contains("startsWith")
            {
                return;
            }
        }
        // Both leading arguments: `new File(base, name)`, `Files.copy(in, target)` (a
        // stream first, the path second); a parameter recorded for the first must not hide
        // input in the second. Findings at one span are merged.
        // `Files.write(path, bytes)` / `Files.writeString(path, text)`: the second
        // argument is the content written, not a path.
        let paths = if nio && !matches!(site.name, "copy" | "move") {
            1
        } else {
            2
        };
        for i in 0..site.positional().min(paths) {
            if let Some((_, v)) = site.arg(i) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
        }
    }
}
