//! What library calls do to data: conversions that leave nothing an attacker controls
//! (`int()`, `len()`, hashes, UUIDs), sanitizers for one sink class (`shlex.quote`,
//! `html.escape`, `secure_filename`), path normalisation, string methods, and calls that
//! read input (`input()`, `sys.stdin`, socket reads).

use super::engine::Engine;
use super::value::{
    Label, ObjKind, Origin, Shape, SourceKind, Taint, Val, class, join_taint, neutralize,
};
use crate::ir::{Call, ExprKind, Span};
use crate::syntax::Family;
use std::sync::Arc;

/// Calls whose result carries nothing an attacker controls, by resolved path.
const CLEAN_PATHS: &[&str] = &[
    "int",
    "float",
    "bool",
    "len",
    "abs",
    "round",
    "hash",
    "id",
    "ord",
    "isinstance",
    "issubclass",
    "callable",
    "hasattr",
    "uuid.UUID",
    "uuid.uuid4",
    "uuid.uuid1",
    "ipaddress.ip_address",
    "ipaddress.ip_network",
    "math.*",
    "time.*",
    "datetime.*",
    "secrets.*",
    "random.*",
    "hashlib.*",
    "hmac.new",
    "hmac.compare_digest",
    "zlib.crc32",
    "os.path.exists",
    "os.path.isfile",
    "os.path.isdir",
    "os.path.getsize",
    "os.getpid",
    "parseInt",
    "parseFloat",
    "Number",
    "Boolean",
    "Math.*",
    "Number.parseInt",
    "Number.parseFloat",
    "Number.isInteger",
    "Date.now",
    "crypto.randomUUID",
    "crypto.randomBytes",
    "crypto.createHash",
    "crypto.createHmac",
    "Array.isArray",
    "strconv.Atoi",
    "strconv.ParseInt",
    "strconv.ParseFloat",
    "strconv.ParseBool",
    "strconv.Itoa",
    "github.com/google/uuid.Parse",
    "github.com/google/uuid.MustParse",
    "github.com/gofrs/uuid.FromString",
    "strconv.FormatInt",
    "strconv.FormatUint",
    "strconv.FormatFloat",
    "strconv.FormatBool",
    "Integer.toString",
    "Long.toString",
    "Integer.parseInt",
    "Long.parseLong",
    "Integer.valueOf",
    "Long.valueOf",
    "UUID.fromString",
    "intval",
    "floatval",
    "boolval",
    "is_numeric",
    "ctype_digit",
    "ctype_alnum",
    "count",
    "Integer",
    "Float",
    "bcrypt.*",
    "argon2.*",
    "passlib.*",
    "crypt.crypt",
    "scrypt.*",
    "werkzeug.security.generate_password_hash",
    "werkzeug.generate_password_hash",
    "django.contrib.auth.hashers.make_password",
    "flask_bcrypt.generate_password_hash",
    "bcryptjs.*",
];

/// Method names whose result is a number, a boolean or a fixed-format digest.
const CLEAN_METHODS: &[&str] = &[
    "startswith",
    "endswith",
    "isdigit",
    "isnumeric",
    "isdecimal",
    "isalnum",
    "isalpha",
    "isidentifier",
    "islower",
    "isupper",
    "isspace",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "startsWith",
    "endsWith",
    "includes",
    "indexOf",
    "lastIndexOf",
    "localeCompare",
    "search",
    "test",
    "hexdigest",
    "digest",
    "getTime",
    "valueOf_",
    "exists",
    "is_file",
    "is_dir",
    "isFile",
    "isDirectory",
    "size",
    "Len",
    "length",
    "has",
    "contains",
    "containsKey",
    "equals",
    "equalsIgnoreCase",
    "compareTo",
    "isEmpty",
    "matches",
    "toFixed",
    "is_valid",
    "isValid",
];

