use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags paths built from input that reach `include`/`require` (local and remote file
    /// inclusion) and file functions (`file_get_contents`, `fopen`, `readfile`, `unlink`,
    /// `file_put_contents`, `move_uploaded_file`, `copy`/`rename`/`link` at either end, the
    /// permission, link and folder functions `chmod`, `touch`, `symlink`, `tempnam`,
    /// `chdir`, `dir`, the other readers of a named file (`highlight_file`, `gzopen`,
    /// `md5_file`, `getimagesize`, `simplexml_load_file`, `new SplFileObject($path)`,
    /// `glob`), and the metadata probes `file_exists`, `is_dir`, `stat`,
    /// `filesize`, ..., which tell whether any file exists and, given a `phar://` path,
    /// unserialize its metadata) and file responses (Laravel's
    /// `response()->download/file`, Symfony's `BinaryFileResponse` and `$this->file()`),
    /// Laravel's filesystem facades (`Storage::get/put/delete/download/...`, also on a
    /// `Storage::disk(...)`, and `File::get/put/delete/copy/move/...`), and the FTP
    /// functions' local and remote paths (`ftp_get`, `ftp_put`, `ftp_delete`,
    /// `ftp_rename`, `ftp_chdir`, ...: the files of the server the application logs in to),
    /// unless reduced with `basename()`, checked after `realpath()`, or checked to hold no
    /// `..`.
    ///
    /// ## Why is this bad?
    /// `../../etc/passwd` walks out of the intended folder; an included file runs as code
    /// (CWE-22, CWE-98).
    ///
    /// ## Example
    /// ```php
    /// include "pages/" . $_GET['page'] . ".php";
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $page = basename($_GET['page']);
    /// include "pages/" . $page . ".php";
    /// ```
    PhpPathTraversal
}

static META: RuleMeta = RuleMeta {
    id: "php/path-traversal",
    title: "File path built from input",
    cwe: &[22, 23, 98],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "file path built from input; use basename() or check the realpath() stays inside the base folder",
    family: Family::Php,
    keywords: &[
        "Storage",
        "File::",
        "include",
        "require",
        "file_get_contents",
        "fopen",
        "readfile",
        "unlink",
        "file_put_contents",
        "file(",
        "download(",
        "BinaryFileResponse",
        "->move(",
        "copy",
        "rename",
        "dir(",
        "chmod",
        "chown",
        "chgrp",
        "touch",
        "link(",
        "tempnam",
        "chroot",
        "file_exists",
        "stat(",
        "hash_file",
        "disk_",
        "diskfreespace",
        "readable",
        "writable",
        "writeable",
        "executable",
        "filesize",
        "fileperms",
        "filetype",
        "fileatime",
        "filectime",
        "filemtime",
        "fileinode",
        "fileowner",
        "filegroup",
        "ftp_",
    ],
    calls: &[
        "include",
        "file_get_contents",
        "fopen",
        "readfile",
        "file",
        "unlink",
        "file_put_contents",
        "copy",
        "rename",
        "mkdir",
        "rmdir",
        "opendir",
        "scandir",
        "move_uploaded_file",
        "is_file",
        "parse_ini_file",
        "chmod",
        "chown",
        "chgrp",
        "lchown",
        "lchgrp",
        "touch",
        "link",
        "symlink",
        "readlink",
        "linkinfo",
        "tempnam",
        "chdir",
        "chroot",
        "dir",
        "hash_file",
        "file_exists",
        "is_dir",
        "is_link",
        "is_readable",
        "is_writable",
        "is_writeable",
        "is_executable",
        "stat",
        "lstat",
        "filesize",
        "fileperms",
        "filetype",
        "fileatime",
        "filectime",
        "filemtime",
        "fileinode",
        "fileowner",
        "filegroup",
        "disk_free_space",
        "diskfreespace",
        "disk_total_space",
        "download",
        "BinaryFileResponse",
        "move",
        // More readers of a named file: source disclosure, compressed files, digests,
        // image and MIME probes (which also open `phar://` archives), XML documents,
        // SPL file objects and directory listings.
        "highlight_file",
        "show_source",
        "php_strip_whitespace",
        "readgzfile",
        "gzopen",
        "gzfile",
        "bzopen",
        "md5_file",
        "sha1_file",
        "getimagesize",
        "exif_read_data",
        "get_meta_tags",
        "mime_content_type",
        "finfo_file",
        "simplexml_load_file",
        "SplFileObject",
        "SplFileInfo",
        "DirectoryIterator",
        "glob",
        // Laravel's Storage and File facades
        "get",
        "put",
        "putFileAs",
        "prepend",
        "append",
        "delete",
        "readStream",
        "writeStream",
        "path",
        "lines",
        "deleteDirectory",
        "makeDirectory",
        "files",
        "allFiles",
        "directories",
        "getRequire",
        "requireOnce",
        // FTP transfers and remote file operations
        "ftp_get",
        "ftp_put",
        "ftp_nb_get",
        "ftp_nb_put",
        "ftp_fget",
        "ftp_fput",
        "ftp_nb_fget",
        "ftp_nb_fput",
        "ftp_append",
        "ftp_delete",
        "ftp_rename",
        "ftp_rmdir",
        "ftp_mkdir",
        "ftp_chdir",
        "ftp_chmod",
        "ftp_size",
        "ftp_mdtm",
        "ftp_nlist",
        "ftp_rawlist",
        "ftp_mlsd",
    ],
    on: 0,
};

