//! Abstract values: what the engine knows about a value at one program point — its taint
//! labels (where attacker data in it came from, and for which sinks it has been made
//! safe), its constant value or container shape, and what it refers to (a module, a local
//! function, a request object).

use crate::ir::{FuncId, Span};
use std::sync::Arc;

/// Sink classes a sanitizer can neutralise a value for (bit flags).
pub mod class {
    pub const SQL: u32 = 1;
    pub const SHELL: u32 = 1 << 1;
    pub const CODE: u32 = 1 << 2;
    pub const PATH: u32 = 1 << 3;
    pub const URL: u32 = 1 << 4;
    pub const REDIRECT: u32 = 1 << 5;
    pub const HTML: u32 = 1 << 6;
    pub const LDAP: u32 = 1 << 7;
    pub const XPATH: u32 = 1 << 8;
    pub const REGEX: u32 = 1 << 9;
    pub const LOG: u32 = 1 << 10;
    pub const HEADER: u32 = 1 << 11;
    pub const NOSQL: u32 = 1 << 12;
    pub const TEMPLATE: u32 = 1 << 13;
    pub const DESERIALIZE: u32 = 1 << 14;
    pub const XML: u32 = 1 << 15;
    /// The command or program itself (argument lists without a shell).
    pub const PROGRAM: u32 = 1 << 16;
    /// Not a sink: the value was checked free of `..` steps. Spliced into a string right
    /// after a `/` (`f"{BASE}/{name}"`) it stays under that folder, so it becomes safe
    /// for [`PATH`] there; `os.path.join(BASE, name)` would let an absolute name escape.
    pub const NO_PARENT: u32 = 1 << 23;
    /// Not sinks: the value holds no `'` (resp. `"`). Spliced right after that quote
    /// (`f"//user[@name='{name}']"`) it cannot end the quoted XPath literal, so it
    /// becomes safe for [`XPATH`] there.
    pub const NO_SQUOTE: u32 = 1 << 24;
    pub const NO_DQUOTE: u32 = 1 << 25;
    /// Not a sink: the value's quotes and backslashes are backslash-escaped (`addslashes`,
    /// `mysqli_real_escape_string`). Spliced inside a quoted SQL literal it cannot end
    /// it, so it becomes safe for [`SQL`] there; unquoted (`WHERE id = ` . $x) it is not.
    pub const SQL_QUOTED: u32 = 1 << 26;
    /// A URL the browser follows or loads (`<a href>`, `<iframe src>`): dangerous when
    /// its scheme can be `javascript:` (or `data:`/`vbscript:`). Whatever keeps a
    /// redirect on known sites ([`REDIRECT`]) fixes the scheme too; a scheme check
    /// (`startsWith("https://")`, `sanitizeUrl`) makes it safe for this class alone.
    pub const SCRIPT_URL: u32 = 1 << 27;
    /// Not a sink: a [`URL`]/[`REDIRECT`] neutralisation that came from checking the
    /// parsed URL's host alone (`new URL(u).hostname` in an allowlist). It leaves the
    /// scheme open: `javascript://allowed.example/%0aalert(1)` has that host.
    pub const HOST_ONLY: u32 = 1 << 28;
    /// Not a sink: the value was checked not to be an absolute path (`not
    /// p.startswith("/")`, `not os.path.isabs(p)`). With [`NO_PARENT`] too, Python's
    /// `os.path.join(BASE, p)` keeps it under `BASE`.
    pub const NOT_ABS: u32 = 1 << 31;
    /// The sink classes proper (bits 0 to 16), without the facts above.
    pub const SINKS: u32 = (1 << 17) - 1;
    pub const ALL: u32 = u32::MAX;
}

