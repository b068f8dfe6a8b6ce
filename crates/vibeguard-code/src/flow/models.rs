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
use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

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
    // Go's `strings`/`bytes` predicates and searches: a boolean or an index.
    "strings.Contains",
    "strings.ContainsAny",
    "strings.ContainsRune",
    "strings.HasPrefix",
    "strings.HasSuffix",
    "strings.EqualFold",
    "strings.Compare",
    "strings.Count",
    "strings.Index",
    "strings.IndexAny",
    "strings.IndexByte",
    "strings.IndexRune",
    "strings.LastIndex",
    "bytes.Equal",
    "bytes.Compare",
    "bytes.Contains",
    "bytes.HasPrefix",
    "bytes.HasSuffix",
    "unicode/utf8.RuneCountInString",
    "unicode/utf8.ValidString",
    "path/filepath.IsAbs",
    "path/filepath.IsLocal",
    "strconv.FormatInt",
    "strconv.FormatUint",
    "strconv.FormatFloat",
    "strconv.FormatBool",
    // Go's printers answer with the byte count and an error, never the text they wrote:
    // `url := fmt.Printf("...%v", input)` holds a number.
    "fmt.Print",
    "fmt.Printf",
    "fmt.Println",
    "fmt.Fprint",
    "fmt.Fprintf",
    "fmt.Fprintln",
    "io.WriteString",
    "io.Copy",
    "io.CopyN",
    "Integer.toString",
    "Long.toString",
    "Integer.parseInt",
    "Long.parseLong",
    "Integer.decode",
    "Integer.parseUnsignedInt",
    "Long.decode",
    "Long.parseUnsignedLong",
    "Short.parseShort",
    "Short.valueOf",
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
    // PHP functions that answer with a number or a boolean: lengths and counts, row
    // counts of a query's result, positions, matches, file facts.
    "sizeof",
    "strlen",
    "mb_strlen",
    "strpos",
    "stripos",
    "strrpos",
    "mb_strpos",
    "preg_match",
    "preg_match_all",
    "in_array",
    "array_key_exists",
    "is_array",
    "is_string",
    "is_int",
    "is_file",
    "is_dir",
    "file_exists",
    "filesize",
    "filemtime",
    "mysqli_num_rows",
    "mysqli_affected_rows",
    "mysqli_insert_id",
    "mysqli_num_fields",
    "pg_num_rows",
    "pg_affected_rows",
    "sqlsrv_num_rows",
    "ldap_count_entries",
    "password_verify",
    "random_int",
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
    // Typed getters of JDBC result sets and JSON objects: a number or a boolean, whatever
    // the text it came from. (The servlet request's number readers are client-chosen counts:
    // `flow::sources`.)
    "getInt",
    "getLong",
    "getDouble",
    "getFloat",
    "getShort",
    "getBoolean",
    // PDO / PDOStatement counts and ids.
    "rowCount",
    "columnCount",
    "lastInsertId",
];

/// Sanitizers: (path or `*.method`, sink classes made safe).
const SANITIZERS: &[(&str, u32)] = &[
    ("shlex.quote", class::SHELL),
    ("pipes.quote", class::SHELL),
    ("shlex.join", class::SHELL),
    ("shell-quote.quote", class::SHELL),
    ("shell-escape", class::SHELL),
    // shescape: `quote`/`escape` (and the `*All` forms over a list), as module functions
    // (v1) or on a `new Shescape({ shell })` (v2).
    ("shescape.quote", class::SHELL),
    ("shescape.quoteAll", class::SHELL),
    ("shescape.escape", class::SHELL),
    ("shescape.escapeAll", class::SHELL),
    ("shescape.Shescape.quote", class::SHELL),
    ("shescape.Shescape.quoteAll", class::SHELL),
    ("shescape.Shescape.escape", class::SHELL),
    ("shescape.Shescape.escapeAll", class::SHELL),
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
    (
        "django.utils.html.conditional_escape",
        class::HTML | class::XML,
    ),
    ("django.utils.html.escapejs", class::HTML),
    ("django.utils.html.format_html_join", class::HTML),
    ("nh3.clean", class::HTML),
    ("nh3.clean_text", class::HTML | class::XML),
    ("lxml.html.clean.clean_html", class::HTML),
    ("lxml_html_clean.clean_html", class::HTML),
    ("markupsafe.Markup.escape", class::HTML | class::XML),
    ("werkzeug.utils.escape", class::HTML | class::XML),
    ("tornado.escape.xhtml_escape", class::HTML | class::XML),
    ("xml.sax.saxutils.escape", class::HTML | class::XML),
    ("escape", class::HTML | class::XML),
    ("escape-html", class::HTML | class::XML),
    ("he.encode", class::HTML),
    ("handlebars.escapeExpression", class::HTML),
    ("handlebars.Utils.escapeExpression", class::HTML),
    // Yahoo's xss-filters: one escaper per HTML context.
    ("xss-filters.inHTMLData", class::HTML),
    ("xss-filters.inHTMLComment", class::HTML),
    ("xss-filters.inSingleQuotedAttr", class::HTML),
    ("xss-filters.inDoubleQuotedAttr", class::HTML),
    ("xss-filters.inUnQuotedAttr", class::HTML),
    // html-entities (v2 functions, v1 encoder classes) and entities.
    ("html-entities.encode", class::HTML | class::XML),
    ("html-entities.escape", class::HTML | class::XML),
    (
        "html-entities.AllHtmlEntities.encode",
        class::HTML | class::XML,
    ),
    (
        "html-entities.Html5Entities.encode",
        class::HTML | class::XML,
    ),
    ("html-entities.XmlEntities.encode", class::HTML | class::XML),
    ("entities.encode", class::HTML | class::XML),
    ("entities.encodeHTML", class::HTML | class::XML),
    ("entities.encodeXML", class::HTML | class::XML),
    ("entities.escape", class::HTML | class::XML),
    ("entities.escapeUTF8", class::HTML | class::XML),
    ("escape-goat.htmlEscape", class::HTML),
    ("escape-goat.escape", class::HTML),
    ("secure-filters.html", class::HTML),
    ("xml-escape", class::XML | class::HTML),
    ("xml-escape.default", class::XML | class::HTML),
    // serialize-javascript escapes `<`, `>`, `/` and line terminators for a `<script>`
    // block (unless told `unsafe: true`, which js/dom-xss reports).
    ("serialize-javascript", class::HTML),
    ("he.escape", class::HTML),
    // Hono's html`...` tagged template escapes what it interpolates.
    ("hono/html.html", class::HTML),
    ("lodash.escape", class::HTML),
    ("_.escape", class::HTML),
    // Per-method modules: `require("lodash/escape")`, `lodash-es`, `underscore`.
    ("lodash/escape", class::HTML),
    ("lodash-es/escape", class::HTML),
    ("lodash-es.escape", class::HTML),
    ("underscore.escape", class::HTML),
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
    // commons-lang / commons-text XML escaping turns both quotes into entities, which an
    // XPath string literal keeps as text: no way out of `'...'` or `"..."`.
    (
        "StringEscapeUtils.escapeXml",
        class::HTML | class::XML | class::XPATH,
    ),
    (
        "StringEscapeUtils.escapeXml10",
        class::HTML | class::XML | class::XPATH,
    ),
    (
        "StringEscapeUtils.escapeXml11",
        class::HTML | class::XML | class::XPATH,
    ),
    // Ruby's HTML escapers encode `<` too: no `<%` tag of a template can form.
    ("ERB::Util.html_escape", class::HTML | class::TEMPLATE),
    // Ruby's `A::B.m` resolves as `A.B.m`.
    ("ERB.Util.html_escape", class::HTML | class::TEMPLATE),
    ("ERB.Util.h", class::HTML | class::TEMPLATE),
    ("Rack.Utils.escape_html", class::HTML | class::TEMPLATE),
    ("CGI.escape_html", class::HTML | class::TEMPLATE),
    // Rails tag helpers escape their content.
    ("*.content_tag", class::HTML),
    ("CGI.escapeHTML", class::HTML | class::TEMPLATE),
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
    // The rest of the OWASP Java Encoder's contexts.
    ("Encode.forHtmlContent", class::HTML),
    ("Encode.forHtmlAttribute", class::HTML),
    ("Encode.forHtmlUnquotedAttribute", class::HTML),
    ("Encode.forXml", class::HTML | class::XML),
    ("Encode.forXmlContent", class::HTML | class::XML),
    ("Encode.forXmlAttribute", class::HTML | class::XML),
    ("Encode.forJavaScript", class::HTML),
    ("Encode.forJavaScriptAttribute", class::HTML),
    ("Encode.forJavaScriptBlock", class::HTML),
    (
        "Encode.forUriComponent",
        class::PATH | class::HTML | class::HEADER | class::LOG,
    ),
    // Java string escapers write a line break as the two characters `\n`, and
    // commons-lang's `normalizeSpace` turns every whitespace run into one space: no line
    // is left to end a header or a log entry.
    ("StringEscapeUtils.escapeJava", class::HEADER | class::LOG),
    ("StringEscapeUtils.escapeJson", class::HEADER | class::LOG),
    (
        "StringEscapeUtils.escapeEcmaScript",
        class::HEADER | class::LOG,
    ),
    ("StringUtils.normalizeSpace", class::HEADER | class::LOG),
    ("Encode.forJava", class::HEADER | class::LOG),
    ("HtmlUtils.htmlEscape", class::HTML),
    ("HtmlUtils.htmlEscapeHex", class::HTML),
    ("HtmlUtils.htmlEscapeDecimal", class::HTML),
    ("StringEscapeUtils.escapeHtml3", class::HTML),
    // jsoup's allowlist cleaner: only the tags and attributes of the safelist remain.
    ("Jsoup.clean", class::HTML),
    // PHP: HTML Purifier (`$purifier->purify($html)`), the Laminas / Zend escaper.
    ("*.purify", class::HTML),
    ("*.escapeHtml", class::HTML | class::XML),
    ("*.escapeHtmlAttr", class::HTML | class::XML),
    ("FilenameUtils.getName", class::PATH),
    // Path.getFileName(): the last element only.
    ("*.getFileName", class::PATH),
    ("basename", class::PATH),
    ("File.basename", class::PATH),
    // Ruby's `Pathname#basename` (`Pathname.new(name).basename`): the last element only.
    ("*.basename", class::PATH),
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
    ("lodash/escapeRegExp", class::REGEX),
    ("lodash.escaperegexp", class::REGEX),
    ("lodash-es/escapeRegExp", class::REGEX),
    ("lodash-es.escapeRegExp", class::REGEX),
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
        class::HTML | class::SHELL | class::HEADER | class::LOG | class::PATH | class::URL,
    ),
    // An encoded `:` leaves no scheme (a relative reference, never `javascript:`), and
    // with no `/` or `\\` left no `//host` can be formed either: as a redirect target
    // (whole, or after a leading `/`) it stays on this site.
    (
        "encodeURIComponent",
        class::PATH
            | class::HTML
            | class::HEADER
            | class::LOG
            | class::URL
            | class::REDIRECT
            | class::SCRIPT_URL,
    ),
    // @braintree/sanitize-url: `about:blank` for `javascript:`, `data:` and `vbscript:`
    // URLs (also when hidden by entities, control characters or case).
    ("@braintree/sanitize-url.sanitizeUrl", class::SCRIPT_URL),
    ("mongo-sanitize", class::NOSQL),
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
    ("ldap3.utils.dn.escape_rdn", class::LDAP),
    ("ldap3.utils.conv.escape_bytes", class::LDAP),
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
    // `sql.Literal(value)` is quoted by the driver as a value.
    ("psycopg2.sql.Literal", class::SQL),
    ("psycopg.sql.Literal", class::SQL),
    ("psycopg2.sql.Placeholder", class::SQL),
    ("psycopg.sql.Placeholder", class::SQL),
    ("psycopg2.extensions.quote_ident", class::SQL),
    ("psycopg.pq.Escaping.escape_identifier", class::SQL),
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
    "*.realpathSync",
    "*.absolute",
    "*.cleanpath",
    "*.expand_path",
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

