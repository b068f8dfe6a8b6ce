use crate::check::{AssignSite, CallSite, Cx, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::ir::{BinOp, Expr, ExprKind, Pattern, StmtKind};
use crate::rule_doc;
use crate::rules::support;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags paths built from input that reach `File`/`IO`/`FileUtils`/`Dir` operations
    /// (`File.read`, `File.open`, `File.write`, `File.delete`, `IO.readlines`,
    /// `FileUtils.rm_rf`, `Dir.children`, `Dir.chdir`, the probes `File.exist?`,
    /// `File.size`, `File.stat`, ...; every path of `File.rename`, `FileUtils.cp`/`mv`/
    /// `ln_s`, `IO.copy_stream`, and the files of `chmod`/`chown`/`utime` after the mode
    /// or owner), file readers (`CSV.read`, `YAML.load_file`, rubyzip's `Zip::File.open`),
    /// `Kernel#open`, `PStore.new`, the `shell` gem (`Shell.cat`, `Shell.cd`, `sh.open`,
    /// `sh.command_processor.foreach`, `processor.test(:exists?, f)`), the remote and
    /// local files of a `Net::FTP` connection made in the method (`ftp.getbinaryfile`,
    /// `ftp.putbinaryfile`, `ftp.delete`, `ftp.chdir`, ...),
    /// `Pathname.new` and a `Pathname`'s own file methods (`Rails.root.join(dir,
    /// name).read`, `(base + name).delete`), a `Pathname` joined with input and handed
    /// on (returned, kept in an instance variable), `Dir.glob(pattern, base: dir)` and
    /// `Dir[pattern, base: dir]`, `Gem::Util.traverse_parents`, Rails
    /// `send_file`, `Kernel#load` and `render` of a file, template, action or partial
    /// named by input (`render file: ...`, `render params[:page]`, `render action:
    /// params[:a]`), unless reduced with `File.basename` or checked after
    /// `File.expand_path`. A template name under a constant folder (`render
    /// "pages/#{name}"`), a component object (`render Card.new(x)`), what an instance
    /// variable holds (`render @posts`: records) and a new `Tempfile` are not file paths
    /// from input.
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
    keywords: &[
        "File",
        "IO",
        "send_file",
        "Pathname",
        "render",
        "load",
        "FileUtils",
        "Dir",
        "open",
        "PStore",
        "Shell",
        "FTP",
        "Rails",
        "Gem",
        "Zip",
    ],
    calls: &[
        "getbinaryfile",
        "gettextfile",
        "get",
        "putbinaryfile",
        "puttextfile",
        "put",
        "chdir",
        "nlst",
        "size",
        "mtime",
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
        "load",
        "rm",
        "rm_f",
        "rm_r",
        "rm_rf",
        "remove",
        "remove_dir",
        "remove_entry",
        "mkdir_p",
        "cp",
        "cp_r",
        "mv",
        "touch",
        "copy_file",
        "load_file",
        "safe_load_file",
        "unsafe_load_file",
        "entries",
        "children",
        "each_child",
        "rmdir",
        "mkdir",
        "exist?",
        "exists?",
        "file?",
        "directory?",
        "readable?",
        "writable?",
        "executable?",
        "size",
        "size?",
        "stat",
        "lstat",
        "mtime",
        "chmod",
        "chown",
        "symlink",
        "link",
        "truncate",
        "readlink",
        "chdir",
        "glob",
        "each_line",
        "cat",
        "cd",
        "pushdir",
        "pushd",
        "binwrite",
        "rmtree",
        "mkpath",
        "each_entry",
        "opendir",
        "copy_stream",
        "sysopen",
        "ln",
        "ln_s",
        "ln_sf",
        "ln_sr",
        "cp_lr",
        "install",
        "copy_entry",
        "copy",
        "move",
        "makedirs",
        "remove_entry_secure",
        "remove_file",
        "chmod_R",
        "chown_R",
        "lchmod",
        "lchown",
        "utime",
        "lutime",
        "empty?",
        "zero?",
        "mkfifo",
        "join",
        "traverse_parents",
        "test",
    ],
    on: on::FUNCTION | on::RETURN | on::ASSIGN,
};