/// Sanitizers: (path or `*.method`, sink classes made safe).
const SANITIZERS: &[(&str, u32)] = &[
    ("shlex.quote", class::SHELL),
    ("pipes.quote", class::SHELL),
    ("shlex.join", class::SHELL),
    ("shell-quote.quote", class::SHELL),
    ("shell-escape", class::SHELL),
    ("escapeshellarg", class::SHELL | class::PATH),
    ("escapeshellcmd", class::SHELL),
    ("Shellwords.escape", class::SHELL),
    ("Shellwords.shellescape", class::SHELL),
    ("*.shellescape", class::SHELL),
    ("html.escape", class::HTML | class::XML | class::LOG),
    ("cgi.escape", class::HTML | class::XML),
    ("markupsafe.escape", class::HTML | class::XML),
    ("flask.escape", class::HTML | class::XML),
    ("jinja2.escape", class::HTML | class::XML),
    ("django.utils.html.escape", class::HTML | class::XML),
    ("django.utils.html.format_html", class::HTML),
    ("bleach.clean", class::HTML),
    ("tornado.escape.xhtml_escape", class::HTML | class::XML),
    ("xml.sax.saxutils.escape", class::HTML | class::XML),
    ("escape", class::HTML | class::XML),
    ("escape-html", class::HTML | class::XML),
    ("he.encode", class::HTML),
    ("he.escape", class::HTML),
    // Hono's html`...` tagged template escapes what it interpolates.
    ("hono/html.html", class::HTML),
    ("lodash.escape", class::HTML),
    ("_.escape", class::HTML),
    ("validator.escape", class::HTML),
    ("DOMPurify.sanitize", class::HTML),
    ("dompurify.sanitize", class::HTML),
    ("*.sanitize", class::HTML),
    ("sanitize-html", class::HTML),
    ("xss", class::HTML),
    ("htmlspecialchars", class::HTML | class::XML),
    ("htmlentities", class::HTML | class::XML),
    ("html.EscapeString", class::HTML),
    ("template.HTMLEscapeString", class::HTML),
    ("StringEscapeUtils.escapeHtml4", class::HTML),
    ("ERB::Util.html_escape", class::HTML),
    // Ruby's `A::B.m` resolves as `A.B.m`.
    ("ERB.Util.html_escape", class::HTML),
    ("ERB.Util.h", class::HTML),
    ("Rack.Utils.escape_html", class::HTML),
    ("CGI.escape_html", class::HTML),
    // Rails tag helpers escape their content.
    ("*.content_tag", class::HTML),
    ("CGI.escapeHTML", class::HTML),
    // Rails 7 url_from(x): the URL when it points at this site, else nil.
    ("url_from", class::URL | class::REDIRECT),
    ("os.path.basename", class::PATH),
    ("posixpath.basename", class::PATH),
    ("path.basename", class::PATH),
    // The extension of the last path element: no separator, at most one dot.
    ("path.extname", class::PATH),
    ("node:path.extname", class::PATH),
    ("filepath.Base", class::PATH),
    ("path/filepath.Base", class::PATH),
    ("path.Base", class::PATH),
    ("html/template.HTMLEscapeString", class::HTML),
    ("html/template.JSEscapeString", class::HTML | class::CODE),
    ("text/template.HTMLEscapeString", class::HTML),
    (
        "net/url.QueryEscape",
        class::PATH | class::HTML | class::HEADER | class::LOG,
    ),
    (
        "net/url.PathEscape",
        class::PATH | class::HTML | class::HEADER | class::LOG,
    ),
    ("org.owasp.encoder.Encode.forHtml", class::HTML),
    // OWASP ESAPI: `ESAPI.encoder().encodeForHTML(x)` and friends.
    ("*.encodeForHTML", class::HTML | class::XML),
    ("*.encodeForHTMLAttribute", class::HTML | class::XML),
    ("*.encodeForXML", class::HTML | class::XML),
    ("*.encodeForXMLAttribute", class::HTML | class::XML),
    ("*.encodeForJavaScript", class::HTML),
    ("*.encodeForSQL", class::SQL),
    ("*.encodeForLDAP", class::LDAP),
    ("*.encodeForDN", class::LDAP),
    ("*.encodeForXPath", class::XPATH),
    ("*.encodeForOS", class::SHELL),
    (
        "*.encodeForURL",
        class::PATH | class::HTML | class::HEADER | class::LOG,
    ),
    ("Encode.forHtml", class::HTML),
    ("HtmlUtils.htmlEscape", class::HTML),
    ("FilenameUtils.getName", class::PATH),
    // Path.getFileName(): the last element only.
    ("*.getFileName", class::PATH),
    ("basename", class::PATH),
    ("File.basename", class::PATH),
    (
        "werkzeug.utils.secure_filename",
        class::PATH | class::SHELL | class::HTML,
    ),
    (
        "werkzeug.secure_filename",
        class::PATH | class::SHELL | class::HTML,
    ),
    ("secure_filename", class::PATH | class::SHELL | class::HTML),
    ("sanitize-filename", class::PATH | class::SHELL),
    ("re.escape", class::REGEX),
    ("_.escapeRegExp", class::REGEX),
    ("lodash.escapeRegExp", class::REGEX),
    ("escape-string-regexp", class::REGEX),
    ("regexp.QuoteMeta", class::REGEX),
    ("Pattern.quote", class::REGEX),
    ("preg_quote", class::REGEX),
    ("Regexp.escape", class::REGEX),
    (
        "urllib.parse.quote",
        class::HTML | class::SHELL | class::HEADER | class::LOG,
    ),
    (
        "urllib.parse.quote_plus",
        class::HTML | class::SHELL | class::HEADER | class::LOG | class::PATH,
    ),
    (
        "encodeURIComponent",
        class::PATH | class::HTML | class::HEADER | class::LOG | class::URL,
    ),
    ("encodeURI", class::HEADER | class::LOG),
    (
        "url.QueryEscape",
        class::PATH | class::HTML | class::HEADER | class::LOG,
    ),
    (
        "URLEncoder.encode",
        class::PATH | class::HTML | class::HEADER | class::LOG,
    ),
    (
        "urlencode",
        class::PATH | class::HTML | class::HEADER | class::LOG,
    ),
    (
        "rawurlencode",
        class::PATH | class::HTML | class::HEADER | class::LOG,
    ),
    ("ldap.filter.escape_filter_chars", class::LDAP),
    // ldapjs filter objects escape the value they compare with.
    ("ldapjs.EqualityFilter", class::LDAP),
    ("ldapjs.SubstringFilter", class::LDAP),
    ("ldapjs.ApproximateFilter", class::LDAP),
    ("ldapjs.GreaterThanEqualsFilter", class::LDAP),
    ("ldapjs.LessThanEqualsFilter", class::LDAP),
    ("ldap3.utils.conv.escape_filter_chars", class::LDAP),
    ("escape_filter_chars", class::LDAP),
    ("ldap.dn.escape_dn_chars", class::LDAP),
    ("mysql.escape", class::SQL),
    ("*.escape_string", class::SQL),
    ("sqlstring.escape", class::SQL),
    ("pg-format", class::SQL),
    ("mysqli_real_escape_string", class::SQL),
    ("*.real_escape_string", class::SQL),
    ("*.quote_identifier", class::SQL),
    ("psycopg2.sql.Identifier", class::SQL),
    ("psycopg.sql.Identifier", class::SQL),
    ("sql.Identifier", class::SQL),
    ("sql.Literal", class::SQL),
    ("mongo-sanitize", class::NOSQL),
    ("mongoSanitize", class::NOSQL),
    ("*.replace_newlines", class::LOG),
    ("json.dumps", class::LOG | class::HEADER),
    ("JSON.stringify", class::LOG | class::HEADER),
    (
        "base64.b64encode",
        class::SQL | class::SHELL | class::HTML | class::LOG | class::HEADER | class::XML,
    ),
    (
        "base64.urlsafe_b64encode",
        class::SQL
            | class::SHELL
            | class::HTML
            | class::LOG
            | class::HEADER
            | class::XML
            | class::PATH,
    ),
    (
        "btoa",
        class::SQL | class::SHELL | class::HTML | class::LOG | class::HEADER,
    ),
    ("repr", class::LOG),
];