/// Python framework calls that build a redirect response (`redirect(url)`,
/// `HttpResponseRedirect(url)`, `raise HTTPFound(url)`): the open-redirect sinks, and
/// results that are a `Location` header, not the data passed in (no page).
pub(crate) const PY_REDIRECTS: &[&str] = &[
    "flask.redirect",
    "werkzeug.utils.redirect",
    "django.shortcuts.redirect",
    "django.http.HttpResponseRedirect",
    "django.http.HttpResponsePermanentRedirect",
    "starlette.responses.RedirectResponse",
    "fastapi.responses.RedirectResponse",
    "quart.redirect",
    "bottle.redirect",
    "aiohttp.web.HTTPFound",
    "aiohttp.web.HTTPSeeOther",
    "aiohttp.web.HTTPMovedPermanently",
    "aiohttp.web.HTTPTemporaryRedirect",
    "aiohttp.web.HTTPPermanentRedirect",
    "aiohttp.web_exceptions.HTTPFound",
    "aiohttp.web_exceptions.HTTPSeeOther",
    "pyramid.httpexceptions.HTTPFound",
    "pyramid.httpexceptions.HTTPSeeOther",
    "pyramid.httpexceptions.HTTPMovedPermanently",
    "pyramid.httpexceptions.HTTPTemporaryRedirect",
    "pyramid.httpexceptions.HTTPPermanentRedirect",
    "falcon.HTTPFound",
    "falcon.HTTPSeeOther",
    "falcon.HTTPMovedPermanently",
    "falcon.HTTPTemporaryRedirect",
    "falcon.HTTPPermanentRedirect",
    "falcon.redirects.HTTPFound",
    "falcon.redirects.HTTPSeeOther",
    "sanic.redirect",
    "sanic.response.redirect",
    "cherrypy.HTTPRedirect",
    "web.seeother",
    "web.found",
    "web.redirect",
    "web.tempredirect",
    "litestar.response.Redirect",
    "litestar.Redirect",
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
    "sanic.response.file",
    "django.db.models.expressions.RawSQL",
    "django.db.models.RawSQL",
    "flask.jsonify",
    "flask.render_template",
    "flask.send_file",
    "flask.send_from_directory",
    "flask.url_for",
    "flask.abort",
    "flask.make_response",
    "flask.Response",
    "django.shortcuts.render",
    "django.http.HttpResponse",
    "django.http.JsonResponse",
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
    ("OpenSSL.PKey.RSA.new", "OpenSSL.PKey.RSA"),
    ("OpenSSL.PKey.RSA.generate", "OpenSSL.PKey.RSA"),
    ("OpenSSL.PKey.generate_key", "OpenSSL.PKey.PKey"),
    ("OpenSSL.PKey.read", "OpenSSL.PKey.PKey"),
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
    ("urllib3.poolmanager.PoolManager", "urllib3.PoolManager"),
    ("urllib3.ProxyManager", "urllib3.PoolManager"),
    ("urllib3.poolmanager.ProxyManager", "urllib3.PoolManager"),
    ("urllib3.proxy_from_url", "urllib3.PoolManager"),
    ("urllib3.HTTPConnectionPool", "urllib3.HTTPConnectionPool"),
    ("urllib3.HTTPSConnectionPool", "urllib3.HTTPConnectionPool"),
    (
        "urllib3.connectionpool.HTTPConnectionPool",
        "urllib3.HTTPConnectionPool",
    ),
    (
        "urllib3.connectionpool.HTTPSConnectionPool",
        "urllib3.HTTPConnectionPool",
    ),
    ("urllib3.connection_from_url", "urllib3.HTTPConnectionPool"),
    (
        "urllib3.connectionpool.connection_from_url",
        "urllib3.HTTPConnectionPool",
    ),
    (
        "urllib3.PoolManager.connection_from_url",
        "urllib3.HTTPConnectionPool",
    ),
    (
        "urllib3.PoolManager.connection_from_host",
        "urllib3.HTTPConnectionPool",
    ),
    (
        "urllib3.connection.HTTPConnection",
        "urllib3.connection.HTTPConnection",
    ),
    (
        "urllib3.connection.HTTPSConnection",
        "urllib3.connection.HTTPConnection",
    ),
    ("http.client.HTTPConnection", "http.client.HTTPConnection"),
    ("http.client.HTTPSConnection", "http.client.HTTPConnection"),
    ("httplib.HTTPConnection", "http.client.HTTPConnection"),
    ("httplib.HTTPSConnection", "http.client.HTTPConnection"),
    ("httplib2.Http", "httplib2.Http"),
    (
        "urllib.request.build_opener",
        "urllib.request.OpenerDirector",
    ),
    (
        "urllib.request.OpenerDirector",
        "urllib.request.OpenerDirector",
    ),
    ("socket.socket", "socket.socket"),
    ("pycurl.Curl", "pycurl.Curl"),
    ("ftplib.FTP", "ftplib.FTP"),
    ("ftplib.FTP_TLS", "ftplib.FTP"),
    ("smtplib.SMTP", "smtplib.SMTP"),
    ("smtplib.SMTP_SSL", "smtplib.SMTP"),
    (
        "tornado.httpclient.HTTPClient",
        "tornado.httpclient.HTTPClient",
    ),
    (
        "tornado.httpclient.AsyncHTTPClient",
        "tornado.httpclient.HTTPClient",
    ),
    ("ssl.create_default_context", "ssl.SSLContext"),
    ("ssl.SSLContext", "ssl.SSLContext"),
    ("sqlite3.connect", "sqlite3.Connection"),
    ("pandas.DataFrame", "pandas.DataFrame"),
    ("pandas.read_csv", "pandas.DataFrame"),
    ("pandas.read_json", "pandas.DataFrame"),
    ("pandas.read_excel", "pandas.DataFrame"),
    ("pandas.read_parquet", "pandas.DataFrame"),
    ("pandas.read_table", "pandas.DataFrame"),
    ("ldap3.Connection", "ldap3.Connection"),
    (
        "flask_restful.reqparse.RequestParser",
        "flask_restful.reqparse.RequestParser",
    ),
    (
        "flask_restx.reqparse.RequestParser",
        "flask_restful.reqparse.RequestParser",
    ),
    ("pg8000.native.Connection", "pg8000.native.Connection"),
    ("records.Database", "records.Database"),
    // Django's file storage: `save(name, content)` keeps the name inside its folder.
    (
        "django.core.files.storage.FileSystemStorage",
        "django.core.files.storage.FileSystemStorage",
    ),
    ("redis.Redis", "redis.Redis"),
    ("redis.StrictRedis", "redis.Redis"),
    ("redis.from_url", "redis.Redis"),
    ("redis.Redis.from_url", "redis.Redis"),
    ("redis.asyncio.Redis", "redis.Redis"),
    ("redis.asyncio.from_url", "redis.Redis"),
    ("dataset.connect", "dataset.Database"),
    ("dataset.Database", "dataset.Database"),
    ("pony.orm.Database", "pony.orm.Database"),
    ("pg8000.Connection", "pg8000.Connection"),
    ("pg8000.connect", "pg8000.Connection"),
    ("pg8000.dbapi.connect", "pg8000.Connection"),
    ("sqlite3.Connection.cursor", "sqlite3.Cursor"),
    (
        "jinja2.sandbox.SandboxedEnvironment",
        "jinja2.sandbox.SandboxedEnvironment",
    ),
    (
        "jinja2.sandbox.ImmutableSandboxedEnvironment",
        "jinja2.sandbox.ImmutableSandboxedEnvironment",
    ),
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
    // `crypto.createSign(alg)`: its `sign(key)` takes the private key.
    ("crypto.createSign", "crypto.Sign"),
    ("node:crypto.createSign", "node:crypto.Sign"),
    ("shescape.Shescape", "shescape.Shescape"),
    ("aws-sdk.DynamoDB", "aws-sdk.DynamoDB"),
    (
        "aws-sdk.DynamoDB.DocumentClient",
        "aws-sdk.DynamoDB.DocumentClient",
    ),
    (
        "html-entities.AllHtmlEntities",
        "html-entities.AllHtmlEntities",
    ),
    ("html-entities.Html5Entities", "html-entities.Html5Entities"),
    ("html-entities.XmlEntities", "html-entities.XmlEntities"),
    // Template engines' environments: `new Liquid().parseAndRender(src)`.
    ("liquidjs.Liquid", "liquidjs.Liquid"),
    ("nunjucks.Environment", "nunjucks.Environment"),
    // Go: `template.New(name)` and its methods that return the template.
    ("html/template.New", "html/template.Template"),
    ("text/template.New", "text/template.Template"),
    ("html/template.Template.New", "html/template.Template"),
    ("text/template.Template.New", "text/template.Template"),
    ("html/template.Template.Funcs", "html/template.Template"),
    ("text/template.Template.Funcs", "text/template.Template"),
    // PHP's `new DOMXPath($doc)`: its query() and evaluate() take XPath, not SQL.
    ("DOMXPath", "DOMXPath"),
];