/// Where tainted data came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Attacker-controlled input (request data, argv, stdin, a socket, ...).
    Source(SourceKind),
    /// Parameter `i` of the function being analysed: the caller decides.
    Param(u16),
    /// Details of a caught exception (messages, stack traces).
    ErrorDetail,
    /// A full government ID or payment card number read from a record, session or form
    /// field (`session["ssn"]`, `user.card_number`): not input, but not for display.
    Personal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// HTTP request data in a web handler.
    Request,
    /// Command-line arguments, stdin, `input()`.
    Cli,
    /// Bytes read from a socket or a file of unknown origin.
    Io,
    /// Data read from a network connection the program opened or accepted (a socket,
    /// an HTTP response body): input from another machine, like a request.
    Network,
    /// Browser-side input: `location`, `document.URL`, `postMessage` data.
    Dom,
    /// A value from a predictable generator (`java.util.Random`, `Math.random()`): not
    /// input, but guessable where a secret is expected.
    Random,
    /// A field of a database record (Ruby: what an ActiveRecord query on a model class
    /// returns): input some earlier request may have stored, for the HTML sinks.
    Stored,
    /// A number parsed from request or network input (Java `Integer.parseInt(param)`):
    /// no text of the sender's choosing is left for the injection sinks, but the sender
    /// still picks how large it is, which matters where it sizes an allocation, a loop
    /// or a sleep. Only the sinks that take [`crate::check::accept::COUNT`] see it.
    Count,
    /// Input from whoever controls the machine the program runs on (see
    /// [`LocalOrigin`]). Made only under the `local` threat model, where every sink
    /// that takes request input takes it too.
    Local(LocalOrigin),
}

/// Which local input a [`SourceKind::Local`] label came from; named in the finding's
/// message, since the reader has to judge whether that input is theirs to trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LocalOrigin {
    /// `os.getenv`, `System.getenv`, `process.env`, `ENV[...]`, `$_ENV`.
    Environment,
    /// A JVM system property (`System.getProperty`).
    Property,
    /// A value of a configuration file (`Properties.getProperty`, `ConfigParser`).
    Config,
    /// Text or bytes read from a file.
    File,
    /// A line typed at the console (`System.console().readLine()`, `os.Stdin`).
    Console,
    /// A column of a database row (`ResultSet.getString`, `cursor.fetchone()`).
    Database,
}

impl LocalOrigin {
    /// The input in words, for messages ("from an environment variable").
    pub fn describe(self) -> &'static str {
        match self {
            LocalOrigin::Environment => "an environment variable",
            LocalOrigin::Property => "a system property",
            LocalOrigin::Config => "a configuration file",
            LocalOrigin::File => "a file's contents",
            LocalOrigin::Console => "console input",
            LocalOrigin::Database => "a database row",
        }
    }
}

/// Added to the index of a `Param` label a nested function sees through its enclosing
/// function's variables: the enclosing function's parameter, not the nested one's, so
/// applying the nested function's summary to its own arguments leaves it alone (and
/// turns it back into the enclosing function's parameter).
pub const OUTER_PARAM: u16 = 1 << 14;

/// `v` as a nested function sees it (see [`OUTER_PARAM`]).
pub fn shift_params(v: &Val) -> Val {
    let shift = |t: &Taint| -> Taint {
        let t = t.as_ref()?;
        if !t
            .iter()
            .any(|l| matches!(l.origin, Origin::Param(i) if i < OUTER_PARAM))
        {
            return Some(t.clone());
        }
        Some(Arc::new(
            t.iter()
                .map(|l| match l.origin {
                    Origin::Param(i) if i < OUTER_PARAM => Label {
                        origin: Origin::Param(i + OUTER_PARAM),
                        ..l.clone()
                    },
                    _ => l.clone(),
                })
                .collect(),
        ))
    };
    let shape = match &v.shape {
        Shape::Seq(xs) => Shape::Seq(Arc::new(xs.iter().map(shift_params).collect())),
        Shape::Map(kv) => Shape::Map(Arc::new(
            kv.iter()
                .map(|(k, x)| (k.clone(), shift_params(x)))
                .collect(),
        )),
        other => other.clone(),
    };
    Val {
        taint: shift(&v.taint),
        shape,
        ..v.clone()
    }
}

/// One step of a data-flow path: a place and what happened there.
#[derive(Debug)]
pub struct Hop {
    pub file: Arc<str>,
    pub span: Span,
    pub line: u32,
    pub note: String,
    pub prev: Option<Arc<Hop>>,
}