/// Python modules (or functions) whose functions are pure encoders, decoders and text
/// transforms.
const PURE_CODECS: &[&str] = &[
    "base64.",
    "binascii.",
    "codecs.encode",
    "codecs.decode",
    "urllib.parse.quote",
    "urllib.parse.unquote",
    "urllib.parse.urlencode",
    "html.escape",
    "html.unescape",
    "json.dumps",
    "json.loads",
    "zlib.compress",
    "zlib.decompress",
    // Text layout: `textwrap.dedent(SCRIPT)` of a constant is a constant.
    "textwrap.",
];

/// Calls that normalise a path (a later prefix check on the result is meaningful).
const NORMALIZERS: &[&str] = &[
    "os.path.realpath",
    "os.path.abspath",
    "os.path.normpath",
    "posixpath.normpath",
    "path.resolve",
    "path.normalize",
    "path.join",
    "filepath.Clean",
    "path/filepath.Clean",
    "path/filepath.Abs",
    "path/filepath.Join",
    "filepath.Abs",
    "filepath.Join",
    "realpath",
    "File.expand_path",
    "*.resolve",
    "*.normalize",
    "*.toRealPath",
    "*.getCanonicalPath",
    "*.getCanonicalFile",
    "*.getCanonicalFile",
    "*.toAbsolutePath",
    "*.realpath",
    "*.absolute",
];

/// String methods whose result carries the receiver's data (and their arguments').
const STRING_METHODS: &[&str] = &[
    "strip",
    "lstrip",
    "rstrip",
    "lower",
    "upper",
    "title",
    "capitalize",
    "casefold",
    "replace",
    "split",
    "rsplit",
    "splitlines",
    "join",
    "format",
    "format_map",
    "encode",
    "decode",
    "zfill",
    "ljust",
    "rjust",
    "center",
    "partition",
    "rpartition",
    "expandtabs",
    "removeprefix",
    "removesuffix",
    "swapcase",
    "translate",
    "trim",
    "trimStart",
    "trimEnd",
    "toLowerCase",
    "toUpperCase",
    "toLocaleLowerCase",
    "toLocaleUpperCase",
    "slice",
    "substring",
    "substr",
    "replaceAll",
    "concat",
    "padStart",
    "padEnd",
    "normalize_",
    "repeat",
    "charAt",
    "at",
    "toString",
    "valueOf",
    "get",
    "getlist",
    "pop",
    "copy",
    "items",
    "values",
    "keys",
    "read",
    "readline",
    "readlines",
    "getvalue",
    "strip_tags",
    "Trim",
    "ToLower",
    "ToUpper",
    "trim_",
    "to_s",
    "to_str",
    "downcase",
    "upcase",
    "chomp",
    "gsub",
    "sub",
];

/// Calls whose result is a response object, a file handle or another value that is not
/// the request data passed in (the sinks among them are checked at the call).
const OPAQUE_RESULTS: &[&str] = &[
    "open",
    "io.open",
    "codecs.open",
    "shelve.open",
    "sanic.response.text",
    "sanic.response.html",
    "sanic.response.json",
    "sanic.response.raw",
    "sanic.response.redirect",
    "sanic.response.file",
    "django.db.models.expressions.RawSQL",
    "django.db.models.RawSQL",
    "flask.jsonify",
    "flask.render_template",
    "flask.send_file",
    "flask.send_from_directory",
    "flask.redirect",
    "flask.url_for",
    "flask.abort",
    "flask.make_response",
    "flask.Response",
    "django.shortcuts.render",
    "django.shortcuts.redirect",
    "django.http.HttpResponse",
    "django.http.JsonResponse",
    "django.http.HttpResponseRedirect",
    "django.http.FileResponse",
    "eval",
    "exec",
    "compile",
    "importlib.import_module",
    "__import__",
    "os.system",
    "subprocess.call",
    "subprocess.run",
    "subprocess.Popen",
    "requests.get",
    "requests.post",
    "requests.put",
    "requests.delete",
    "requests.patch",
    "requests.head",
    "requests.request",
    "httpx.get",
    "httpx.post",
    "starlette.responses.HTMLResponse",
    "fastapi.responses.HTMLResponse",
    "pickle.dumps",
    "res.send",
    "res.json",
    "res.render",
    "res.redirect",
];

