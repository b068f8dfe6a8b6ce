//! The `local` threat model's sources: what whoever controls the machine a program runs
//! on chooses (environment variables, system properties, configuration and data files,
//! the console, the rows of the program's own database).
//!
//! Under the default `remote` model none of these is input: the operator who sets the
//! environment or edits the configuration could run any command themselves. Some
//! deployments do not trust them (a setuid tool, a shared server, a database other
//! applications write, a CI job fed by pull requests); the `local` model, chosen by
//! `--threat-model local` or `[scan] threat_model`, makes them [`SourceKind::Local`]
//! labels. The engine asks here only when that model is on (one flag check per call
//! or name), so the default analysis does no work for them.

use super::engine::Engine;
use super::value::{Label, LocalOrigin, Origin, Shape, SourceKind, Val};
use crate::ir::{Call, Span};
use crate::syntax::Family;
use std::sync::Arc;

/// Java `ResultSet` (and `RowSet`) readers of a column's text or bytes.
const JDBC_TEXT_GETTERS: &[&str] = &[
    "getString",
    "getNString",
    "getObject",
    "getClob",
    "getNClob",
    "getCharacterStream",
    "getNCharacterStream",
    "getAsciiStream",
    "getBinaryStream",
    "getBytes",
    "getBlob",
    "getURL",
    "getArray",
];

/// Java `ResultSet` readers of a column's number: a count the database's writer chose.
const JDBC_NUMBER_GETTERS: &[&str] = &["getInt", "getLong", "getShort", "getBigDecimal"];

/// Java JDBC row types whose getters read a column.
const JDBC_ROW_TYPES: &[&str] = &[
    "ResultSet",
    "RowSet",
    "CachedRowSet",
    "JdbcRowSet",
    "WebRowSet",
];

/// Java: `java.nio.file.Files` readers of a file's lines, text or bytes.
const JAVA_FILES_READERS: &[&str] = &[
    "readAllLines",
    "readString",
    "readAllBytes",
    "newBufferedReader",
    "newInputStream",
    "lines",
];

/// Java classes whose construction opens a file for reading (what is read from them is
/// the file's contents; wrappers such as `BufferedReader` carry it on).
const JAVA_FILE_STREAMS: &[&str] = &[
    "FileInputStream",
    "FileReader",
    "RandomAccessFile",
    "java.io.FileInputStream",
    "java.io.FileReader",
    "java.io.RandomAccessFile",
];

/// The reference a Java `new File(name)` of a name the program chose holds under the
/// `local` threat model.
const JAVA_FILE: &str = "java.io.File";

/// Python DB-API cursor row reads.
const PY_ROW_READS: &[&str] = &["fetchone", "fetchall", "fetchmany"];

impl<'m> Engine<'m> {
    /// A [`SourceKind::Local`] label of kind `kind` at `span`.
    pub(crate) fn local_source(&self, kind: LocalOrigin, span: Span) -> Val {
        self.source_label(SourceKind::Local(kind), true, span, kind.describe())
    }

    /// A number read from local input: a [`SourceKind::Count`] (see `parsed_count`).
    fn local_count(&self, kind: LocalOrigin, span: Span) -> Val {
        Val::tainted(Some(Arc::new(vec![Label {
            origin: Origin::Source(SourceKind::Count),
            neutral: 0,
            trace: self.hop(
                span,
                format!("`{}`: a number from {}", self.quote(span), kind.describe()),
                None,
            ),
            strong: true,
        }])))
    }

