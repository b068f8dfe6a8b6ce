use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags file-system paths built from input that reach `open`, `os` and `shutil`
    /// file operations, `pathlib` reads and writes, `send_file`, and uploaded files'
    /// `save()`, `fileinput`, `io.open_code`, links, the root folder of a Django
    /// `FileSystemStorage(location=...)`, and probes of a file's existence or metadata (`os.path.exists`,
    /// `os.stat`, a pathlib path's `exists()`), unless the path was reduced to a file name (`os.path.basename`,
    /// `secure_filename`) or checked to stay inside a base folder after normalisation.
    ///
    /// ## Why is this bad?
    /// `../../etc/passwd` or an absolute path walks out of the intended folder: input
    /// reads configuration and keys, or overwrites code (CWE-22).
    ///
    /// ## Example
    /// ```python
    /// return open(os.path.join(UPLOADS, request.args["name"])).read()
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// path = os.path.realpath(os.path.join(UPLOADS, request.args["name"]))
    /// if not path.startswith(UPLOADS + os.sep):
    ///     abort(404)
    /// return open(path).read()
    /// ```
    PathTraversal
}

static META: RuleMeta = RuleMeta {
    id: "python/path-traversal",
    title: "File path built from input",
    cwe: &[22, 23, 36, 73],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "file path built from input; keep it inside a base folder (basename/secure_filename, or realpath + startswith)",
    family: Family::Python,
    keywords: &[
        "open",
        "os.",
        "shutil",
        "send_file",
        "path",
        "save",
        "FileResponse",
        "sanic",
        "send_from",
        "FileSystemStorage",
        "fileinput",
        "open_code",
    ],
    calls: &[
        "open",
        "remove",
        "unlink",
        "rmdir",
        "removedirs",
        "rename",
        "renames",
        "replace",
        "makedirs",
        "mkdir",
        "listdir",
        "scandir",
        "walk",
        "truncate",
        "chmod",
        "chown",
        "copy",
        "copy2",
        "copyfile",
        "copytree",
        "move",
        "rmtree",
        "send_file",
        "send_from_directory",
        "FileResponse",
        "file",
        "file_stream",
        "read_text",
        "read_bytes",
        "write_text",
        "write_bytes",
        "touch",
        "iterdir",
        "save",
        "ZipFile",
        "load",
        "loadtxt",
        "exists",
        "isfile",
        "isdir",
        "getsize",
        "getmtime",
        "stat",
        "access",
        "is_file",
        "is_dir",
        "FileSystemStorage",
        "input",
        "FileInput",
        "open_code",
        "chdir",
        "lchown",
        "link",
        "symlink",
        "utime",
        "unpack_archive",
        "lstat",
    ],
    on: 0,
};

const PATH_CALLS: &[&str] = &[
    "open",
    "io.open",
    "codecs.open",
    "builtins.open",
    "aiofiles.open",
    "os.open",
    "os.remove",
    "os.unlink",
    "os.rmdir",
    "os.removedirs",
    "os.rename",
    "os.renames",
    "os.replace",
    "os.makedirs",
    "os.mkdir",
    "os.listdir",
    "os.scandir",
    "os.walk",
    "os.truncate",
    "os.chmod",
    "os.chown",
    "shutil.copy",
    "shutil.copy2",
    "shutil.copyfile",
    "shutil.copytree",
    "shutil.move",
    "shutil.rmtree",
    "shutil.chown",
    "shutil.unpack_archive",
    "os.chdir",
    "os.lchown",
    "os.link",
    "os.symlink",
    "os.utime",
    "os.lstat",
    "io.open_code",
    "fileinput.input",
    "fileinput.FileInput",
    "flask.send_file",
    "quart.send_file",
    "sanic.response.file",
    "sanic.response.file_stream",
    "django.http.FileResponse",
    "tarfile.open",
    "zipfile.ZipFile",
    "numpy.load",
    "numpy.loadtxt",
    "starlette.responses.FileResponse",
    "fastapi.responses.FileResponse",
    "aiohttp.web.FileResponse",
    "aiohttp.web_fileresponse.FileResponse",
    // Probes: whether a file named by the caller exists, and its metadata.
    "os.path.exists",
    "os.path.isfile",
    "os.path.isdir",
    "os.path.getsize",
    "os.path.getmtime",
    "os.stat",
    "os.access",
];

const PATH_METHODS: &[&str] = &[
    "read_text",
    "read_bytes",
    "write_text",
    "write_bytes",
    "touch",
    "iterdir",
    "unlink",
    "rmdir",
    "mkdir",
    "open",
    "exists",
    "is_file",
    "is_dir",
    "stat",
];

impl Rule for PathTraversal {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // `send_from_directory(directory, name)` keeps `name` under `directory`; the
        // directory itself is taken as given.
        if site.is(&["flask.send_from_directory", "quart.send_from_directory"]) {
            if let Some((_, v)) = site.arg(0).or_else(|| site.kwarg("directory")) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            return;
        }
        // Django's `FileSystemStorage(location=...)`: the folder every name it saves,
        // opens or deletes is kept under (the names themselves are checked by the
        // storage; its root is taken as given).
        if site.is(&[
            "django.core.files.storage.FileSystemStorage",
            "django.core.files.storage.filesystem.FileSystemStorage",
        ]) {
            if let Some((_, v)) = site.arg(0).or_else(|| site.kwarg("location")) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            return;
        }
        if site.is(PATH_CALLS) {
            for (_, v) in [
                site.arg(0),
                site.kwarg("file"),
                site.kwarg("path"),
                site.kwarg("src"),
                // fileinput: `input(files=...)`.
                site.kwarg("files"),
            ]
            .into_iter()
            .flatten()
            {
                if cx.flow(site.span, v, sink::PATH, accept::REQUEST) {
                    return;
                }
            }
            // rename/copy/move: the destination too.
            if let Some((_, v)) = site.arg(1).filter(|_| {
                site.path.is_some_and(|p| {
                    p.starts_with("shutil.")
                        || p.ends_with("rename")
                        || p.ends_with("replace")
                        || p.ends_with("link")
                })
            }) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            return;
        }
        // pathlib: Path(user).read_text(), uploaded_file.save(user_path)
        if site.path.is_none()
            && let Some(recv) = site.recv
        {
            // `p.exists()` probes a pathlib path; the same names on query sets
            // (`User.objects.filter(...).exists()`) do not touch files.
            let probe = matches!(site.name, "exists" | "is_file" | "is_dir" | "stat");
            let pathlib_probe = probe
                && cx.imports("pathlib")
                && match &site.call.callee.kind {
                    ExprKind::Attr(b, _) => match &b.kind {
                        ExprKind::Name(_) | ExprKind::Binary(..) => true,
                        ExprKind::Call(c) => c.callee.last_name() == Some("Path"),
                        _ => false,
                    },
                    _ => false,
                };
            if PATH_METHODS.contains(&site.name) && (!probe || pathlib_probe) {
                cx.flow(site.span, recv, sink::PATH, accept::REQUEST);
            } else if site.name == "save"
                && let Some((_, v)) = site.arg(0).or_else(|| site.kwarg("dst"))
                && v.const_str().is_none()
            {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
        }
    }
}