/// Module functions that return an object of a known class (the value keeps the
/// arguments' data and resolves its methods by the class path: `tree.xpath(...)`).
const CONSTRUCTORS: &[(&str, &str)] = &[
    ("lxml.etree.parse", "lxml.etree._ElementTree"),
    ("lxml.etree.fromstring", "lxml.etree._Element"),
    ("lxml.etree.XML", "lxml.etree._Element"),
    ("lxml.etree.HTML", "lxml.etree._Element"),
    ("lxml.etree.XMLParser", "lxml.etree.XMLParser"),
    (
        "xml.etree.ElementTree.parse",
        "xml.etree.ElementTree.ElementTree",
    ),
    (
        "xml.etree.ElementTree.fromstring",
        "xml.etree.ElementTree.Element",
    ),
    ("xml.etree.ElementTree.XML", "xml.etree.ElementTree.Element"),
    ("xml.dom.minidom.parseString", "xml.dom.minidom.Document"),
    ("xml.dom.minidom.parse", "xml.dom.minidom.Document"),
    ("xml.sax.make_parser", "xml.sax.xmlreader.XMLReader"),
    ("tarfile.open", "tarfile.TarFile"),
    ("tarfile.TarFile", "tarfile.TarFile"),
    ("zipfile.ZipFile", "zipfile.ZipFile"),
    ("requests.Session", "requests.Session"),
    ("requests.session", "requests.Session"),
    ("httpx.Client", "httpx.Client"),
    ("httpx.AsyncClient", "httpx.AsyncClient"),
    ("aiohttp.ClientSession", "aiohttp.ClientSession"),
    ("urllib3.PoolManager", "urllib3.PoolManager"),
    ("ssl.create_default_context", "ssl.SSLContext"),
    ("ssl.SSLContext", "ssl.SSLContext"),
    ("sqlite3.connect", "sqlite3.Connection"),
    ("sqlite3.Connection.cursor", "sqlite3.Cursor"),
    ("code.InteractiveConsole", "code.InteractiveConsole"),
    ("code.InteractiveInterpreter", "code.InteractiveInterpreter"),
    // JavaScript: objects whose methods rules inspect (`parser.write(x)` on a
    // `new expat.Parser()` is `node-expat.Parser.write`).
    ("node-expat.Parser", "node-expat.Parser"),
    ("node-expat.createParser", "node-expat.Parser"),
    ("adm-zip", "adm-zip.AdmZip"),
    ("jszip", "jszip.JSZip"),
    ("vm2.VM", "vm2.VM"),
    ("vm2.NodeVM", "vm2.NodeVM"),
    ("vm2.VMScript", "vm2.VMScript"),
    ("sandbox", "sandbox"),
    ("net.Socket", "net.Socket"),
    ("node:net.Socket", "node:net.Socket"),
    // Go: `template.New(name)` and its methods that return the template.
    ("html/template.New", "html/template.Template"),
    ("text/template.New", "text/template.Template"),
    ("html/template.Template.New", "html/template.Template"),
    ("text/template.Template.New", "text/template.Template"),
    ("html/template.Template.Funcs", "html/template.Template"),
    ("text/template.Template.Funcs", "text/template.Template"),
];

/// Methods that add their arguments into the receiver.
/// Is this call one of the sanitizers of [`SANITIZERS`] by its resolved path (so its
/// name, `EscapeString`, says nothing more)?
pub(crate) fn is_known_sanitizer(path: Option<&str>, name: &str, recv: Option<&Val>) -> bool {
    SANITIZERS.iter().any(|(p, _)| match p.strip_prefix("*.") {
        Some(m) => m == name && recv.is_some(),
        None => path.is_some_and(|q| q == *p),
    })
}

/// Go calls that decode into the value their pointer argument names.
pub(crate) fn decodes_into(name: &str) -> bool {
    matches!(
        name,
        "Decode"
            | "Unmarshal"
            | "Bind"
            | "BindJSON"
            | "BindQuery"
            | "ShouldBind"
            | "ShouldBindJSON"
            | "ShouldBindQuery"
            | "ShouldBindUri"
            | "BindUri"
            | "BodyParser"
            | "QueryParser"
    )
}

pub(crate) fn mutates(name: &str) -> bool {
    matches!(
        name,
        "append"
            | "extend"
            | "insert"
            | "add"
            | "update"
            | "setdefault"
            | "appendleft"
            | "push"
            | "unshift"
            | "set"
            | "put"
            | "putAll"
            | "addAll"
            | "WriteRune"
            | "write"
            | "Add"
            | "Set"
            | "WriteString"
            | "append_"
    )
}

/// Escaping helpers named for what they escape (`escapeStringRegexp`,
/// `escapeFilterValue`, `escape_ldap_dn`, `sanitizeHtml`): the sink classes they cover.
fn escaper_by_name(name: &str) -> Option<u32> {
    // AngularJS's injected `$sanitize` service.
    if name == "$sanitize" {
        return Some(class::HTML);
    }
    let lower = name.to_ascii_lowercase();
    if !(lower.starts_with("escape") || lower.starts_with("sanitize") || lower.starts_with("quote"))
    {
        return None;
    }
    let rest = lower
        .trim_start_matches("escape")
        .trim_start_matches("sanitize");
    let rest = rest.trim_start_matches("quote").trim_start_matches('_');
    let table: &[(&[&str], u32)] = &[
        (&["regex", "regexp"], class::REGEX),
        (&["filter", "ldap", "dn"], class::LDAP),
        (&["xpath"], class::XPATH),
        (&["html", "xml", "markup"], class::HTML | class::XML),
        (&["shell", "shellarg", "cmd"], class::SHELL),
        (&["sql", "identifier", "ident", "literal"], class::SQL),
        (&["filename", "path"], class::PATH),
    ];
    let bits = table
        .iter()
        .filter(|(words, _)| words.iter().any(|w| rest.contains(w)))
        .fold(0, |acc, (_, b)| acc | b);
    (bits != 0).then_some(bits)
}

fn matches_any(path: Option<&str>, name: &str, table: &[&str]) -> bool {
    table.iter().any(|p| match p.strip_prefix("*.") {
        Some(m) => m == name,
        None => path.is_some_and(|q| crate::check::path_matches(q, p)),
    })
}

/// `Class.method` of a fully qualified Java path (`java.util.UUID.fromString` ->
/// `UUID.fromString`): the tables name Java classes without their package.
fn java_short_path(path: Option<&str>) -> Option<&str> {
    let p = path?;
    let (pkg_and_class, _) = p.rsplit_once('.')?;
    let class_start = pkg_and_class.rfind('.')? + 1;
    Some(&p[class_start..])
}