/// Ruby: `name` on `class` (a dotted constant path, `User`, `Admin.Post`) is an
/// ActiveRecord query returning records (`first`, `all`, `find`, `where`, `find_by_*`).
pub(crate) fn record_query(class: &str, name: &str) -> bool {
    class
        .rsplit('.')
        .next()
        .is_some_and(|c| c.starts_with(|ch: char| ch.is_ascii_uppercase()))
        && class != "ENV"
        && record_method(name)
}

/// The ActiveRecord query methods that return records.
pub fn record_method(name: &str) -> bool {
    (matches!(
        name,
        "find"
            | "first"
            | "first!"
            | "last"
            | "last!"
            | "take"
            | "take!"
            | "all"
            | "where"
            | "find_each"
            | "find_by_sql"
            | "order"
            | "reorder"
            | "limit"
            | "offset"
            | "includes"
            | "preload"
            | "eager_load"
            | "joins"
            | "not"
    ) || name.starts_with("find_by"))
}

/// Methods that add their arguments into the receiver.
/// Is this call one of the sanitizers of [`SANITIZERS`] by its resolved path (so its
/// name, `EscapeString`, says nothing more)?
pub(crate) fn is_known_sanitizer(
    fam: Family,
    path: Option<&str>,
    name: &str,
    recv: Option<&Val>,
) -> bool {
    sanitizer_entry(fam, path, name, recv).is_some()
}

/// The sink classes of the [`SANITIZERS`] entry this call matches: `*.name` by method name
/// on a receiver, any other entry by the call's resolved path. Java imports resolve to the
/// full name, so `org.springframework.web.util.HtmlUtils.htmlEscape` is the table's
/// `HtmlUtils.htmlEscape` (a dotted entry matches a path ending in `.` + entry). The one
/// lookup both the value model and [`is_known_sanitizer`] use, so they never disagree.
fn sanitizer_entry(fam: Family, path: Option<&str>, name: &str, recv: Option<&Val>) -> Option<u32> {
    SANITIZERS
        .iter()
        .find(|(p, _)| match p.strip_prefix("*.") {
            Some(m) => m == name && recv.is_some(),
            None => path.is_some_and(|q| {
                q == *p
                    || fam == Family::Java
                        && p.contains('.')
                        && q.strip_suffix(*p).is_some_and(|pre| pre.ends_with('.'))
            }),
        })
        .map(|(_, bits)| *bits)
}

/// The sink classes a sanitizer method of [`SANITIZERS`] (`x.shellescape`) makes its
/// receiver safe for.
pub(crate) fn method_sanitizer(name: &str) -> Option<u32> {
    SANITIZERS
        .iter()
        .find(|(p, _)| p.strip_prefix("*.") == Some(name))
        .map(|(_, bits)| *bits)
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
            // the rest of gin's binders
            | "BindXML"
            | "BindYAML"
            | "BindHeader"
            | "BindWith"
            | "MustBindWith"
            | "ShouldBindXML"
            | "ShouldBindYAML"
            | "ShouldBindHeader"
            | "ShouldBindWith"
            | "ShouldBindBodyWith"
            // fiber's other parsers
            | "ParamsParser"
            | "ReqHeaderParser"
            | "CookieParser"
            // iris
            | "ReadJSON"
            | "ReadForm"
            | "ReadQuery"
            | "ReadBody"
            | "ReadParams"
            | "ReadHeaders"
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
            // Java object and data streams.
            | "writeObject"
            | "writeUTF"
            | "writeBytes"
            | "writeChars"
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

/// What removing every character outside a class (`[^A-Za-z0-9_-]+` replaced by `""`
/// or `-`) makes the text safe for: all sinks when only word characters and `-` stay;
/// all but paths when `.` stays too (`..` is still possible); nothing otherwise.
fn kept_class_safety(pattern: &str, repl: &str) -> Option<u32> {
    let body = pattern
        .strip_prefix("[^")?
        .strip_suffix(']')
        .or_else(|| pattern[2..].strip_suffix("]+"))
        .or_else(|| pattern[2..].strip_suffix("]*"))?;
    let mut kept: Vec<char> = Vec::new();
    let cs: Vec<char> = body.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        match cs[i] {
            '\\' => {
                match cs.get(i + 1)? {
                    'w' => kept.extend(['a', 'A', '0', '_']),
                    'd' => kept.push('0'),
                    c if !c.is_ascii_alphanumeric() => kept.push(*c),
                    _ => return None,
                }
                i += 2;
            }
            ']' | '[' => return None,
            a if cs.get(i + 1) == Some(&'-') && i + 2 < cs.len() => {
                let b = cs[i + 2];
                let ok = a.is_ascii_lowercase() && b.is_ascii_lowercase()
                    || a.is_ascii_uppercase() && b.is_ascii_uppercase()
                    || a.is_ascii_digit() && b.is_ascii_digit();
                if !ok || a > b {
                    return None;
                }
                kept.push(a);
                i += 3;
            }
            c => {
                kept.push(c);
                i += 1;
            }
        }
    }
    kept.extend(repl.chars());
    let word = |c: &char| c.is_ascii_alphanumeric() || *c == '_' || *c == '-';
    if kept.iter().all(word) {
        Some(class::ALL)
    } else if kept.iter().all(|c| word(c) || *c == '.') {
        Some(class::ALL & !class::PATH)
    } else {
        None
    }
}

/// A table of callee patterns (`*.method`, `module.*`, exact paths) as sets, built once
/// per process: the engine asks at every call, and a walk through a table of a hundred
/// patterns per call was a measurable part of the gate's budget.
struct PathTable {
    /// `*.name`: any callee with this last name.
    names: HashSet<&'static str, foldhash::fast::FixedState>,
    /// `prefix.*`: any path under `prefix`.
    prefixes: HashSet<&'static str, foldhash::fast::FixedState>,
    exact: HashSet<&'static str, foldhash::fast::FixedState>,
}