impl Rule for RubyPathTraversal {
    crate::rule_meta!(META);
    /// `Rails.root + params[:dir]`, `base / params[:name]`: a `Pathname` built from input
    /// with its operators and handed on, as with `join`. Returned (a method's last
    /// expression is its result):
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        if let Some(name) = pathname_arithmetic(cx, site.value) {
            let v = cx.value_of(name);
            cx.flow(site.span, &v, sink::PATH, accept::REQUEST);
        }
    }
    /// kept in an instance variable or an attribute:
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let kept = match site.target {
            Pattern::Name(n, _) => n.starts_with('@'),
            Pattern::Attr(..) | Pattern::Index(..) => true,
            _ => false,
        };
        if kept && let Some(name) = pathname_arithmetic(cx, site.value) {
            let v = cx.value_of(name);
            cx.flow(site.span, &v, sink::PATH, accept::REQUEST);
        }
    }
    /// or the value of a statement of a script's top level, which has no result.
    fn function(&self, cx: &mut Cx<'_, '_>, func: crate::ir::FuncId) {
        if func != 0 {
            return;
        }
        let module = cx.module();
        let mut built: Vec<(&Expr, &Expr)> = Vec::new();
        for s in &module.funcs[0].body {
            if let StmtKind::Expr(e) = &s.kind
                && let Some(name) = pathname_arithmetic(cx, e)
            {
                built.push((e, name));
            }
        }
        for (e, name) in built {
            let v = cx.value_of(name);
            cx.flow(e.span, &v, sink::PATH, accept::REQUEST);
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let file = site.path.is_some_and(|p| {
            p.starts_with("File.")
                || p.starts_with("IO.")
                || p.starts_with("FileUtils.")
                || p == "Pathname.new"
                // Readers that open the file they are given: CSV.read/foreach/open,
                // YAML/JSON.load_file, and Dir listings and changes.
                || matches!(p, "CSV.read" | "CSV.foreach" | "CSV.open" | "CSV.readlines")
                || (p.starts_with("YAML.") || p.starts_with("Psych.") || p.starts_with("JSON."))
                    && p.ends_with("load_file")
                // Dir's class methods list, change to, create or remove the folder
                // given; PStore opens (and writes) the file it is given.
                || p.starts_with("Dir.")
                || matches!(p, "Kernel.open" | "PStore.new" | "Gem.Util.traverse_parents")
                // rubyzip opens the archive named.
                || matches!(p, "Zip.File.open" | "Zip.File.new" | "Zip.File.foreach")
                // The `shell` gem: `Shell.cat(f)`, `Shell.cd(dir)`, `Shell.new(dir)` and a
                // shell object's file and folder methods (`sh.open(f)`, `sh.pushdir(d)`).
                || p.starts_with("Shell.")
                    && matches!(
                        site.name,
                        "cat" | "cd" | "chdir" | "pushdir" | "pushd" | "open" | "foreach"
                            | "new" | "rm" | "unlink" | "mkdir" | "rmdir"
                    )
        });
        // A shell object's own file and folder methods (`sh = Shell.new(dir)`, then
        // `sh.pushdir(d)`, `sh.command_processor.foreach(f)`, `sh.test(:exists?, f)`).
        // (`test` takes the check first, then one or two files: every argument counts.)
        if site.path.is_none()
            && SHELL_FILE_METHODS.contains(&site.name)
            && let ExprKind::Attr(b, _) = &site.call.callee.kind
            && (builds_shell(b)
                || matches!(&b.kind, ExprKind::Name(n)
                    if support::assigned_in_scope(cx, n, builds_shell)))
        {
            for v in site.args {
                if cx.flow(site.span, v, sink::PATH, accept::REQUEST) {
                    return;
                }
            }
            return;
        }
        // A Net::FTP connection's transfers and remote file operations: every argument
        // is a remote or a local file.
        if site.path.is_none()
            && FTP_FILE_METHODS.contains(&site.name)
            && let ExprKind::Attr(b, _) = &site.call.callee.kind
            && (builds_ftp(b)
                || matches!(&b.kind, ExprKind::Name(n)
                    if support::assigned_in_scope(cx, n, builds_ftp)))
        {
            for (e, v) in (0..site.positional()).filter_map(|i| site.arg(i)) {
                if !matches!(e.kind, ExprKind::Num(_))
                    && cx.flow(site.span, v, sink::PATH, accept::REQUEST)
                {
                    return;
                }
            }
            return;
        }
        // Kernel#open of a name from input opens any file (and, given `|cmd`, runs a
        // command, which ruby/command-injection reports).
        let file = file || site.name == "open" && site.recv.is_none() && site.call.args.len() <= 3;
        // render file: path / render :file => path / render template_name: Rails reads
        // and renders the file named (a template name from input reaches any view, or
        // with `file:` any file on the server).
        if site.name == "render" && site.recv.is_none() {
            if let Some((_, v)) = site.kwarg("file") {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
                return;
            }
            // A template name under a constant folder (`render "groups/#{name}"`) is
            // looked up among that folder's views; `render(Card.new(x))` renders a
            // component object, not a file.
            if let Some((e, v)) = site
                .kwarg("template")
                .or_else(|| site.kwarg("action"))
                .or_else(|| site.kwarg("partial"))
                .or_else(|| site.arg(0))
                && !v.prefix.as_deref().is_some_and(|p| p.contains('/'))
                && !builds_object(e)
                && !object_of_ivar(e)
            {
                cx.flow(site.span, v, sink::PATH, accept::REQUEST);
            }
            return;
        }
        // Pathname's own file methods on a path built from input:
        // `Rails.root.join("docs", params[:f]).read`, `(base + name).delete`, `path.open`
        // after `path = Pathname.new(dir).join(name)`.
        if PATHNAME_FILE_METHODS.contains(&site.name)
            && let Some(recv) = site.recv
            && let ExprKind::Attr(b, _) = &site.call.callee.kind
            && (builds_pathname(b)
                || matches!(&b.kind, ExprKind::Name(n)
                    if support::assigned_in_scope(cx, n, builds_pathname)))
        {
            cx.flow(site.span, recv, sink::PATH, accept::REQUEST);
            return;
        }
        // `Rails.root.join("uploads", params[:f])`, `Pathname.new(dir).join(name)`: a
        // path built from input and handed on (returned, kept in an instance variable,
        // left as the value of a statement). Kept in a local, it is judged where it is
        // used, after any check of it; passed to a file call, there.
        // (Input among the parts first: the walks for the receiver's origin and the
        // statement come after.)
        if site.name == "join"
            && let ExprKind::Attr(b, _) = &site.call.callee.kind
            && site
                .args
                .iter()
                .any(|v| cx.is_tainted(v, sink::PATH, accept::REQUEST))
            && (builds_pathname(b)
                || matches!(&b.kind, ExprKind::Name(n)
                    if support::assigned_in_scope(cx, n, builds_pathname)))
            && handed_on(cx, site.span)
        {
            for v in site.args {
                if cx.flow(site.span, v, sink::PATH, accept::REQUEST) {
                    return;
                }
            }
            return;
        }
        // `Dir.glob(pattern, base: dir)`: the pattern is matched inside `base`.
        if site.path == Some("Dir.glob")
            && let Some((_, v)) = site.kwarg("base")
        {
            cx.flow(site.span, v, sink::PATH, accept::REQUEST);
        }
        // send_file(path); Kernel#load(path) runs the Ruby file named.
        let rails = matches!(site.name, "send_file" | "load") && site.recv.is_none();
        if !(file || rails) {
            return;
        }
        // The paths of a file call: the first argument; also the destination of a
        // copy, move or link; the files after the mode or owner of `chmod`/`chown`/
        // `utime` (and not the mode or owner).
        let (first, last) = match site.name {
            _ if !file => (0, 1),
            "rename" | "symlink" | "link" | "cp" | "cp_r" | "cp_lr" | "mv" | "move" | "copy"
            | "copy_file" | "copy_entry" | "install" | "ln" | "ln_s" | "ln_sf" | "ln_sr"
            | "copy_stream" => (0, 2),
            "chmod" | "lchmod" | "chmod_R" => (1, usize::MAX),
            "chown" | "lchown" | "chown_R" | "utime" | "lutime" => (2, usize::MAX),
            _ => (0, 1),
        };
        if first > 0 || last > 1 {
            for i in first..site.positional().min(last) {
                if let Some((_, v)) = site.arg(i)
                    && cx.flow(site.span, v, sink::PATH, accept::REQUEST)
                {
                    return;
                }
            }
            return;
        }
        if let Some((e, v)) = site.arg(0) {
            // send_file(Tempfile.new(...)): a new file in the temporary folder, its
            // name made unique by Ruby.
            if rails
                && builds_object(e)
                && cx
                    .path_of(root_call(e))
                    .is_some_and(|p| p.starts_with("Tempfile"))
            {
                return;
            }
            cx.flow(site.span, v, sink::PATH, accept::REQUEST);
        }
    }
}