fn all_args_taint(args: &[Val]) -> Taint {
    args.iter()
        .fold(None, |t, a| join_taint(&t, &a.all_taint()))
}

impl<'m> Engine<'m> {
    fn io_source(&self, kind: SourceKind, span: Span, what: &str) -> Val {
        Val::tainted(Some(Arc::new(vec![Label {
            origin: Origin::Source(kind),
            neutral: 0,
            trace: self.hop(span, format!("`{}`: {what}", self.quote(span)), None),
            strong: true,
        }])))
    }

    /// The result of a library call the engine knows, or `None` for the default rule
    /// (the result carries the receiver's and the arguments' data).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn call_model(
        &self,
        call: &Call,
        span: Span,
        path: Option<&str>,
        name: &str,
        recv: Option<&Val>,
        args: &[Val],
    ) -> Option<Val> {
        let fam = self.family;
        // Encoders and decoders of the standard library compute their result from their
        // arguments alone: constants in, a value the program chose out.
        if fam == Family::Python
            && path.is_some_and(|p| PURE_CODECS.iter().any(|c| p.starts_with(c)))
            && !args.is_empty()
            && args.iter().all(Val::is_trusted)
        {
            return Some(Val::trusted());
        }
        // elementpath.select(root, path): nodes of the document, not the path's text.
        if matches!(path, Some("elementpath.select" | "elementpath.iter_select")) {
            return Some(Val::tainted(args.first().and_then(|a| a.all_taint())));
        }
        // Decoding undoes an encoding: `b64decode(b64encode(x))` is `x` again, whatever the
        // encoded form was safe for.
        if fam == Family::Python
            && path.is_some_and(|p| {
                (p.starts_with("base64.") && p.contains("decode"))
                    || p.starts_with("binascii.a2b_")
                    || p == "binascii.unhexlify"
                    || p == "codecs.decode"
            })
        {
            let t = all_args_taint(args).map(|labels| {
                Arc::new(
                    labels
                        .iter()
                        .map(|l| Label {
                            neutral: 0,
                            ..l.clone()
                        })
                        .collect::<Vec<_>>(),
                )
            });
            return Some(Val::tainted(t));
        }
        // Reading input.
        match path {
            Some("input" | "raw_input") if fam == Family::Python => {
                return Some(self.io_source(SourceKind::Cli, span, "user input"));
            }
            Some("prompt") if fam == Family::Js => {
                return Some(self.io_source(SourceKind::Dom, span, "user input"));
            }
            // What a file holds, not the path it was read from.
            Some(p) if fam == Family::Js && file_reader(p) => {
                return Some(Val::unknown());
            }
            _ => {}
        }
        if matches!(
            path,
            Some(
                "traceback.format_exc"
                    | "traceback.format_exception"
                    | "traceback.format_tb"
                    | "traceback.format_stack"
                    | "sys.exc_info"
            )
        ) {
            return Some(Val::tainted(Some(Arc::new(vec![Label {
                origin: Origin::ErrorDetail,
                neutral: 0,
                trace: self.hop(span, format!("`{}`: a stack trace", self.quote(span)), None),
                strong: true,
            }]))));
        }
        // Go's `err.Error()`: the text of an error, details meant for the log.
        if fam == Family::Go
            && name == "Error"
            && args.is_empty()
            && recv.is_some_and(|r| !matches!(r.shape, Shape::Ref(_)))
        {
            return Some(Val::tainted(Some(Arc::new(vec![Label {
                origin: Origin::ErrorDetail,
                neutral: 0,
                trace: self.hop(span, format!("`{}`: error text", self.quote(span)), None),
                strong: true,
            }]))));
        }
        if matches!(name, "recv" | "recvfrom" | "recv_into" | "makefile")
            || path.is_some_and(|p| matches!(p, "urllib.request.urlopen" | "urllib2.urlopen"))
        {
            return Some(self.io_source(SourceKind::Io, span, "data from the network"));
        }
        // `request.args.get("n", type=int)`: converted by the framework.
        if name == "get"
            && let Some(t) = call.kwarg("type")
            && matches!(t.last_name(), Some("int" | "float" | "bool"))
        {
            return Some(Val::trusted());
        }
        // Java's predictable generators: `new Random()`, `Math.random()`,
        // `ThreadLocalRandom.current()`, commons-lang `RandomStringUtils.random*`.
        if fam == Family::Java {
            let p = path.unwrap_or("");
            let short = java_short_path(path).unwrap_or(p);
            if call.is_new && name == "Random" && matches!(p, "Random" | "java.util.Random")
                || matches!(
                    short,
                    "Math.random" | "StrictMath.random" | "ThreadLocalRandom.current"
                )
                || short.starts_with("RandomStringUtils.random")
            {
                return Some(self.io_source(
                    SourceKind::Random,
                    span,
                    "a predictable random value",
                ));
            }
        }
        // `props.getProperty("hashAlg", "SHA-256")` in a file that loads a properties
        // file of the project: the configured value.
        if fam == Family::Java
            && name == "getProperty"
            && recv.is_some_and(|r| !matches!(r.shape, Shape::Ref(_)))
            && let Some(v) = args
                .first()
                .filter(|k| k.is_const())
                .and_then(|k| k.const_str())
                .and_then(|k| self.configured(k))
        {
            return Some(Val::str(&v));
        }
        if matches_any(path, name, CLEAN_PATHS)
            || fam == Family::Java
                && java_short_path(path).is_some_and(|p| matches_any(Some(p), name, CLEAN_PATHS))
            || recv.is_some() && CLEAN_METHODS.contains(&name)
        {
            // A number or its text carries no input, but still the predictability of a
            // random value it was made from (`Integer.toString(random.nextInt())`).
            let mut t = all_args_taint(args);
            if let Some(r) = recv {
                t = join_taint(&t, &r.all_taint());
            }
            let random: Vec<Label> = t
                .iter()
                .flat_map(|ls| ls.iter())
                .filter(|l| l.origin == Origin::Source(SourceKind::Random))
                .cloned()
                .collect();
            if !random.is_empty() && !CLEAN_METHODS.contains(&name) {
                return Some(Val::tainted(Some(Arc::new(random))));
            }
            return Some(Val::trusted());
        }
        if let Some(p) = path {
            if OPAQUE_RESULTS.contains(&p) {
                return Some(Val::unknown());
            }
            if let Some((_, class)) = CONSTRUCTORS.iter().find(|(c, _)| *c == p) {
                return Some(Val {
                    taint: all_args_taint(args),
                    shape: Shape::Ref(Arc::from(*class)),
                    ..Val::default()
                });
            }
        }
        // PHP: tests give booleans and lengths; the WordPress `esc_*` helpers and
        // Laravel's `e()` HTML-escape their argument.
        if fam == Family::Php
            && let Some(p) = path
        {
            match p {
                "isset" | "empty" | "is_string" | "is_int" | "is_array" | "in_array" | "strlen"
                | "array_key_exists" => return Some(Val::trusted()),
                "e" | "esc_html" | "esc_attr" | "esc_textarea" | "esc_url" => {
                    return Some(Val {
                        taint: neutralize(&all_args_taint(args), class::HTML | class::XML),
                        ..Val::default()
                    });
                }
                _ => {}
            }
        }
        for (p, bits) in SANITIZERS {
            let hit = match p.strip_prefix("*.") {
                Some(m) => m == name && recv.is_some(),
                // Java imports resolve to the full name: `org.springframework.web.util.
                // HtmlUtils.htmlEscape` is the table's `HtmlUtils.htmlEscape`.
                None => path.is_some_and(|q| {
                    q == *p
                        || fam == Family::Java
                            && p.contains('.')
                            && q.strip_suffix(*p).is_some_and(|pre| pre.ends_with('.'))
                }),
            };
            if hit {
                let base = if args.is_empty() {
                    recv.map(|r| r.all_taint()).unwrap_or_default()
                } else {
                    all_args_taint(args)
                };
                return Some(Val {
                    taint: neutralize(&base, *bits),
                    ..Val::default()
                });
            }
        }
        if let Some(bits) = escaper_by_name(name) {
            let base = if args.is_empty() {
                recv.map(|r| r.all_taint()).unwrap_or_default()
            } else {
                all_args_taint(args)
            };
            return Some(Val {
                taint: neutralize(&base, bits),
                ..Val::default()
            });
        }
        if matches_any(path, name, NORMALIZERS)
            && (path.is_some() || recv.is_some_and(|r| r.all_taint().is_some() || r.normalized))
        {
            let mut t = all_args_taint(args);
            if path.is_none()
                && let Some(r) = recv
            {
                t = join_taint(&t, &r.all_taint());
            }
            let prefix = args.first().and_then(|a| a.prefix.clone());
            return Some(Val {
                taint: t,
                normalized: true,
                prefix,
                ..Val::default()
            });
        }
        // Regex objects remember their pattern (for validators and ReDoS).
        if matches!(
            path,
            Some(
                "re.compile"
                    | "regex.compile"
                    | "RegExp"
                    | "regexp.MustCompile"
                    | "regexp.Compile"
                    | "Regexp.new"
            )
        ) && let Some(p) = args.first().and_then(|a| a.const_str())
        {
            return Some(Val {
                shape: Shape::Obj(ObjKind::Regex(Arc::from(p))),
                ..Val::default()
            });
        }
        // PHP's str_replace(["\r", "\n"], "", $s): line breaks removed.
        if path == Some("str_replace")
            && let (Some(search), Some(with), Some(subject)) =
                (args.first(), args.get(1), args.get(2))
        {
            let breaks = |v: &Val| {
                v.const_str()
                    .is_some_and(|o| o.contains('\n') || o.contains('\r'))
            };
            let removes = match &search.shape {
                Shape::Seq(items) => items.iter().any(breaks),
                _ => breaks(search),
            };
            let mut t = subject.all_taint();
            if removes && with.is_trusted() {
                t = neutralize(&t, class::LOG | class::HEADER);
            }
            return Some(Val {
                taint: join_taint(&t, &with.all_taint()),
                ..Val::default()
            });
        }
        // Go's strings.ReplaceAll(s, "\n", "") / strings.Replace(s, "\r", " ", -1):
        // removing line breaks makes the value safe for logs and headers.
        if matches!(path, Some("strings.ReplaceAll" | "strings.Replace"))
            && let (Some(subject), Some(old), Some(new)) = (args.first(), args.get(1), args.get(2))
        {
            let mut t = subject.all_taint();
            if old
                .const_str()
                .is_some_and(|o| o.contains('\n') || o.contains('\r'))
                && new.is_trusted()
            {
                t = neutralize(&t, class::LOG | class::HEADER);
            }
            return Some(Val {
                taint: join_taint(&t, &new.all_taint()),
                ..Val::default()
            });
        }
        // printf-style formatting: fmt.Sprintf, String.format, sprintf, Kernel#format.
        if matches!(
            path,
            Some(
                "fmt.Sprintf"
                    | "String.format"
                    | "sprintf"
                    | "vsprintf"
                    | "format"
                    | "Kernel.format"
                    | "util.format"
            )
        ) && fam != Family::Python
        {
            let fmt = args.first().cloned().unwrap_or_default();
            let rest: Vec<Val> = args.iter().skip(1).cloned().collect();
            let list = Val {
                shape: Shape::Seq(Arc::new(rest)),
                ..Val::default()
            };
            return Some(self.binop(crate::ir::BinOp::Mod, &fmt, &list));
        }
        // os.path.join(BASE, x): the first part is a known prefix.
        if matches!(
            path,
            Some(
                "os.path.join"
                    | "posixpath.join"
                    | "pathlib.Path"
                    | "Path"
                    | "Paths.get"
                    | "java.nio.file.Paths.get"
                    | "Path.of"
                    | "java.nio.file.Path.of"
            )
        ) {
            let mut v = super::interp::concat_all(args);
            v.built = false;
            return Some(v);
        }
        // `d.get("k")` on a dict literal: that element.
        if let Some(r) = recv
            && matches!(r.shape, Shape::Map(_))
            && matches!(name, "get" | "pop" | "setdefault")
        {
            if let Some(k) = args.first().and_then(|a| a.const_str()) {
                let v = r.field(k).unwrap_or_else(|| Val::tainted(r.taint.clone()));
                let d = args.get(1).cloned();
                return Some(match d {
                    Some(d) => v.join(&d),
                    None => v,
                });
            }
            if r.all_const_elements() {
                return Some(Val::trusted());
            }
        }
        // A template's render() escapes what it inserts (environments without autoescaping
        // are python/jinja-autoescape-disabled's).
        if recv.is_some() && matches!(name, "render" | "render_template") && path.is_none() {
            return Some(Val {
                taint: neutralize(&all_args_taint(args), class::HTML),
                ..Val::default()
            });
        }
        // `"sep".join(parts)`, `"...{}".format(x)`: string building.
        // (`request.get("q")` on a request object reads the request: webapp2, Express's
        // `req.get("X-Header")`; not `Map.get`.)
        if let Some(r) = recv
            && STRING_METHODS.contains(&name)
            && !matches!(r.shape, Shape::Ref(_) | Shape::Obj(ObjKind::Request(_)))
        {
            return Some(self.string_method(r, name, args));
        }
        if let Some(r) = recv
            && matches!(r.shape, Shape::Obj(ObjKind::Regex(_)))
            && matches!(
                name,
                "match"
                    | "search"
                    | "fullmatch"
                    | "exec"
                    | "findall"
                    | "finditer"
                    | "sub"
                    | "subn"
                    | "split"
                    | "test"
            )
        {
            return Some(Val::tainted(all_args_taint(args)));
        }
        if fam == Family::Python && matches!(path, Some("str" | "repr" | "bytes" | "format")) {
            let v = args.first().cloned().unwrap_or_default();
            if v.is_const() {
                return Some(Val::str(
                    &v.as_const().map(|c| c.text()).unwrap_or_default(),
                ));
            }
            // A string cannot be a query operator object.
            return Some(Val {
                taint: neutralize(&v.all_taint(), class::NOSQL),
                built: v.built,
                prefix: v.prefix.clone(),
                trusted: v.is_trusted(),
                ..Val::default()
            });
        }
        // `Buffer.from("00ff..", "hex")`: bytes the program chose; keep the literal so
        // key and IV rules see a constant. (`Buffer.alloc(n)` is left out: it is usually
        // filled afterwards, by `randomFillSync` for one.)
        if fam == Family::Js
            && path == Some("Buffer.from")
            && let Some(text) = args
                .first()
                .filter(|v| v.is_const())
                .and_then(|v| v.const_str())
            && args.iter().skip(1).all(|a| a.is_const())
        {
            return Some(Val::str(text));
        }
        // A secret key object made from a literal (`jose.JWK.asKey("secret")`,
        // `crypto.createSecretKey("secret")`): keep the text so key rules see it.
        if fam == Family::Js
            && matches!(
                path,
                Some("jose.JWK.asKey" | "crypto.createSecretKey" | "node:crypto.createSecretKey")
            )
            && let Some(text) = args
                .first()
                .filter(|v| v.is_const())
                .and_then(|v| v.const_str())
        {
            return Some(Val::str(text));
        }
        if fam == Family::Js && matches!(path, Some("String")) {
            let v = args.first().cloned().unwrap_or_default();
            return Some(Val {
                taint: neutralize(&v.all_taint(), class::NOSQL),
                built: v.built,
                prefix: v.prefix.clone(),
                trusted: v.is_trusted(),
                ..Val::default()
            });
        }
        None
    }

    /// The value of `key` in a properties file this file names (`"app.properties"`).
    fn configured(&self, key: &str) -> Option<String> {
        let project = self.project?;
        let mut rest = self.src;
        while let Some(i) = rest.find(".properties\"") {
            let head = &rest[..i];
            let start = head.rfind('"').map_or(0, |q| q + 1);
            let name = format!("{}.properties", &head[start..]);
            if !name.contains(char::is_whitespace)
                && let Some(v) = project.property(&self.file, &name, key)
            {
                return Some(v);
            }
            rest = &rest[i + ".properties\"".len()..];
        }
        None
    }

    fn string_method(&self, r: &Val, name: &str, args: &[Val]) -> Val {
        if let Some(v) = fold_string_method(r, name, args) {
            return v;
        }
        match name {
            "join" => {
                // sep.join(items): the items' data, built unless all constant.
                let items = args.first().cloned().unwrap_or_default();
                let mut parts: Vec<Val> = match &items.shape {
                    Shape::Seq(xs) => xs.as_ref().clone(),
                    _ => vec![items.clone()],
                };
                if r.const_str() == Some("") {
                    super::interp::splice_facts(&mut parts);
                }
                let mut v = super::interp::concat_all(&parts);
                v.taint = join_taint(&v.taint, &items.taint);
                if !r.is_const() {
                    v.taint = join_taint(&v.taint, &r.all_taint());
                }
                v.prefix = None;
                v.shape = Shape::Unknown;
                v
            }
            "format" | "format_map" => {
                let mut parts = vec![r.clone()];
                parts.extend(args.iter().cloned());
                let mut v = super::interp::concat_all(&parts);
                if !v.is_const() {
                    v.shape = Shape::Unknown;
                    v.prefix = r
                        .const_str()
                        .map(|s| Arc::from(s.split('{').next().unwrap_or("")));
                }
                v
            }
            "replace" | "replaceAll" | "sub" | "gsub" => {
                // The replacement text (second argument) becomes part of the value.
                let mut t = r.all_taint();
                // Removing line breaks makes the value safe for logs and headers.
                let removes_breaks = args.first().is_some_and(|a| {
                    a.const_str().is_some_and(|s| {
                        s.contains('\n')
                            || s.contains('\r')
                            // a regex of line breaks: "[\\r\\n]", "\\R", "\\s+"
                            || s.contains("\\n")
                            || s.contains("\\r")
                            || s.contains("\\R")
                            || s.contains("\\s")
                    })
                        || matches!(&a.shape, Shape::Obj(ObjKind::Regex(p)) if p.contains("\\n") || p.contains("\\r") || p.contains("\\s") || p.contains('\n') || p.contains('\r'))
                }) && args.get(1).is_some_and(|a| a.is_trusted());
                if removes_breaks {
                    t = neutralize(&t, class::LOG | class::HEADER);
                }
                // `x.replace("'", "&apos;")`: no apostrophe (or double quote) is left to
                // close a literal quoted with it (class::NO_SQUOTE).
                if name == "replace"
                    && let Some(q) = args.first().and_then(|a| a.const_str())
                    && (q == "'" || q == "\"")
                    && args
                        .get(1)
                        .and_then(|a| a.const_str())
                        .is_some_and(|rep| !rep.contains(q))
                {
                    let fact = if q == "'" {
                        class::NO_SQUOTE
                    } else {
                        class::NO_DQUOTE
                    };
                    t = neutralize(&t, fact);
                }
                if let Some(rep) = args.get(1) {
                    t = join_taint(&t, &rep.all_taint());
                }
                Val {
                    taint: t,
                    built: r.built || args.get(1).is_some_and(|a| !a.is_trusted()),
                    prefix: None,
                    trusted: r.is_trusted() && args.get(1).is_none_or(|a| a.is_trusted()),
                    ..Val::default()
                }
            }
            "concat" => {
                let mut parts = vec![r.clone()];
                parts.extend(args.iter().cloned());
                super::interp::concat_all(&parts)
            }
            "get" | "getlist" | "pop" | "items" | "values" | "keys" | "copy" => Val {
                taint: r.all_taint(),
                trusted: r.is_trusted(),
                ..Val::default()
            },
            _ => Val {
                taint: r.all_taint(),
                built: r.built,
                prefix: match name {
                    "strip" | "rstrip" | "lower" | "upper" | "trim" | "trimEnd" | "toLowerCase"
                    | "toUpperCase" => r.prefix.clone(),
                    _ => None,
                },
                normalized: false,
                trusted: r.is_trusted(),
                ..Val::default()
            },
        }
    }

    /// Method calls that just pass a callback's argument through (`promise.then(cb)`,
    /// `items.forEach(cb)`): the value the callback receives.
    pub(crate) fn callback_input(
        &self,
        call: &Call,
        recv: Option<&Val>,
        args: &[Val],
    ) -> Option<Val> {
        let has_fn = call
            .args
            .iter()
            .any(|a| matches!(a.value.kind, ExprKind::Func(_)));
        if !has_fn {
            return None;
        }
        let mut t = recv.map(|r| r.all_taint()).unwrap_or_default();
        for (a, v) in call.args.iter().zip(args) {
            if !matches!(a.value.kind, ExprKind::Func(_)) {
                t = join_taint(&t, &v.all_taint());
            }
        }
        Some(Val::tainted(t))
    }
}