    /// The value of the local input a call reads, under the `local` threat model.
    pub(crate) fn local_call_source(
        &self,
        call: &Call,
        span: Span,
        path: Option<&str>,
        name: &str,
        recv: Option<&Val>,
        args: &[Val],
    ) -> Option<Val> {
        use LocalOrigin::*;
        let p = path.unwrap_or("");
        // The last two segments: `Class.method` of a Java path, `module.function`.
        let tail = p
            .rsplit_once('.')
            .and_then(|(head, _)| head.rfind('.').map(|i| &p[i + 1..]))
            .unwrap_or(p);
        let src = |k| Some(self.local_source(k, span));
        match self.family {
            Family::Java => {
                if call.is_new && JAVA_FILE_STREAMS.contains(&p) {
                    return src(File);
                }
                // `new Scanner(new File(name))`, `new Scanner(Paths.get(name))`: a file's
                // tokens (a `Scanner` over a string or `System.in` carries its source).
                if call.is_new
                    && matches!(p, "Scanner" | "java.util.Scanner")
                    && call.arg(0).and_then(|a| a.as_call()).is_some_and(|c| {
                        c.is_new && c.callee.last_name() == Some("File")
                            || !c.is_new
                                && matches!(c.callee.last_name(), Some("get" | "of" | "toPath"))
                    })
                {
                    return src(File);
                }
                // `File f = new File("jobs.txt"); new Scanner(f)`: a file the program
                // names, held as a file so a `Scanner` over the variable reads it.
                if call.is_new
                    && matches!(p, "File" | "java.io.File")
                    && args.iter().all(Val::is_trusted)
                {
                    return Some(Val {
                        shape: Shape::Ref(Arc::from(JAVA_FILE)),
                        trusted: true,
                        ..Val::default()
                    });
                }
                if call.is_new
                    && matches!(p, "Scanner" | "java.util.Scanner")
                    && args
                        .first()
                        .is_some_and(|a| matches!(&a.shape, Shape::Ref(r) if &**r == JAVA_FILE))
                {
                    return src(File);
                }
                match tail {
                    "System.getenv" => return src(Environment),
                    "System.getProperty" => return src(Property),
                    // A number-valued property: a count, no text.
                    "Integer.getInteger" | "Long.getLong" => {
                        return Some(self.local_count(Property, span));
                    }
                    "System.console" => return src(Console),
                    "FileUtils.readFileToString"
                    | "FileUtils.readLines"
                    | "FileUtils.readFileToByteArray" => return src(File),
                    _ => {}
                }
                let class = tail.split('.').next().unwrap_or("");
                if class == "Files" && JAVA_FILES_READERS.contains(&name) {
                    return src(File);
                }
                if recv.is_some() && JDBC_ROW_TYPES.contains(&class) {
                    if JDBC_TEXT_GETTERS.contains(&name) {
                        return src(Database);
                    }
                    if JDBC_NUMBER_GETTERS.contains(&name) {
                        return Some(self.local_count(Database, span));
                    }
                }
                // A statement's result set: its getters read the rows (above).
                if recv.is_some()
                    && matches!(name, "executeQuery" | "getResultSet" | "getGeneratedKeys")
                {
                    return Some(Val {
                        shape: Shape::Ref(Arc::from("java.sql.ResultSet")),
                        ..Val::default()
                    });
                }
                // JPA: a Spring Data repository's or an `EntityManager`'s entities (their
                // getters read the columns).
                if recv.is_some_and(|r| r.all_taint().is_none())
                    && jpa_read(
                        name,
                        args.len(),
                        call.arg(0)
                            .is_some_and(|a| self.text(a.span).ends_with(".class")),
                    )
                {
                    return src(Database);
                }
                // Spring's `JdbcTemplate` reads of one value, row or list of rows.
                if recv.is_some()
                    && matches!(
                        name,
                        "queryForObject" | "queryForList" | "queryForMap" | "queryForRowSet"
                    )
                {
                    return src(Database);
                }
                // A configuration value: a `Properties` object's (the file it loaded),
                // Spring's `Environment.getProperty`, commons-configuration's; unless the
                // project's own properties file says what the key holds (then the
                // configured constant is the better answer: see `call_model`).
                if recv.is_some()
                    && name == "getProperty"
                    && (1..=2).contains(&args.len())
                    && args
                        .first()
                        .and_then(|k| k.const_str())
                        .is_none_or(|k| self.configured(k).is_none())
                {
                    return src(Config);
                }
                None
            }
            Family::Python => match p {
                "os.getenv" | "os.getenvb" | "os.environ.get" | "os.environb.get" => {
                    self.environment_value(args.first(), span)
                }
                // A file opened for reading (`open(name)`, `open(name, "rb")`); one
                // opened to write or append holds what the program writes.
                "open" | "io.open" | "codecs.open"
                    if !call
                        .kwarg("mode")
                        .or_else(|| call.arg(1))
                        .map(|e| self.quiet(e))
                        .and_then(|m| m.const_str().map(|m| m.contains(['w', 'a', 'x'])))
                        .unwrap_or(false) =>
                {
                    src(File)
                }
                _ if recv.is_some() && matches!(name, "read_text" | "read_bytes") => src(File),
                _ if recv.is_some() && PY_ROW_READS.contains(&name) => src(Database),
                // The whole environment (`for k, v in os.environ.items()`, a copy of it)
                // or a variable taken out of it.
                "os.environ.items"
                | "os.environ.values"
                | "os.environ.copy"
                | "os.environ.pop"
                | "os.environ.setdefault" => src(Environment),
                "getpass.getpass" => src(Console),
                // The lines of the files named on the command line (or standard input).
                "fileinput.input" | "fileinput.FileInput" => src(File),
                "dotenv.dotenv_values" => src(Config),
                // A configuration value converted to a number or a flag is no text.
                _ if matches!(name, "getint" | "getfloat" | "getboolean")
                    && recv.is_some_and(|r| r.field(super::calls::CONFIG_PARSER).is_some()) =>
                {
                    Some(Val::trusted())
                }
                _ => None,
            },
            Family::Js => {
                let module = p.split('.').next().unwrap_or("");
                let fs = matches!(
                    module,
                    "fs" | "node:fs" | "fs/promises" | "node:fs/promises" | "fs-extra"
                );
                // (A `readFile` given a callback returns nothing; its callback is run
                // as usual.)
                let callback = call
                    .args
                    .iter()
                    .any(|a| matches!(a.value.kind, crate::ir::ExprKind::Func(_)));
                // (A `createReadStream` gives its chunks to `data` listeners and pipes.)
                if fs
                    && (matches!(name, "readFileSync" | "createReadStream")
                        || name == "readFile" && !callback)
                {
                    return src(File);
                }
                None
            }
            Family::Go => match p {
                "os.Getenv" | "os.LookupEnv" | "os.Environ" | "syscall.Getenv" => src(Environment),
                "os.ReadFile" | "io/ioutil.ReadFile" | "os.Open" => src(File),
                // A command-line flag's value (a pointer to it) or a positional argument.
                "flag.String" | "flag.Arg" | "flag.Args" => {
                    Some(self.source_label(SourceKind::Cli, true, span, "a command-line argument"))
                }
                // Opened for reading (`os.O_RDONLY`, `os.O_RDWR`); a file opened only to
                // write or append holds what the program writes.
                "os.OpenFile"
                    if call
                        .arg(1)
                        .is_some_and(|f| self.text(f.span).contains("O_RD")) =>
                {
                    src(File)
                }
                _ => None,
            },
            Family::Php => {
                let php_input = args
                    .first()
                    .and_then(Val::const_str)
                    .is_some_and(|f| f.eq_ignore_ascii_case("php://input"));
                // `fopen($f, "w")`: opened to write, not read.
                let write_only = p == "fopen"
                    && args
                        .get(1)
                        .and_then(Val::const_str)
                        .is_some_and(|m| !m.contains(['r', '+']));
                let stdin =
                    args.is_empty() || call.arg(0).and_then(|a| a.as_name()) == Some("STDIN");
                match p {
                    "getenv" => self.environment_value(args.first(), span),
                    "file_get_contents" | "file" | "fopen" | "parse_ini_file"
                    | "parse_ini_string"
                        if !php_input && !write_only =>
                    {
                        src(File)
                    }
                    "readline" | "fgets" | "fscanf" | "stream_get_line" if stdin => src(Console),
                    _ => None,
                }
            }
            Family::Ruby => match p {
                "File.read" | "File.readlines" | "File.foreach" | "File.binread" | "IO.read"
                | "IO.readlines" | "IO.foreach" | "IO.binread" => src(File),
                // A file opened for reading (no "w"/"a" mode): what is read from it.
                "File.open" | "File.new"
                    if !args
                        .get(1)
                        .and_then(Val::const_str)
                        .is_some_and(|m| m.contains(['w', 'a'])) =>
                {
                    src(File)
                }
                "YAML.load_file"
                | "YAML.safe_load_file"
                | "Psych.load_file"
                | "Psych.safe_load_file" => src(Config),
                "gets" | "readline" if recv.is_none() => src(Console),
                _ => None,
            },
        }
    }