/// A path, newest hop first (a linked list shared between values).
pub type Trace = Option<Arc<Hop>>;

/// The hops of a trace, oldest first.
pub fn hops(trace: &Trace) -> Vec<&Hop> {
    let mut out = Vec::new();
    let mut cur = trace.as_deref();
    while let Some(h) = cur {
        out.push(h);
        cur = h.prev.as_deref();
        if out.len() > 64 {
            break;
        }
    }
    out.reverse();
    out
}

pub fn trace_len(trace: &Trace) -> usize {
    let mut n = 0;
    let mut cur = trace.as_deref();
    while let Some(h) = cur {
        n += 1;
        cur = h.prev.as_deref();
    }
    n
}

/// One taint label: an origin, the sink classes it was made safe for, and its path.
#[derive(Debug, Clone)]
pub struct Label {
    pub origin: Origin,
    pub neutral: u32,
    pub trace: Trace,
    /// The input was identified through a framework (a route decorator, an import of
    /// `flask.request`), not only by a naming convention.
    pub strong: bool,
}

impl Label {
    /// Is this label still dangerous for sink class `c`?
    pub fn live_for(&self, c: u32) -> bool {
        self.neutral & c != c
    }
}

/// A set of labels (usually none or one).
pub type Taint = Option<Arc<Vec<Label>>>;

/// At most this many labels are kept per value; more adds cost, not findings.
const MAX_LABELS: usize = 4;

pub fn join_taint(a: &Taint, b: &Taint) -> Taint {
    match (a, b) {
        (None, None) => None,
        (Some(x), None) => Some(x.clone()),
        (None, Some(y)) => Some(y.clone()),
        (Some(x), Some(y)) => {
            if Arc::ptr_eq(x, y) {
                return Some(x.clone());
            }
            let mut out: Vec<Label> = x.as_ref().clone();
            for l in y.iter() {
                match out.iter().position(|o| o.origin == l.origin) {
                    Some(i) => {
                        // The same origin on two paths: safe only where both are safe.
                        let o = &mut out[i];
                        o.neutral &= l.neutral;
                        o.strong |= l.strong;
                        if o.trace.is_none() {
                            o.trace = l.trace.clone();
                        }
                    }
                    None if out.len() < MAX_LABELS => out.push(l.clone()),
                    None => {}
                }
            }
            Some(Arc::new(out))
        }
    }
}

/// Mark every label safe for the classes in `bits`.
pub fn neutralize(t: &Taint, bits: u32) -> Taint {
    let t = t.as_ref()?;
    if bits == class::ALL {
        return None;
    }
    Some(Arc::new(
        t.iter()
            .map(|l| Label {
                neutral: l.neutral | bits | implied(bits),
                ..l.clone()
            })
            .collect(),
    ))
}

/// Classes a neutralisation implies: a URL kept on known sites or paths cannot carry a
/// `javascript:` scheme.
fn implied(bits: u32) -> u32 {
    if bits & class::REDIRECT != 0 && bits & class::HOST_ONLY == 0 {
        class::SCRIPT_URL
    } else {
        0
    }
}

/// Add a hop to every label's path.
pub fn with_hop(t: &Taint, file: &Arc<str>, span: Span, line: u32, note: &str) -> Taint {
    let t = t.as_ref()?;
    Some(Arc::new(
        t.iter()
            .map(|l| Label {
                trace: Some(Arc::new(Hop {
                    file: file.clone(),
                    span,
                    line,
                    note: note.to_string(),
                    prev: l.trace.clone(),
                })),
                ..l.clone()
            })
            .collect(),
    ))
}

#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    Str(Arc<str>),
    Num(f64),
    Bool(bool),
    Null,
}

impl Const {
    pub fn truthy(&self) -> bool {
        match self {
            Const::Str(s) => !s.is_empty(),
            Const::Num(n) => *n != 0.0,
            Const::Bool(b) => *b,
            Const::Null => false,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Const::Str(s) => Some(s),
            _ => None,
        }
    }
    /// Text form for string building (`"a" + 1` in JS, f-strings).
    pub fn text(&self) -> String {
        match self {
            Const::Str(s) => s.to_string(),
            Const::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Const::Num(n) => n.to_string(),
            Const::Bool(b) => b.to_string(),
            Const::Null => "None".into(),
        }
    }
}