/// A string method on a constant with constant arguments (`"ABC".charAt(2)`,
/// `"a-b".substring(2)`): the constant it gives.
fn fold_string_method(r: &Val, name: &str, args: &[Val]) -> Option<Val> {
    let s = r.const_str().filter(|_| r.is_const())?;
    if !args.iter().all(|a| a.is_const()) {
        return None;
    }
    let num = |i: usize| match args.get(i).and_then(|a| a.as_const()) {
        Some(super::value::Const::Num(n)) if *n >= 0.0 => Some(*n as usize),
        _ => None,
    };
    let chars: Vec<char> = s.chars().collect();
    let out: String = match (name, args.len()) {
        ("charAt" | "at", 1) => chars.get(num(0)?)?.to_string(),
        ("substring", 1) => chars.get(num(0)?..)?.iter().collect(),
        ("substring", 2) => chars.get(num(0)?..num(1)?)?.iter().collect(),
        ("toLowerCase" | "lower", 0) => s.to_lowercase(),
        ("toUpperCase" | "upper", 0) => s.to_uppercase(),
        ("trim" | "strip", 0) => s.trim().to_string(),
        ("toString" | "valueOf" | "intern", 0) => s.to_string(),
        _ => return None,
    };
    Some(Val::str(&out))
}

/// Node calls that give a file's content or a folder's listing (`fs.readFileSync(p)`,
/// `fs.createReadStream(p)`, `readFile` from `fs/promises`).
fn file_reader(path: &str) -> bool {
    let Some((module, f)) = path.rsplit_once('.') else {
        return false;
    };
    let module = module.strip_prefix("node:").unwrap_or(module);
    matches!(module, "fs" | "fs/promises" | "fs.promises" | "fs-extra")
        && matches!(
            f,
            "readFile"
                | "readFileSync"
                | "createReadStream"
                | "readdir"
                | "readdirSync"
                | "readJson"
                | "readJsonSync"
        )
}