impl Rule for PhpPathTraversal {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // Laravel's `response()->download($path)` / `response()->file($path)`, Symfony's
        // `new BinaryFileResponse($path)` and `$this->file($path)` in a controller.
        // An uploaded file moved under a name from input: `$request->file('f')->move($dir,
        // $name)` (Laravel and Symfony's UploadedFile).
        if site.name == "move"
            && site.positional() == 2
            && site.recv.is_some_and(|r| r.taint.is_some())
        {
            if let Some((_, v)) = site.arg(1) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            return;
        }
        let file_response = match site.recv {
            Some(_) => {
                matches!(site.name, "download" | "file")
                    && match &site.call.callee.kind {
                        crate::ir::ExprKind::Attr(b, _) => {
                            b.as_call().is_some_and(|c| {
                                c.callee.as_name() == Some("response") && c.args.is_empty()
                            }) || (site.name == "file" && b.as_name() == Some("this"))
                        }
                        _ => false,
                    }
            }
            None => site.call.is_new && site.name == "BinaryFileResponse",
        };
        if file_response {
            if let Some((_, v)) = site.arg(0) {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            return;
        }
        if let Some(args) = laravel_filesystem(site) {
            for &arg in args {
                if let Some((_, v)) = site.arg(arg)
                    && cx.flow(site.span, v, sink::PATH, accept::REQUEST)
                {
                    return;
                }
            }
            return;
        }
        if site.recv.is_some() {
            return;
        }
        // Which arguments name a file: both ends of a copy, move or link (reading any
        // file into a known place is as bad as writing one), the folder and prefix of
        // `tempnam`, the file `hash_file` reads; the first argument elsewhere.
        let args: &[usize] = match site.name {
            "move_uploaded_file" => &[1],
            _ if site.name.starts_with("ftp_") => ftp_paths(site.name),
            "copy" | "rename" | "link" | "symlink" | "tempnam" => &[0, 1],
            "hash_file" | "finfo_file" => &[1],
            _ => &[0],
        };
        for &arg in args {
            if let Some((_, v)) = site.arg(arg) {
                // Remote URLs are php/ssrf's.
                if v.prefix.as_deref().is_some_and(|p| p.starts_with("http")) {
                    continue;
                }
                if cx.flow(site.span, v, sink::PATH, accept::REQUEST) {
                    return;
                }
            }
        }
    }
}

/// Laravel's `Storage::get($path)`, `Storage::disk('s3')->put($path, ...)` and
/// `File::get($path)`: the arguments that name a file or folder.
/// The path arguments of an FTP function (after the connection): the local and the
/// remote file of a transfer, the remote path elsewhere (`ftp_chmod` takes the mode
/// first, the stream variants a stream in place of the local file).
fn ftp_paths(name: &str) -> &'static [usize] {
    match name {
        "ftp_get" | "ftp_put" | "ftp_nb_get" | "ftp_nb_put" | "ftp_append" | "ftp_rename" => {
            &[1, 2]
        }
        "ftp_fget" | "ftp_nb_fget" | "ftp_chmod" => &[2],
        _ => &[1],
    }
}

fn laravel_filesystem(site: &CallSite<'_>) -> Option<&'static [usize]> {
    let crate::ir::ExprKind::Attr(b, _) = &site.call.callee.kind else {
        return None;
    };
    // The facade the call is made on, directly or through `Storage::disk(...)`.
    let facade = match &b.kind {
        crate::ir::ExprKind::Name(n) => n.as_str(),
        crate::ir::ExprKind::Call(c) => match &c.callee.kind {
            crate::ir::ExprKind::Attr(r, m) if m == "disk" || m == "drive" => r.as_name()?,
            _ => return None,
        },
        _ => return None,
    };
    let facade = facade.rsplit('.').next().unwrap_or(facade);
    match (facade, site.name) {
        ("Storage" | "File", "copy" | "move") => Some(&[0, 1]),
        ("Storage", "putFileAs") => Some(&[0, 2]),
        (
            "Storage",
            "get" | "put" | "prepend" | "append" | "delete" | "download" | "readStream"
            | "writeStream" | "path" | "deleteDirectory" | "makeDirectory" | "files" | "allFiles"
            | "directories",
        )
        | (
            "File",
            "get" | "put" | "prepend" | "append" | "delete" | "lines" | "deleteDirectory"
            | "makeDirectory" | "files" | "allFiles" | "directories" | "getRequire" | "requireOnce",
        ) => Some(&[0]),
        _ => None,
    }
}