/// Objects the engine models by role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjKind {
    /// An HTTP request (Flask `request`, Django/Express/Koa/Next.js handler argument);
    /// `true` when a framework says so, `false` when only its name does.
    Request(bool),
    /// Koa / Hono context (`ctx.request`, `c.req`).
    WebContext,
    /// An HTTP response object (`res` in Express).
    Response,
    /// A caught exception.
    Exception,
    /// An instance of a class defined in this file.
    Instance(String),
    /// A compiled regular expression whose pattern is known.
    Regex(Arc<str>),
}

#[derive(Debug, Clone, Default)]
pub enum Shape {
    #[default]
    Unknown,
    Const(Const),
    /// A sequence literal: elements by position.
    Seq(Arc<Vec<Val>>),
    /// A dict / object: values by constant key.
    Map(Arc<Vec<(Arc<str>, Val)>>),
    /// A qualified name: an imported module, function or class (`subprocess.run`).
    Ref(Arc<str>),
    /// A function defined in this file.
    Func(FuncId),
    Obj(ObjKind),
}

/// An abstract value.
#[derive(Debug, Clone, Default)]
pub struct Val {
    pub taint: Taint,
    pub shape: Shape,
    /// A string built from parts that are not all constants (concatenation, formatting).
    pub built: bool,
    /// The constant text a built string starts with (`"https://api.example.com/"` in
    /// `"https://api.example.com/" + x`).
    pub prefix: Option<Arc<str>>,
    /// A path normalised by realpath/abspath/resolve (a `startswith` check on it is a
    /// real containment check).
    pub normalized: bool,
    /// Not a constant, but not something an attacker controls either (a number from
    /// `int()`, a length, a hash digest, a UUID).
    pub trusted: bool,
    /// Sink classes (and, on a value spliced whole, quote facts) for which a value of
    /// unknown origin was escaped (`escapeshellarg($line)`): a string built from it is
    /// not reported as built from unknown values for those classes.
    pub built_safe: u32,
    /// A constant on some paths and null on the others (`String pw = null; if (c) pw =
    /// "s3cret";`): wherever it is used as a value it is the constant (using null
    /// fails), but a test of it (`pw != null`, `if (pw)`) is not decided.
    pub nullable: bool,
}

impl Val {
    pub fn unknown() -> Val {
        Val::default()
    }
    pub fn constant(c: Const) -> Val {
        let prefix = match &c {
            Const::Str(s) => Some(s.clone()),
            _ => None,
        };
        Val {
            shape: Shape::Const(c),
            prefix,
            ..Val::default()
        }
    }
    pub fn str(s: &str) -> Val {
        Val::constant(Const::Str(Arc::from(s)))
    }
    pub fn reference(path: &str) -> Val {
        Val {
            shape: Shape::Ref(Arc::from(path)),
            ..Val::default()
        }
    }
    /// A value the program computed that no attacker controls.
    pub fn trusted() -> Val {
        Val {
            trusted: true,
            ..Val::default()
        }
    }
    /// Constant, trusted, or a container of those, and not tainted.
    pub fn is_trusted(&self) -> bool {
        self.all_taint().is_none()
            && (self.trusted
                || matches!(self.shape, Shape::Const(_) | Shape::Func(_))
                || self.all_const_elements()
                // a list of values the program chose (`parts.append(col)` with `col`
                // from a constant table)
                || matches!(&self.shape, Shape::Seq(items) if items.iter().all(Val::is_trusted)))
    }
    pub fn obj(kind: ObjKind) -> Val {
        Val {
            shape: Shape::Obj(kind),
            ..Val::default()
        }
    }
    pub fn tainted(t: Taint) -> Val {
        Val {
            taint: t,
            ..Val::default()
        }
    }
    pub fn as_const(&self) -> Option<&Const> {
        match &self.shape {
            Shape::Const(c) => Some(c),
            _ => None,
        }
    }
    /// The constant, when a test of the value is decided by it (not a
    /// [`Val::nullable`] constant, which may still be null).
    pub fn decided(&self) -> Option<&Const> {
        self.as_const().filter(|_| !self.nullable)
    }
    pub fn const_str(&self) -> Option<&str> {
        self.as_const().and_then(|c| c.as_str())
    }
    pub fn is_const(&self) -> bool {
        matches!(self.shape, Shape::Const(_)) && self.all_taint().is_none()
    }
    pub fn ref_path(&self) -> Option<&str> {
        match &self.shape {
            Shape::Ref(p) => Some(p),
            _ => None,
        }
    }
    pub fn is_obj(&self, k: &ObjKind) -> bool {
        matches!(&self.shape, Shape::Obj(o) if o == k)
    }