impl PathTable {
    fn new(table: &[&'static str]) -> PathTable {
        let mut t = PathTable {
            names: HashSet::default(),
            prefixes: HashSet::default(),
            exact: HashSet::default(),
        };
        for p in table {
            if let Some(m) = p.strip_prefix("*.") {
                t.names.insert(m);
            } else if let Some(prefix) = p.strip_suffix(".*") {
                t.prefixes.insert(prefix);
            } else {
                t.exact.insert(p);
            }
        }
        t
    }

    /// What `crate::check::path_matches` tells for some pattern of the table.
    fn matches(&self, path: Option<&str>, name: &str) -> bool {
        self.names.contains(name)
            || path.is_some_and(|q| {
                self.exact.contains(q)
                    || (!self.prefixes.is_empty()
                        && q.match_indices('.')
                            .any(|(i, _)| self.prefixes.contains(&q[..i])))
            })
    }
}

static CLEAN_TABLE: LazyLock<PathTable> = LazyLock::new(|| PathTable::new(CLEAN_PATHS));
static NORMALIZER_TABLE: LazyLock<PathTable> = LazyLock::new(|| PathTable::new(NORMALIZERS));

/// `Class.method` of a fully qualified Java path (`java.util.UUID.fromString` ->
/// `UUID.fromString`): the tables name Java classes without their package.
fn java_short_path(path: Option<&str>) -> Option<&str> {
    let p = path?;
    let (pkg_and_class, _) = p.rsplit_once('.')?;
    let class_start = pkg_and_class.rfind('.')? + 1;
    Some(&p[class_start..])
}

/// Java collections and buffers whose one-number constructor is an initial capacity.
pub(crate) const JAVA_SIZED: &[&str] = &[
    "HashMap",
    "HashSet",
    "ArrayList",
    "LinkedHashMap",
    "LinkedHashSet",
    "Hashtable",
    "Vector",
    "ArrayDeque",
    "PriorityQueue",
    "ConcurrentHashMap",
    "WeakHashMap",
    "IdentityHashMap",
    "StringBuilder",
    "StringBuffer",
    "ByteArrayOutputStream",
    "CharArrayWriter",
];

/// `Integer.parseInt`, `Long.valueOf` and the other JDK parsers of whole numbers.
fn java_number_parse(path: Option<&str>) -> bool {
    let short = java_short_path(path).or(path);
    matches!(
        short,
        Some(
            "Integer.parseInt"
                | "Integer.valueOf"
                | "Integer.decode"
                | "Integer.parseUnsignedInt"
                | "Long.parseLong"
                | "Long.valueOf"
                | "Long.decode"
                | "Long.parseUnsignedLong"
                | "Short.parseShort"
                | "Short.valueOf"
        )
    )
}

fn all_args_taint(args: &[Val]) -> Taint {
    args.iter()
        .fold(None, |t, a| join_taint(&t, &a.all_taint()))
}

/// What an escaper or encoder works on: its arguments (`escape(x)`), or its receiver when
/// it takes none (`x.escape()`, `x.html_safe`).
pub(crate) fn escaped_input(recv: Option<&Val>, args: &[Val]) -> Taint {
    if args.is_empty() {
        recv.map(|r| r.all_taint()).unwrap_or_default()
    } else {
        all_args_taint(args)
    }
}

impl<'m> Engine<'m> {
    /// The number parsed from `args`, when they carry request or network input (or, under
    /// the `local` threat model, local or command-line input): one
    /// [`SourceKind::Count`] label on the input's path.
    fn parsed_count(&self, args: &[Val], span: Span) -> Option<Val> {
        let taint = all_args_taint(args);
        let l = taint.iter().flat_map(|ls| ls.iter()).find(|l| {
            matches!(
                l.origin,
                Origin::Source(
                    SourceKind::Request
                        | SourceKind::Network
                        | SourceKind::Dom
                        | SourceKind::Local(_)
                )
            ) || self.rules.local && l.origin == Origin::Source(SourceKind::Cli)
        })?;
        Some(Val::tainted(Some(Arc::new(vec![Label {
            origin: Origin::Source(SourceKind::Count),
            neutral: 0,
            trace: self.hop(span, "parsed as a number".into(), l.trace.clone()),
            strong: l.strong,
        }]))))
    }