/// The name added in `base + name` / `base / name` where `base` is a `Pathname`.
fn pathname_arithmetic<'e>(cx: &Cx<'_, '_>, e: &'e Expr) -> Option<&'e Expr> {
    let ExprKind::Binary(BinOp::Add | BinOp::Div, base, name) = &e.kind else {
        return None;
    };
    let pathname = builds_pathname(base)
        || matches!(&base.kind, ExprKind::Name(n)
            if support::assigned_in_scope(cx, n, builds_pathname));
    pathname.then_some(&**name)
}

/// Whether the value of the call at `span` leaves the method as it is (see
/// [`handed_on_values`]).
fn handed_on(cx: &Cx<'_, '_>, span: crate::ir::Span) -> bool {
    let mut out = false;
    handed_on_values(&cx.module().funcs[cx.func()].body, &mut |e| {
        out = out || e.span == span;
    });
    out
}

/// The expressions of `body` whose value leaves the method as it is: the whole of an
/// expression statement or of a `return` (a method's last expression is its result),
/// or assigned to an attribute or instance variable. Not one kept in a local or part of
/// a larger expression (an argument: the callee is the sink or not).
fn handed_on_values<'m>(body: &'m [crate::ir::Stmt], f: &mut dyn FnMut(&'m Expr)) {
    crate::ir::for_each_nested_stmt(body, &mut |s| match &s.kind {
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) => f(e),
        StmtKind::Assign {
            target: Pattern::Attr(..) | Pattern::Index(..),
            value,
        } => f(value),
        StmtKind::Assign {
            target: Pattern::Name(n, _),
            value,
        } if n.starts_with('@') => f(value),
        _ => {}
    });
}