    /// The value's own taint joined with every element's (the value used as a whole).
    pub fn all_taint(&self) -> Taint {
        let mut t = self.taint.clone();
        match &self.shape {
            Shape::Seq(items) => {
                for v in items.iter() {
                    t = join_taint(&t, &v.all_taint());
                }
            }
            Shape::Map(items) => {
                for (_, v) in items.iter() {
                    t = join_taint(&t, &v.all_taint());
                }
            }
            _ => {}
        }
        t
    }

    /// Every element is a constant and nothing is tainted: a lookup in it gives a
    /// constant the program chose, whatever the key.
    pub fn all_const_elements(&self) -> bool {
        if self.taint.is_some() {
            return false;
        }
        match &self.shape {
            Shape::Seq(items) => items.iter().all(|v| v.is_const() || v.all_const_elements()),
            Shape::Map(items) => items
                .iter()
                .all(|(_, v)| v.is_const() || v.all_const_elements()),
            _ => false,
        }
    }

    /// Join of two values reaching the same point on different paths.
    pub fn join(&self, other: &Val) -> Val {
        // A constant on one path and null on the other stays the constant, marked
        // nullable (see [`Val::nullable`]).
        let null = |v: &Val| matches!(v.shape, Shape::Const(Const::Null));
        let shape = match (&self.shape, &other.shape) {
            (Shape::Const(a), Shape::Const(b)) if a == b => Shape::Const(a.clone()),
            (Shape::Const(Const::Null), Shape::Const(c))
            | (Shape::Const(c), Shape::Const(Const::Null)) => Shape::Const(c.clone()),
            (Shape::Ref(a), Shape::Ref(b)) if a == b => Shape::Ref(a.clone()),
            (Shape::Func(a), Shape::Func(b)) if a == b => Shape::Func(*a),
            (Shape::Obj(a), Shape::Obj(b)) if a == b => Shape::Obj(a.clone()),
            (Shape::Seq(a), Shape::Seq(b)) if a.len() == b.len() => Shape::Seq(Arc::new(
                a.iter().zip(b.iter()).map(|(x, y)| x.join(y)).collect(),
            )),
            (Shape::Map(a), Shape::Map(b)) => {
                let mut out: Vec<(Arc<str>, Val)> = Vec::new();
                for (k, v) in a.iter() {
                    match b.iter().find(|(k2, _)| k2 == k) {
                        Some((_, v2)) => out.push((k.clone(), v.join(v2))),
                        None => out.push((k.clone(), v.clone())),
                    }
                }
                for (k, v) in b.iter() {
                    if !a.iter().any(|(k2, _)| k2 == k) {
                        out.push((k.clone(), v.clone()));
                    }
                }
                Shape::Map(Arc::new(out))
            }
            // Different constants: both are program-chosen, so the join is clean but
            // unknown; containers of different shapes fold their taint into the value.
            _ => Shape::Unknown,
        };
        let prefix = match (&self.prefix, &other.prefix) {
            (Some(a), Some(b)) => Some(Arc::from(common_prefix(a, b))),
            // (the constant of a nullable join)
            (Some(a), None) if null(other) => Some(a.clone()),
            (None, Some(b)) if null(self) => Some(b.clone()),
            _ => None,
        };
        // `https://a.example/` + x on one path, `http://b.example/api/` + x (or `""`,
        // or a number) on the other: the joined text no longer fixes the host, but the
        // input that came through a path whose own text did cannot choose where a
        // request or redirect goes.
        let joined_fixes = prefix.as_deref().is_some_and(super::guards::fixes_host);
        let own_taint = |v: &Val| match &v.prefix {
            Some(p) if !joined_fixes && super::guards::fixes_host(p) => {
                neutralize(&v.taint, class::URL | class::REDIRECT)
            }
            _ => v.taint.clone(),
        };
        let nullable = matches!(shape, Shape::Const(_))
            && (self.nullable || other.nullable || null(self) != null(other));
        let mut taint = join_taint(&own_taint(self), &own_taint(other));
        if matches!(shape, Shape::Unknown) {
            for v in [self, other] {
                if matches!(v.shape, Shape::Seq(_) | Shape::Map(_)) {
                    taint = join_taint(&taint, &v.all_taint());
                }
            }
        }
        Val {
            taint,
            shape,
            built: self.built || other.built,
            prefix,
            normalized: self.normalized && other.normalized,
            trusted: self.is_trusted() && other.is_trusted(),
            built_safe: match (
                self.built || !self.is_trusted(),
                other.built || !other.is_trusted(),
            ) {
                (true, true) => self.built_safe & other.built_safe,
                (true, false) => self.built_safe,
                (false, true) => other.built_safe,
                (false, false) => 0,
            },
            nullable,
        }
    }