    pub(crate) fn io_source(&self, kind: SourceKind, span: Span, what: &str) -> Val {
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
        // Request data read through a framework function: Flask-RESTful / RESTX
        // `parser.parse_args()`, web.py's `web.input()` (query and form fields) and
        // `web.data()` (the body).
        if fam == Family::Python
            && let Some(
                what @ ("flask_restful.reqparse.RequestParser.parse_args"
                | "web.input"
                | "web.data"),
            ) = path
        {
            let note = if what == "web.data" {
                "request body"
            } else {
                "request arguments"
            };
            return Some(self.source_label(SourceKind::Request, true, span, note));
        }
        // `os.environ.get("AUDIT_TABLE", "audit")`, `os.getenv("X")`: the deployment's
        // configuration, except the request a CGI server passes in the environment.
        if fam == Family::Python
            && matches!(path, Some("os.getenv" | "os.environ.get"))
            && let Some(v) = self.environment_value(args.first(), span)
        {
            return Some(v);
        }
        // `pd.read_sql(sql, conn, params=(x,))`: rows read from the database, not the
        // values bound into the query.
        if fam == Family::Python
            && matches!(
                path,
                Some("pandas.read_sql" | "pandas.read_sql_query" | "pandas.read_sql_table")
            )
        {
            return Some(Val::unknown());
        }
        // ActiveRecord queries on a model class (`Post.find(id)`, `Comment.where(...)`,
        // `User.find_by_email(e)`): records whose fields hold what earlier requests stored.
        // (Before the method-name tables: Ruby's `find` is not Python's `str.find`.)
        // A query on such records (`Post.all.where(user: params[:u]).order(...)`) gives
        // records again.
        if fam == Family::Ruby
            && let Some(r) = recv
            && (matches!(&r.shape, Shape::Ref(class) if record_query(class, name))
                || record_method(name)
                    && r.all_taint().is_some_and(|t| {
                        t.iter()
                            .any(|l| l.origin == Origin::Source(SourceKind::Stored))
                    }))
        {
            // (Records looked up by a request id are stored data, not the request.)
            return Some(self.io_source(SourceKind::Stored, span, "a database record"));
        }
        // Symfony's InputBag readers that convert or strip (`$request->query->getInt('id')`,
        // `getDigits`, `getAlpha`, `getAlnum`, `getBoolean`), and what the server derives
        // for an uploaded file: no text of the request's choosing.
        if fam == Family::Php
            && recv.is_some()
            && matches!(
                name,
                "getInt"
                    | "getDigits"
                    | "getAlpha"
                    | "getAlnum"
                    | "getBoolean"
                    // an uploaded file's names and facts the server derives: a random
                    // name, the extension and type guessed from the content, the size
                    | "hashName"
                    | "guessExtension"
                    | "extension"
                    | "getSize"
            )
        {
            return Some(Val::trusted());
        }
        // WordPress's `$wpdb->prepare("... %s ...", $x)`: the values quoted and escaped into
        // a constant statement.
        if fam == Family::Php
            && name == "prepare"
            && recv.is_some()
            && args.len() >= 2
            && args[0].is_const()
        {
            return Some(Val::trusted());
        }
        // Laravel's `$request->validate(['id' => 'required|integer', 'q' => 'string'])`:
        // the validated fields, each clean when its rules only admit numbers, booleans,
        // UUIDs, dates, plain letters and digits or a fixed set of values.
        if fam == Family::Php
            && name == "validate"
            && recv.is_some_and(|r| matches!(r.shape, Shape::Obj(ObjKind::Request(_))))
            && let Some(rules) = call.arg(0)
            && let crate::ir::ExprKind::Dict(items) = &rules.kind
        {
            let strict = |r: &str| {
                r.split('|').any(|part| {
                    let part = part.trim();
                    matches!(
                        part,
                        "integer"
                            | "numeric"
                            | "boolean"
                            | "bool"
                            | "uuid"
                            | "ulid"
                            | "date"
                            | "alpha"
                            | "alpha_num"
                            | "alpha_dash"
                            | "digits"
                    ) || part.starts_with("in:")
                        || part.starts_with("digits:")
                        || part.starts_with("date_format:")
                })
            };
            let mut fields: Vec<(Arc<str>, Val)> = Vec::new();
            for (k, v) in items {
                let crate::ir::DictKey::Const(key) = k else {
                    continue;
                };
                let clean = match &v.kind {
                    crate::ir::ExprKind::Str(r) => strict(r),
                    crate::ir::ExprKind::List(parts) => parts
                        .iter()
                        .any(|p| matches!(&p.kind, crate::ir::ExprKind::Str(r) if strict(r))),
                    _ => false,
                };
                let val = if clean {
                    Val::trusted()
                } else {
                    self.source_label(SourceKind::Request, true, span, "validated request data")
                };
                fields.push((Arc::from(key.as_str()), val));
            }
            return Some(Val {
                shape: Shape::Map(Arc::new(fields)),
                ..Val::default()
            });
        }
        // Laravel's typed readers (`$request->integer('id')`): converted values.
        if fam == Family::Php
            && recv.is_some_and(|r| matches!(r.shape, Shape::Obj(ObjKind::Request(_))))
            && matches!(name, "integer" | "boolean" | "float" | "date" | "enum")
        {
            return Some(Val::trusted());
        }
        // `len("abc")`, `len(["a", "b"])`: a number the program chose (so a condition on
        // it folds).
        if fam == Family::Python && path == Some("len") && args.len() == 1 {
            let a = &args[0];
            if let Some(text) = a.const_str().filter(|_| a.is_const()) {
                return Some(Val::constant(super::value::Const::Num(
                    text.chars().count() as f64,
                )));
            }
        }
        // Built-ins that rearrange what they are given: of values the program chose,
        // values the program chose.
        if fam == Family::Python
            && matches!(
                path,
                Some("zip" | "enumerate" | "sorted" | "reversed" | "range" | "min" | "max")
            )
            && !args.is_empty()
            && args.iter().all(Val::is_trusted)
        {
            return Some(Val::trusted());
        }
        // `dict(cmd="ls", host=x)` / `SimpleNamespace(...)`: an object field by field.
        if fam == Family::Python
            && matches!(
                path,
                Some("dict" | "types.SimpleNamespace" | "argparse.Namespace")
            )
            && !call.args.is_empty()
            && call.args.iter().all(|a| a.name.is_some() && !a.spread)
        {
            let mut out = Val::default();
            for (a, v) in call.args.iter().zip(args) {
                out = out.with_field(a.name.as_deref().unwrap_or(""), v.clone());
            }
            return Some(out);
        }
        // `string.Template(t).substitute(name=x)`: text built from the template and the
        // values.
        if fam == Family::Python
            && matches!(name, "substitute" | "safe_substitute")
            && let Some(r) = recv
        {
            let mut t = r.all_taint();
            for a in args {
                t = join_taint(&t, &a.all_taint());
            }
            return Some(Val {
                trusted: t.is_none() && args.iter().all(Val::is_trusted),
                taint: t,
                built: true,
                ..Val::default()
            });
        }
        // `re.sub(r"[^a-z0-9_-]", "", x)`: only the characters the class keeps remain.
        if fam == Family::Python
            && path == Some("re.sub")
            && args.len() >= 3
            && let (Some(pat), Some(repl)) = (args[0].const_str(), args[1].const_str())
            && let Some(bits) = kept_class_safety(pat, repl)
        {
            if bits == class::ALL {
                return Some(Val::trusted());
            }
            return Some(Val {
                taint: neutralize(&args[2].all_taint(), bits),
                ..Val::default()
            });
        }
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
        // Go: a struct literal of a type of this package (`Cfg{Host: h, Port: p}`): its
        // fields by name, each with its own data.
        if fam == Family::Go
            && call.is_new
            && recv.is_none()
            && path.is_some_and(|p| !p.contains('.') && !p.contains('/'))
            && let [fields] = args
            && matches!(fields.shape, Shape::Map(_))
        {
            return Some(fields.clone());
        }
        // Go: `[]byte("k")` / `[]rune("k")` of a constant is that constant (a conversion,
        // not a computation).
        if fam == Family::Go
            && recv.is_none()
            && args.len() == 1
            && args[0].is_const()
            && matches!(&call.callee.kind, ExprKind::Other(items)
                if matches!(items.as_slice(), [t] if matches!(t.as_name(), Some("byte" | "rune"))))
        {
            return Some(args[0].clone());
        }
        // Reading input.
        match path {
            Some("input" | "raw_input") if fam == Family::Python => {
                return Some(self.io_source(SourceKind::Cli, span, "user input"));
            }
            Some("prompt") if fam == Family::Js => {
                return Some(self.io_source(SourceKind::Dom, span, "user input"));
            }
            // React hooks that read the page address: Next.js `useSearchParams()` /
            // `useParams()`, React Router's `useSearchParams()` (`[params, setParams]`),
            // `useParams()` and `useLocation()`.
            Some(
                "next/navigation.useSearchParams"
                | "next/navigation.useParams"
                | "react-router-dom.useSearchParams"
                | "react-router-dom.useParams"
                | "react-router-dom.useLocation"
                | "react-router.useSearchParams"
                | "react-router.useParams"
                | "react-router.useLocation"
                // Vue Router's composition API: the current route
                | "vue-router.useRoute",
            ) if fam == Family::Js => {
                return Some(self.io_source(SourceKind::Dom, span, "page address"));
            }
            // Next.js pages router: `useRouter().query` and `.asPath` come from the address.
            Some("next/router.useRouter") if fam == Family::Js => {
                let addr = self.io_source(SourceKind::Dom, span, "page address");
                return Some(
                    Val::default()
                        .with_field("query", addr.clone())
                        .with_field("asPath", addr),
                );
            }
            // What a file holds, not the path it was read from.
            Some(p) if fam == Family::Js && file_reader(p) => {
                return Some(Val::unknown());
            }
            // Go: a file's contents, a directory listing, a command's output: data of
            // unknown origin, not the text of the path or arguments that named them.
            Some(
                "os.ReadFile"
                | "io/ioutil.ReadFile"
                | "os.Open"
                | "os.OpenFile"
                | "os.ReadDir"
                | "io/ioutil.ReadDir"
                | "os/exec.Command"
                | "os/exec.CommandContext",
            ) if fam == Family::Go => {
                return Some(Val::unknown());
            }
            // Go's `json.Marshal`: `<`, `>` and `&` become `\u003c`..., control characters
            // `\n`...: the text can no longer open a tag or start a log line or header.
            Some("encoding/json.Marshal" | "encoding/json.MarshalIndent") if fam == Family::Go => {
                return Some(Val {
                    taint: neutralize(
                        &all_args_taint(args),
                        class::HTML | class::LOG | class::HEADER,
                    ),
                    ..Val::default()
                });
            }
            // Go archives: a zip reader's `File` list holds entries (`ref_value`), a tar
            // reader's `Next()` gives an entry's header.
            Some("archive/zip.OpenReader" | "archive/zip.NewReader") if fam == Family::Go => {
                return Some(Val::reference("archive/zip.Reader"));
            }
            Some("archive/tar.NewReader") if fam == Family::Go => {
                return Some(Val::reference("archive/tar.Reader"));
            }
            Some("archive/tar.Reader.Next") if fam == Family::Go => {
                return Some(self.archive_entry(span));
            }
            // `make([]string, len(ids))`: zero values; `strings.Repeat("?,", n)`: copies of
            // a constant (IN-list placeholders), whatever the count.
            Some("make") if fam == Family::Go => return Some(Val::trusted()),
            // Go's string functions compute their result from their arguments alone:
            // values the program chose in, a value the program chose out.
            Some(p)
                if fam == Family::Go
                    && (p.starts_with("strings.") || p.starts_with("fmt.Sprint"))
                    && !args.is_empty()
                    && args.iter().all(Val::is_trusted) =>
            {
                return Some(Val::trusted());
            }
            Some("strings.Repeat")
                if fam == Family::Go && args.first().is_some_and(Val::is_const) =>
            {
                return Some(Val::trusted());
            }
            // Go routers' path variables: gorilla `mux.Vars(r)`, chi `chi.URLParam(r, "id")`.
            Some(p)
                if fam == Family::Go
                    && (p == "github.com/gorilla/mux.Vars"
                        || (p.starts_with("github.com/go-chi/chi")
                            && (p.ends_with(".URLParam") || p.ends_with(".URLParamFromCtx")))) =>
            {
                return Some(self.source_label(SourceKind::Request, true, span, "path variable"));
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
        // What is read off a client's connection (a socketserver handler's
        // `self.request`, a socket `accept()` returned) is the client's.
        if fam == Family::Python
            && matches!(
                name,
                "recv"
                    | "recvfrom"
                    | "makefile"
                    | "read"
                    | "readline"
                    | "readexactly"
                    | "readuntil"
            )
            && let Some(t) = recv.and_then(|r| r.all_taint())
            && t.iter()
                .any(|l| matches!(l.origin, Origin::Source(SourceKind::Network)))
        {
            return Some(Val::tainted(Some(t)));
        }
        // `conn, addr = server.accept()`: a connection a client opened to this program.
        if fam == Family::Python
            && name == "accept"
            && call.args.is_empty()
            && recv.is_some_and(|r| r.all_taint().is_none())
            && self.imports_prefix("socket")
        {
            let conn = self.io_source(SourceKind::Network, span, "a client connection");
            return Some(Val {
                shape: Shape::Seq(Arc::new(vec![conn, Val::trusted()])),
                ..Val::default()
            });
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
        // Archive members: `zipIn.getNextEntry()` (also a `JarInputStream`'s, commons-compress
        // `getNextTarEntry`/`getNextZipEntry`) is an entry whose name the archive's author
        // chose; `entry.getName()` can be `../../etc/cron.d/x` (zip slip).
        if fam == Family::Java
            && args.is_empty()
            && recv.is_some()
            && matches!(
                name,
                "getNextEntry" | "getNextJarEntry" | "getNextTarEntry" | "getNextZipEntry"
            )
        {
            return Some(Val {
                shape: Shape::Ref(Arc::from("java.util.zip.ZipEntry")),
                ..Val::default()
            });
        }
        if fam == Family::Java
            && name == "getName"
            && args.is_empty()
            && recv.is_some_and(
                |r| matches!(&r.shape, Shape::Ref(p) if &**p == "java.util.zip.ZipEntry"),
            )
        {
            return Some(self.io_source(SourceKind::Network, span, "an archive member's name"));
        }
        // Java network connections: `new Socket(host, port)`, `serverSocket.accept()`,
        // `url.openConnection()` are the connection (what they were built from kept for
        // the SSRF sinks); what is read from it is data from another machine.
        if fam == Family::Java
            && let Some(p) = path
        {
            let class = p.rsplit('.').next().unwrap_or(p);
            let conn = |cls: &str| Val {
                taint: all_args_taint(args).or_else(|| recv.and_then(|r| r.all_taint())),
                shape: Shape::Ref(Arc::from(cls)),
                ..Val::default()
            };
            if call.is_new
                && matches!(
                    p,
                    "Socket"
                        | "java.net.Socket"
                        | "ServerSocket"
                        | "java.net.ServerSocket"
                        | "URL"
                        | "java.net.URL"
                )
            {
                return Some(conn(&format!("java.net.{class}")));
            }
            match p {
                "java.net.ServerSocket.accept" => return Some(conn("java.net.Socket")),
                "java.net.URL.openConnection" => return Some(conn("java.net.URLConnection")),
                "java.net.Socket.getInputStream"
                | "java.net.URLConnection.getInputStream"
                | "java.net.URL.openStream" => {
                    return Some(self.io_source(
                        SourceKind::Network,
                        span,
                        "data read from the network",
                    ));
                }
                _ => {}
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
        // Python's own generator objects (`random.Random(seed)`,
        // `numpy.random.default_rng()`): their methods are the predictable module
        // functions (`gen.getrandbits(64)` is `random.Random.getrandbits`).
        if fam == Family::Python
            && let Some(class) = match path {
                Some("random.Random") => Some("random.Random"),
                Some("numpy.random.default_rng" | "numpy.random.Generator") => {
                    Some("numpy.random.Generator")
                }
                Some("numpy.random.RandomState") => Some("numpy.random.RandomState"),
                _ => None,
            }
        {
            return Some(Val {
                shape: Shape::Ref(Arc::from(class)),
                ..Val::trusted()
            });
        }
        // Java: a collection or buffer made with an initial capacity from input holds
        // nothing of it (`new ArrayList<>(n)`); the capacity is judged where it is used.
        if fam == Family::Java
            && call.is_new
            && JAVA_SIZED.contains(&name)
            && args.len() == 1
            && args[0].all_taint().is_some_and(|t| {
                t.iter()
                    .all(|l| l.origin == Origin::Source(SourceKind::Count))
            })
        {
            return Some(Val::unknown());
        }
        if CLEAN_TABLE.matches(path, name)
            || fam == Family::Java
                && java_short_path(path).is_some_and(|p| CLEAN_TABLE.matches(Some(p), name))
            || recv.is_some() && CLEAN_METHODS.contains(&name)
        {
            // Java: a number parsed from request or network input still has the size
            // its sender chose (see SourceKind::Count).
            if fam == Family::Java
                && java_number_parse(path)
                && let Some(count) = self.parsed_count(args, span)
            {
                return Some(count);
            }
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
            // A Django `HttpResponse()` that will hold HTML (no other content type): its
            // `write()` / `writelines()` add to the page (the object itself carries no
            // data of its arguments, like the other responses).
            if fam == Family::Python
                && matches!(
                    p,
                    "django.http.HttpResponse" | "django.http.response.HttpResponse"
                )
                && !call.args.iter().any(|a| {
                    a.name.as_deref() == Some("content_type")
                        && a.value.as_str().is_none_or(|t| !t.contains("html"))
                })
            {
                return Some(Val {
                    shape: Shape::Ref(Arc::from("django.http.HttpResponse")),
                    ..Val::unknown()
                });
            }
            if OPAQUE_RESULTS.contains(&p) || PY_REDIRECTS.contains(&p) {
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
        if fam == Family::Php
            && let Some(v) = self.php_call_model(call, span, path, name, recv, args)
        {
            return Some(v);
        }
        // PHP: tests give booleans and lengths; the WordPress `esc_*` and `wp_kses*`
        // helpers, CodeIgniter's `html_escape()` and Laravel's `e()` HTML-escape (or
        // filter) their argument.
        if fam == Family::Php
            && let Some(p) = path
        {
            match p {
                "isset" | "empty" | "is_string" | "is_int" | "is_array" | "in_array" | "strlen"
                | "array_key_exists" => return Some(Val::trusted()),
                "e" | "html_escape" | "esc_html" | "esc_attr" | "esc_textarea" | "esc_url"
                | "esc_js" | "esc_xml" | "wp_kses" | "wp_kses_post" | "wp_kses_data"
                | "sanitize_url" | "esc_url_raw" | "esc_html__" | "esc_attr__" | "esc_html_x"
                | "esc_attr_x" | "twig_escape_filter" => {
                    return Some(Val {
                        taint: neutralize(&all_args_taint(args), class::HTML | class::XML),
                        ..Val::default()
                    });
                }
                _ => {}
            }
        }
        // jQuery's escaping idiom `$("<div>").text(s).html()`: the element's markup is
        // the text, HTML-escaped.
        if fam == Family::Js
            && name == "html"
            && call.args.is_empty()
            && let ExprKind::Attr(b, _) = &call.callee.kind
            && let Some(inner) = b.as_call()
            && inner.args.len() == 1
            && matches!(&inner.callee.kind, ExprKind::Attr(_, m) if m == "text")
        {
            return Some(Val {
                taint: neutralize(&recv.and_then(|r| r.all_taint()), class::HTML),
                ..Val::default()
            });
        }
        // mysql / mysql2 / sqlstring: `connection.escape(x)`, `pool.escape(x)`,
        // `mysql.escapeId(col)` quote a value (an identifier) for SQL, and
        // `format(sql, [values])` fills the `?` placeholders with escaped values: what
        // stays is the template's own taint.
        if fam == Family::Js
            && self
                .module
                .imports
                .iter()
                .any(|i| i.path.starts_with("mysql") || i.path.starts_with("sqlstring"))
        {
            let driver = path.is_some_and(|p| p.starts_with("mysql") || p.starts_with("sqlstring"));
            match name {
                "escape" | "escapeId" if driver || path.is_none() && recv.is_some() => {
                    return Some(Val {
                        taint: neutralize(&all_args_taint(args), class::SQL),
                        ..Val::default()
                    });
                }
                "format"
                    if (driver || path.is_none() && recv.is_some())
                        && args.len() == 2
                        && matches!(args[1].shape, Shape::Seq(_)) =>
                {
                    return Some(Val {
                        taint: join_taint(
                            &args[0].all_taint(),
                            &neutralize(&args[1].all_taint(), class::SQL),
                        ),
                        ..Val::default()
                    });
                }
                _ => {}
            }
        }
        // ActiveRecord quoting: `connection.quote(x)`, `quote_string`, the identifier
        // quoters, and `sanitize_sql(["... ?", x])` / `sanitize_sql_array` (bare in a
        // model, or on a class); Sequel's `Sequel.lit("a = ?", x)` and `DB.literal(x)`
        // (the literal text itself is checked where `lit` is called).
        if fam == Family::Ruby
            && (recv.is_some()
                && matches!(
                    name,
                    "quote" | "quote_string" | "quote_column_name" | "quote_table_name"
                )
                || path == Some("Sequel.lit")
                || recv.is_some() && name == "literal" && args.len() == 1
                || matches!(
                    name,
                    "sanitize_sql"
                        | "sanitize_sql_array"
                        | "sanitize_sql_for_conditions"
                        | "sanitize_sql_for_order"
                ))
        {
            let base = all_args_taint(args);
            if base.is_none() {
                return Some(Val::trusted());
            }
            return Some(Val {
                taint: neutralize(&base, class::SQL),
                ..Val::default()
            });
        }
        // ActiveSupport's `x.presence_in(ALLOWED)`: `x` when the collection holds it, else
        // nil: one of the values the program listed.
        if fam == Family::Ruby
            && name == "presence_in"
            && recv.is_some()
            && let [coll] = args
            && coll.all_taint().is_none()
            && coll.const_str().is_none()
        {
            return Some(Val::trusted());
        }
        // `URI.join("https://api.example.com/", "search?q=#{q}")`: a fixed base joined with
        // relative references whose fixed start already holds a `/`, `?` or `#` (and is no
        // `//host`): the result goes to the base's host.
        if fam == Family::Ruby
            && path == Some("URI.join")
            && let [base, rest @ ..] = args
            && !rest.is_empty()
            && base
                .const_str()
                .is_some_and(|b| b.starts_with("https://") || b.starts_with("http://"))
            && rest.iter().all(|v| {
                v.const_str()
                    .or(v.prefix.as_deref())
                    .is_some_and(|p| !p.starts_with("//") && p.contains(['/', '?', '#']))
            })
        {
            return Some(Val {
                taint: neutralize(&all_args_taint(args), class::URL | class::REDIRECT),
                ..Val::default()
            });
        }
        // Rails route helpers (`user_path(@user)`, `search_path(params: {...})`,
        // `root_url`, also called on the helpers module,
        // `Rails.application.routes.url_helpers.orders_path(...)`): a URL of this
        // application, its parts percent-encoded.
        let on_url_helpers = matches!(&call.callee.kind,
            ExprKind::Attr(b, _) if b.last_name() == Some("url_helpers"));
        if fam == Family::Ruby
            && (recv.is_none() && path.is_some_and(|p| !p.contains('.')) || on_url_helpers)
            && (name.ends_with("_path") || name.ends_with("_url"))
            && name.len() > 5
        {
            let base = all_args_taint(args);
            return Some(Val {
                taint: neutralize(
                    &base,
                    class::URL | class::REDIRECT | class::HTML | class::XML,
                ),
                trusted: base.is_none(),
                ..Val::default()
            });
        }
        // content_tag(name, content, options, escape): attribute values are escaped
        // unless `escape` is false, attribute names never; the content is not in Rails 2
        // (and arrives escaped or marked safe since Rails 3).
        if fam == Family::Ruby && recv.is_none() && path == Some("content_tag") {
            let pos: Vec<&Val> = call
                .args
                .iter()
                .zip(args)
                .filter(|(a, _)| a.name.is_none() && !a.spread)
                .map(|(_, v)| v)
                .collect();
            let mut t = pos.get(1).and_then(|v| v.all_taint());
            if let Some(opts) = pos.get(2) {
                let unescaped = pos.get(3).is_some_and(|e| {
                    matches!(e.as_const(), Some(super::value::Const::Bool(false)))
                });
                // (A hash with a computed key is no Map.)
                if unescaped || !matches!(opts.shape, Shape::Map(_)) {
                    t = join_taint(&t, &opts.all_taint());
                }
            }
            return Some(Val {
                trusted: t.is_none(),
                taint: t,
                ..Val::default()
            });
        }
        // Rails tag and form helpers build their HTML from escaped text
        // (`f.select(:role, choices)`, `text_field`, `label`, `options_for_select`,
        // `link_to` whose URL the XSS rule checks at the call): what
        // they return is safe as HTML whatever went in. (`select` with a block, or
        // without arguments, is Enumerable#select.)
        if fam == Family::Ruby
            && matches!(
                name,
                "select"
                    | "text_field"
                    | "text_area"
                    | "hidden_field"
                    | "password_field"
                    | "email_field"
                    | "number_field"
                    | "check_box"
                    | "radio_button"
                    | "label"
                    | "submit"
                    | "button_to"
                    | "options_for_select"
                    | "options_from_collection_for_select"
                    | "select_tag"
                    | "text_field_tag"
                    | "hidden_field_tag"
                    | "label_tag"
                    | "image_tag"
                    | "tag"
                    | "link_to"
            )
            && !call.args.is_empty()
            && !call
                .args
                .iter()
                .any(|a| matches!(a.value.kind, ExprKind::Func(_)))
        {
            let mut base = all_args_taint(args);
            if let Some(r) = recv {
                base = join_taint(&base, &r.all_taint());
            }
            return Some(Val {
                taint: neutralize(&base, class::HTML),
                ..Val::default()
            });
        }
        // Rails view helpers that escape their argument for HTML: `h`/`html_escape`,
        // `escape_once`, `u`/`url_encode` (percent-encoding), `sanitize` and `strip_tags`
        // (markup removed), `j`/`escape_javascript` and `json_escape`.
        if fam == Family::Ruby
            && recv.is_none()
            && matches!(
                path,
                Some(
                    "h" | "html_escape"
                        | "escape_once"
                        | "u"
                        | "url_encode"
                        | "sanitize"
                        | "strip_tags"
                        | "j"
                        | "escape_javascript"
                        | "json_escape"
                )
            )
        {
            // Percent-encoding also keeps a URL from starting with a scheme. All but the
            // JavaScript escapers encode `<` too: no `<%` tag of a template can form.
            let bits = if matches!(path, Some("u" | "url_encode")) {
                class::HTML | class::XML | class::URL | class::TEMPLATE
            } else if matches!(path, Some("j" | "escape_javascript")) {
                class::HTML | class::XML
            } else {
                class::HTML | class::XML | class::TEMPLATE
            };
            return Some(Val {
                taint: neutralize(&all_args_taint(args), bits),
                ..Val::default()
            });
        }
        // `path.read_text()` / `read_bytes()`: what the file holds, not the name it was
        // opened by (like `open(name).read()`; the open is checked at the call).
        if fam == Family::Python
            && recv.is_some()
            && matches!(name, "read_text" | "read_bytes")
            && call.args.iter().all(|a| a.name.is_some())
        {
            return Some(Val::unknown());
        }
        // `path.open("rb")`: a file handle (what it reads is the file's content), as for
        // the `open(name)` builtin.
        if fam == Family::Python && recv.is_some() && path.is_none() && name == "open" {
            return Some(Val::unknown());
        }
        // `quote(part, safe="")` encodes `/` too: one path segment of a URL, which cannot
        // leave the path it is put in.
        if fam == Family::Python
            && matches!(path, Some("urllib.parse.quote" | "urllib.parse.quote_plus"))
            && call
                .kwarg("safe")
                .or_else(|| call.arg(1))
                .map(|e| self.quiet(e))
                .is_some_and(|v| v.const_str().is_some_and(|s| !s.contains('/')))
        {
            return Some(Val {
                taint: neutralize(
                    &args.first().and_then(|a| a.all_taint()),
                    class::HTML | class::SHELL | class::HEADER | class::LOG | class::URL,
                ),
                ..Val::default()
            });
        }
        // Werkzeug's / Django's safe_join: the joined path stays under the base (or the
        // call fails).
        if matches!(
            path,
            Some(
                "werkzeug.utils.safe_join"
                    | "werkzeug.security.safe_join"
                    | "flask.safe_join"
                    | "flask.helpers.safe_join"
                    | "django.utils._os.safe_join"
            )
        ) {
            return Some(Val {
                taint: neutralize(&all_args_taint(args), class::PATH),
                ..Val::default()
            });
        }
        // Flask's render_template_string with a template the program wrote: Jinja
        // autoescapes what it inserts, unless the template turns that off.
        if matches!(
            path,
            Some("flask.render_template_string" | "quart.render_template_string")
        ) && args.first().is_some_and(|t| {
            t.const_str()
                .is_some_and(|text| !text.contains("safe") && !text.contains("autoescape false"))
        }) {
            return Some(Val {
                taint: neutralize(&all_args_taint(args), class::HTML),
                ..Val::default()
            });
        }
        // `Markup("<b>{}</b>").format(x)` escapes what it inserts.
        if fam == Family::Python
            && name == "format"
            && let ExprKind::Attr(b, _) = &call.callee.kind
            && let Some(inner) = b.as_call()
            && matches!(
                &self.quiet(&inner.callee).shape,
                Shape::Ref(p) if matches!(&**p, "markupsafe.Markup" | "flask.Markup" | "jinja2.Markup")
            )
            && inner.args.iter().all(|a| self.quiet(&a.value).is_const())
        {
            return Some(Val {
                taint: neutralize(&all_args_taint(args), class::HTML),
                ..Val::default()
            });
        }
        // `new File(name).getName()`: the last element of the path only.
        if fam == Family::Java
            && name == "getName"
            && args.is_empty()
            && let ExprKind::Attr(b, _) = &call.callee.kind
            && let Some(inner) = b.as_call()
            && inner.is_new
            && inner.callee.last_name() == Some("File")
        {
            return Some(Val {
                taint: neutralize(
                    &recv.map(|r| r.all_taint()).unwrap_or_default(),
                    class::PATH,
                ),
                ..Val::default()
            });
        }
        // Rails' `ActiveStorage::Filename.new(name).sanitized`: the name with path
        // separators and control characters replaced, a file name and no path.
        if fam == Family::Ruby
            && name == "sanitized"
            && args.is_empty()
            && let ExprKind::Attr(b, _) = &call.callee.kind
            && let Some(inner) = b.as_call()
            && let ExprKind::Attr(cls, m) = &inner.callee.kind
            && m == "new"
            && cls.last_name() == Some("Filename")
        {
            return Some(Val {
                taint: neutralize(
                    &recv.map(|r| r.all_taint()).unwrap_or_default(),
                    class::PATH,
                ),
                ..Val::default()
            });
        }
        // `Paths.get(name).getFileName()` / `Path.of(name).getFileName()`: the last
        // element of the path only (no separators, so no `..` hop out of a base folder).
        if fam == Family::Java
            && name == "getFileName"
            && args.is_empty()
            && let ExprKind::Attr(b, _) = &call.callee.kind
            && let Some(inner) = b.as_call()
            && !inner.is_new
            && let ExprKind::Attr(cls, m) = &inner.callee.kind
            && matches!(m.as_str(), "get" | "of")
            && matches!(cls.last_name(), Some("Paths" | "Path"))
        {
            return Some(Val {
                taint: neutralize(
                    &recv.map(|r| r.all_taint()).unwrap_or_default(),
                    class::PATH,
                ),
                ..Val::default()
            });
        }
        if fam == Family::Java
            && let Some(bits) = super::java_encoders::encoded_classes(call, name)
        {
            let base = escaped_input(recv, args);
            return Some(Val {
                taint: neutralize(&base, bits),
                ..Val::default()
            });
        }
        if let Some(bits) = sanitizer_entry(fam, path, name, recv) {
            let base = escaped_input(recv, args);
            // Ruby: an escaped value of unknown origin is not a part of unknown
            // origin any more (`system "echo #{Shellwords.escape(name)}"`).
            if fam == Family::Ruby && base.is_none() {
                return Some(Val::trusted());
            }
            // Escaping a value the program chose gives a value the program chose.
            let trusted = if args.is_empty() {
                recv.is_some_and(Val::is_trusted)
            } else {
                args.iter().all(Val::is_trusted)
            };
            // A value of unknown origin remembers what it was made safe for
            // (`el.innerHTML = DOMPurify.sanitize(marked.parse(text))`).
            let built_safe = if base.is_none() && !trusted { bits } else { 0 };
            return Some(Val {
                taint: neutralize(&base, bits),
                trusted,
                built_safe,
                ..Val::default()
            });
        }
        if let Some(bits) = escaper_by_name(name) {
            let base = escaped_input(recv, args);
            return Some(Val {
                taint: neutralize(&base, bits),
                ..Val::default()
            });
        }
        // `urljoin(BASE, "?q=" + q)`, `new URL("/v1/" + p, BASE)`, `url.resolve(BASE, p)`:
        // a reference resolved against a base keeps the base's host when the reference's
        // written start makes it relative (a query, a path under a step); one that could
        // be absolute (`urljoin(BASE, p)`) names its own host.
        let joined = match path {
            Some(
                "urllib.parse.urljoin"
                | "urlparse.urljoin"
                | "requests.compat.urljoin"
                | "url.resolve"
                | "node:url.resolve",
            ) => args.first().zip(args.get(1)),
            Some("URL") if fam == Family::Js && call.is_new => args.get(1).zip(args.first()),
            _ => None,
        };
        if let Some((base, rel)) = joined
            && !rel.is_const()
        {
            let written = base.const_str().filter(|_| base.is_const());
            let start = rel.prefix.as_deref().unwrap_or("");
            let resolved = written.and_then(|b| super::guards::resolve_ref(b, start));
            // Only a query or fragment added to a base the program chose.
            let query_only = match &resolved {
                Some(r) => super::guards::fixes_target(r),
                None => base.all_taint().is_none() && start.starts_with(['?', '#']),
            };
            if written.is_some() || query_only {
                let taint = if query_only {
                    neutralize(&rel.all_taint(), class::URL | class::REDIRECT)
                } else {
                    join_taint(&base.all_taint(), &rel.all_taint())
                };
                return Some(Val {
                    taint,
                    built: true,
                    prefix: resolved.map(|r| Arc::from(r.as_str())),
                    ..Val::default()
                });
            }
        }
        if NORMALIZER_TABLE.matches(path, name)
            && (path.is_some() || recv.is_some_and(|r| r.all_taint().is_some() || r.normalized))
        {
            let mut t = all_args_taint(args);
            if path.is_none()
                && let Some(r) = recv
            {
                t = join_taint(&t, &r.all_taint());
            }
            // Go's `filepath.Join(dest, name)` keeps an absolute `name` under `dest`: a part
            // after the first that was checked free of `..` steps cannot leave it.
            if fam == Family::Go && matches!(path, Some("path/filepath.Join" | "path.Join")) {
                t = args.iter().enumerate().fold(None, |t, (i, a)| {
                    let at = a.all_taint();
                    let checked = i > 0
                        && at
                            .as_ref()
                            .is_some_and(|l| l.iter().all(|l| l.neutral & class::NO_PARENT != 0));
                    join_taint(
                        &t,
                        &if checked {
                            neutralize(&at, class::PATH)
                        } else {
                            at
                        },
                    )
                });
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
            let mut bits = 0;
            if removes && with.is_trusted() {
                bits |= class::LOG | class::HEADER;
            }
            // str_replace("'", "", $s) / str_replace(["'", '"'], "", $s): no quote of that
            // kind is left to end a literal quoted with it.
            let searched = |q: &str| match &search.shape {
                Shape::Seq(items) => items.iter().any(|v| v.const_str() == Some(q)),
                _ => search.const_str() == Some(q),
            };
            let adds = |q: char| match &with.shape {
                Shape::Seq(items) => items
                    .iter()
                    .any(|v| v.const_str().is_none_or(|w| w.contains(q))),
                _ => with.const_str().is_none_or(|w| w.contains(q)),
            };
            if searched("'") && !adds('\'') {
                bits |= class::NO_SQUOTE;
            }
            if searched("\"") && !adds('"') {
                bits |= class::NO_DQUOTE;
            }
            // The LDAP filter metacharacters `(`, `)`, `*` all replaced (by `\28`, ...):
            // an escaped filter value.
            if ["(", ")", "*"].iter().all(|c| searched(c)) && !"()*".chars().any(adds) {
                bits |= class::LDAP;
            }
            let t = subject.all_taint();
            // A subject of unknown origin remembers what it was made safe for.
            let built_safe = if t.is_none() && !subject.is_trusted() && with.is_trusted() {
                bits
            } else {
                0
            };
            return Some(Val {
                taint: join_taint(&neutralize(&t, bits), &with.all_taint()),
                built_safe,
                trusted: subject.is_trusted() && with.is_trusted(),
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
                && !new
                    .const_str()
                    .is_some_and(|w| w.contains('\n') || w.contains('\r'))
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
            // Go: a format whose text is not known here (a helper's parameter,
            // `fmt.Sprintf(format, args...)`): the result carries the format's and every
            // value's data (`%` of two unknowns would read as arithmetic).
            if fam == Family::Go && fmt.const_str().is_none() && !fmt.built && fmt.prefix.is_none()
            {
                let t = rest
                    .iter()
                    .fold(fmt.all_taint(), |t, a| join_taint(&t, &a.all_taint()));
                return Some(Val::tainted(t));
            }
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
        // pathlib's `base.joinpath(a, b)`: the receiver's path followed by the parts, like
        // `base / a / b`.
        if self.family == Family::Python
            && name == "joinpath"
            && let Some(r) = recv
            && !matches!(r.shape, Shape::Obj(_))
        {
            let mut parts = vec![r.clone()];
            parts.extend(args.iter().cloned());
            let mut v = super::interp::concat_all(&parts);
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
        // `req.get("X-Header")`, Koa's `ctx.get("X-Header")`; not `Map.get`.)
        if let Some(r) = recv
            && STRING_METHODS.contains(&name)
            && !matches!(
                r.shape,
                Shape::Ref(_) | Shape::Obj(ObjKind::Request(_) | ObjKind::WebContext)
            )
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
    pub(crate) fn configured(&self, key: &str) -> Option<String> {
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
            // JavaScript's `parts.join(sep)` of values the program chose.
            "join"
                if self.family == Family::Js
                    && r.is_trusted()
                    && args.iter().all(|a| a.is_trusted()) =>
            {
                Val::trusted()
            }
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
                // Items the program chose (`sets = []; sets.append(f"{col} = ?")` with
                // `col` from a constant table) joined by a chosen separator: chosen text.
                let chosen = r.is_trusted() && items.is_trusted();
                let mut v = super::interp::concat_all(&parts);
                v.taint = join_taint(&v.taint, &items.taint);
                if !r.is_const() {
                    v.taint = join_taint(&v.taint, &r.all_taint());
                }
                v.prefix = None;
                v.shape = Shape::Unknown;
                if chosen && v.taint.is_none() {
                    v.trusted = true;
                    v.built = false;
                }
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
                    // The template's text is not where the values land (its `?` may
                    // follow a placeholder): only the text before the first placeholder
                    // says where. `"https://api.example.com/v1?q={}".format(q)`: every
                    // value lands in the query string of a URL whose host is written.
                    let taint = parts
                        .iter()
                        .fold(None, |t, p| join_taint(&t, &p.all_taint()));
                    v.taint = neutralize(&taint, class::NOSQL);
                    if r.is_const() && v.prefix.as_deref().is_some_and(super::guards::fixes_target)
                    {
                        v.taint = neutralize(&v.taint, class::URL | class::REDIRECT);
                    }
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
                }) && args.get(1).is_some_and(|a| {
                    // A replacement that puts line breaks back (`"\r\n"`) removes nothing.
                    a.is_trusted()
                        && !a
                            .const_str()
                            .is_some_and(|w| w.contains('\n') || w.contains('\r'))
                });
                if removes_breaks {
                    t = neutralize(&t, class::LOG | class::HEADER);
                }
                // `x.replace("'", "&apos;")`: no apostrophe (or double quote) is left to
                // close a literal quoted with it (class::NO_SQUOTE). JavaScript's
                // `replace` with a string pattern replaces the first one only
                // (`replaceAll` every one).
                if (name == "replace" && self.family != Family::Js || name == "replaceAll")
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
        // An ActiveRecord `scope :name, ->(x) { ... }` declares a query method, and
        // `lambda { |x| ... }` / `proc { ... }` make a function: the block runs later
        // with its callers' arguments (analysed as a function nobody here calls), not
        // with the scope's name.
        if self.family == Family::Ruby
            && recv.is_none()
            && matches!(
                call.callee.as_name(),
                Some("scope" | "default_scope" | "lambda" | "proc")
            )
        {
            return None;
        }
        // A driver's query with a callback (`pool.query(sql, [id], (err, rows) => ...)`):
        // the callback gets the stored rows.
        if let Some(name) = call.callee.last_name()
            && super::db_reads::reads_rows(self.family, name, recv)
        {
            return Some(self.io_source(
                SourceKind::Stored,
                call.callee.span,
                "rows read from the database",
            ));
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
pub(crate) fn fold_string_method(r: &Val, name: &str, args: &[Val]) -> Option<Val> {
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
        // Java: the bytes or characters of a constant are that constant.
        ("getBytes", 0 | 1) | ("toCharArray", 0) => s.to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Java imports resolve to the full name; the sanitizer check the SQL-quoting guess
    /// asks must match it the way the value model does.
    #[test]
    fn known_sanitizer_matches_java_import_paths() {
        let full = Some("org.apache.commons.text.StringEscapeUtils.escapeJson");
        assert!(is_known_sanitizer(Family::Java, full, "escapeJson", None));
        assert_eq!(
            sanitizer_entry(Family::Java, full, "escapeJson", None),
            sanitizer_entry(
                Family::Java,
                Some("StringEscapeUtils.escapeJson"),
                "escapeJson",
                None
            )
        );
        // Only on a package boundary, and only for Java.
        let glued = Some("org.example.MyStringEscapeUtils.escapeJson");
        assert!(!is_known_sanitizer(Family::Java, glued, "escapeJson", None));
        assert!(!is_known_sanitizer(
            Family::Python,
            full,
            "escapeJson",
            None
        ));
    }
}