/// A `shell` gem object: `Shell.new(dir)`, `Shell.cd(dir)` (a shell in that folder),
/// `Shell::CommandProcessor.new(sh)`, and a shell's `command_processor`.
fn builds_shell(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Attr(_, m) if m == "command_processor" => true,
        ExprKind::Call(_) => root_call(e)
            .dotted()
            .is_some_and(|p| p.starts_with("Shell.")),
        _ => false,
    }
}

/// A connection of Ruby's FTP client: `Net::FTP.new(host)` / `Net::FTP.open(host)`.
fn builds_ftp(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Call(_))
        && root_call(e)
            .dotted()
            .is_some_and(|p| p == "Net.FTP.new" || p == "Net.FTP.open")
}

/// Net::FTP's methods that fetch, store, remove, list, probe or change to the remote
/// file or folder they are given (the transfers also name a local file).
const FTP_FILE_METHODS: &[&str] = &[
    "getbinaryfile",
    "gettextfile",
    "get",
    "putbinaryfile",
    "puttextfile",
    "put",
    "delete",
    "rename",
    "chdir",
    "mkdir",
    "rmdir",
    "nlst",
    "size",
    "mtime",
];

/// The `shell` gem's methods that open, list, test or change to the file or folder
/// they are given (on a shell object or its command processor).
const SHELL_FILE_METHODS: &[&str] = &[
    "cat", "cd", "chdir", "pushdir", "pushd", "open", "foreach", "rm", "unlink", "mkdir", "rmdir",
    "test", "glob",
];

/// Pathname's methods that read, write, list, remove or probe the file or folder the
/// path names.
const PATHNAME_FILE_METHODS: &[&str] = &[
    "read",
    "binread",
    "readlines",
    "write",
    "binwrite",
    "open",
    "each_line",
    "delete",
    "unlink",
    "rmtree",
    "rmdir",
    "mkdir",
    "mkpath",
    "rename",
    "truncate",
    "children",
    "entries",
    "each_child",
    "each_entry",
    "opendir",
    "exist?",
    "file?",
    "directory?",
    "size",
    "stat",
];

/// A `Pathname`: `Pathname.new(x)`, `Pathname(x)`, `Rails.root`, and what `join`, `+`
/// and `/` make of one.
fn builds_pathname(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Attr(b, m) => m == "root" && b.last_name() == Some("Rails"),
        ExprKind::Binary(BinOp::Add | BinOp::Div, l, _) => builds_pathname(l),
        ExprKind::Call(c) => match &c.callee.kind {
            ExprKind::Name(n) => n == "Pathname",
            ExprKind::Attr(b, m) => match m.as_str() {
                "new" => b.last_name() == Some("Pathname"),
                "join" | "+" | "/" | "expand_path" | "cleanpath" | "dirname" => builds_pathname(b),
                _ => false,
            },
            _ => false,
        },
        _ => false,
    }
}

/// `X.new(...)`, possibly with calls chained on it (`Card.new(x).with_content(y)`).
fn builds_object(e: &Expr) -> bool {
    let mut cur = e;
    while let ExprKind::Call(c) = &cur.kind {
        let ExprKind::Attr(recv, m) = &c.callee.kind else {
            return false;
        };
        if m == "new" {
            return true;
        }
        cur = recv;
    }
    false
}

/// The callee of the innermost call of a chain (`Tempfile.new` in `Tempfile.new(x).path`).
fn root_call(e: &Expr) -> &Expr {
    let mut cur = e;
    let mut callee = e;
    while let ExprKind::Call(c) = &cur.kind {
        callee = &c.callee;
        let ExprKind::Attr(recv, _) = &c.callee.kind else {
            break;
        };
        cur = recv;
    }
    callee
}

/// `render @posts`, `render @changesets.items`: what an instance variable holds is, in a
/// view, most often records or a component (rendered through their partials), not a
/// template name.
fn object_of_ivar(e: &Expr) -> bool {
    let mut cur = e;
    loop {
        match &cur.kind {
            ExprKind::Name(n) => return n.starts_with('@'),
            ExprKind::Attr(b, _) => cur = b,
            ExprKind::Call(c) => match &c.callee.kind {
                ExprKind::Attr(b, _) => cur = b,
                _ => return false,
            },
            _ => return false,
        }
    }
}