    /// Go readers that fill the variables their pointer arguments name, under the
    /// `local` threat model: a database row's `rows.Scan(&id, &name)` (`*sql.Rows`,
    /// `*sql.Row`; a `bufio.Scanner`'s `Scan()` takes none) and the console's
    /// `fmt.Scan(&x)`, `fmt.Scanln`, `fmt.Scanf`.
    pub(crate) fn go_local_scan_into(
        &mut self,
        call: &'m Call,
        span: Span,
        path: Option<&str>,
        name: &str,
        has_recv: bool,
    ) {
        let kind = match (path, name) {
            (Some("fmt.Scan" | "fmt.Scanln" | "fmt.Scanf"), _) => LocalOrigin::Console,
            // `flag.StringVar(&name, "name", "", "usage")`: the command line's value.
            (Some("flag.StringVar"), _) => LocalOrigin::Console,
            (_, "Scan") if has_recv && !call.args.is_empty() => LocalOrigin::Database,
            _ => return,
        };
        let t = self.local_source(kind, span).taint;
        for a in &call.args {
            if let crate::ir::ExprKind::Unary(_, inner) = &a.value.kind {
                self.taint_into(inner, &t);
            }
        }
    }

    /// The value of a name that is local input, under the `local` threat model.
    pub(crate) fn local_ref_source(&self, path: &str, span: Span) -> Option<Val> {
        use LocalOrigin::*;
        let env = match self.family {
            // (Python's `os.environ[...]` and `.get`: see `environment_value`.)
            Family::Js => path == "process.env" || path.starts_with("process.env."),
            Family::Php => path == "$_ENV",
            Family::Ruby => path == "ENV",
            _ => false,
        };
        if env {
            return Some(self.local_source(Environment, span));
        }
        // PHP's command line (`$argv` of a script run by `php`): no request input, so
        // only the `local` model counts it.
        if self.family == Family::Php && matches!(path, "argv" | "$argv") {
            return Some(self.source_label(SourceKind::Cli, true, span, "a command-line argument"));
        }
        match (self.family, path) {
            (Family::Go, "os.Stdin")
            | (Family::Ruby, "$stdin" | "ARGF" | "gets")
            | (Family::Php, "STDIN")
            | (Family::Js, "process.stdin") => Some(self.local_source(Console, span)),
            _ => None,
        }
    }
}