    /// A property of this value: a known element, else the container's own taint.
    pub fn field(&self, name: &str) -> Option<Val> {
        match &self.shape {
            Shape::Map(items) => items
                .iter()
                .rev()
                .find(|(k, _)| &**k == name)
                .map(|(_, v)| v.clone()),
            _ => None,
        }
    }

    /// This value with property `name` set to `v`.
    pub fn with_field(&self, name: &str, v: Val) -> Val {
        let mut items: Vec<(Arc<str>, Val)> = match &self.shape {
            Shape::Map(items) => items.as_ref().clone(),
            _ => Vec::new(),
        };
        items.retain(|(k, _)| &**k != name);
        items.push((Arc::from(name), v));
        let keep = matches!(self.shape, Shape::Map(_) | Shape::Unknown);
        Val {
            taint: if keep {
                self.taint.clone()
            } else {
                self.all_taint()
            },
            shape: Shape::Map(Arc::new(items)),
            ..Val::default()
        }
    }
}

fn common_prefix<'a>(a: &'a str, b: &str) -> &'a str {
    let n = a
        .char_indices()
        .zip(b.chars())
        .take_while(|((_, x), y)| x == y)
        .last()
        .map(|((i, c), _)| i + c.len_utf8())
        .unwrap_or(0);
    &a[..n]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(origin: Origin, neutral: u32) -> Taint {
        Some(Arc::new(vec![Label {
            origin,
            neutral,
            trace: None,
            strong: true,
        }]))
    }

    #[test]
    fn joining_keeps_only_what_both_paths_neutralised() {
        let a = label(
            Origin::Source(SourceKind::Request),
            class::SQL | class::HTML,
        );
        let b = label(Origin::Source(SourceKind::Request), class::HTML);
        let j = join_taint(&a, &b).unwrap();
        assert_eq!(j.len(), 1);
        assert!(j[0].live_for(class::SQL));
        assert!(!j[0].live_for(class::HTML));
    }

    #[test]
    fn safe_element_of_a_mixed_container_stays_clean() {
        let t = label(Origin::Source(SourceKind::Request), 0);
        let m = Val::unknown()
            .with_field("safe", Val::str("ls"))
            .with_field("bad", Val::tainted(t));
        assert!(m.field("safe").unwrap().all_taint().is_none());
        assert!(m.field("bad").unwrap().all_taint().is_some());
        assert!(m.all_taint().is_some());
    }

    #[test]
    fn common_prefix_of_two_urls() {
        assert_eq!(common_prefix("https://a/x", "https://a/y"), "https://a/");
    }
}