/// Spring Data repository reads of stored entities: the `CrudRepository` /
/// `JpaRepository` lookups and the derived queries (`findByOwner`, `readAllByName`).
const JPA_REPOSITORY_READS: &[&str] = &[
    "findById",
    "findAll",
    "findAllById",
    "findOne",
    "getOne",
    "getById",
    "getReferenceById",
];

/// Prefixes of Spring Data's derived query methods that read entities.
const JPA_DERIVED_READS: &[&str] = &[
    "findBy",
    "findAllBy",
    "findFirstBy",
    "findDistinctBy",
    "readBy",
    "queryBy",
    "streamBy",
];

/// Whether a Java method call reads JPA entities: a repository's lookup or derived
/// query, `EntityManager.find(Job.class, id)`, or a JPA query's results.
/// (`class_first`: the first argument is a class literal.)
fn jpa_read(name: &str, arity: usize, class_first: bool) -> bool {
    JPA_REPOSITORY_READS.contains(&name)
        || JPA_DERIVED_READS.iter().any(|p| {
            name.strip_prefix(p)
                .is_some_and(|rest| rest.starts_with(char::is_uppercase))
        })
        || matches!(
            name,
            "getResultList" | "getSingleResult" | "getResultStream"
        )
        || matches!(name, "find" | "getReference") && arity >= 2 && class_first
}
