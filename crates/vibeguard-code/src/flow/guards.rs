//! Checks that make a value safe on one branch: membership in a set of constants,
//! equality with a constant, character-class validation (`isdigit`, an anchored regex),
//! containment of a normalised path (`startswith` after `realpath`, `is_relative_to`,
//! `commonpath`), host allowlists on a parsed URL, a value checked to be one quoted string
//! literal (safe to evaluate), and validator functions. A check
//! refines a variable only on the branch where it holds; after `if not ok: abort()` the
//! rest of the function runs on the branch where it held.

use super::engine::Engine;
use super::summary::Summary;
use super::value::{Const, Origin, Shape, Val, class};
use crate::ir::*;
use std::sync::Arc;

/// Variable -> sink classes it is safe for on that branch.
pub(crate) type Refinements = Vec<(String, u32)>;

/// Facts that make a URL safe only together: it starts with `/` (a path on this site)...
const LOCAL_SLASH: u32 = 1 << 29;
/// ...and not with `//` or `/\` (which browsers read as another host). Recorded on the
/// variable, or on [`ANY_URL`] when the parsed URL's host or scheme was checked empty.
const NOT_OTHER_HOST: u32 = 1 << 30;
const ANY_URL: &str = "\0url";
/// Facts that make a value one quoted string literal only together (`x.startswith("'")`,
/// `x.endswith("'")` and `"'" not in x[1:-1]`), for `'` and for `"`: evaluated as code,
/// such a value is a string and nothing else.
const QUOTE_FACTS: [[u32; 3]; 2] = [[1 << 17, 1 << 18, 1 << 19], [1 << 20, 1 << 21, 1 << 22]];
const ALL_QUOTE_FACTS: u32 = 0x3f << 17;
const _: () =
    assert!(ALL_QUOTE_FACTS & (class::NO_PARENT | class::NO_SQUOTE | class::NO_DQUOTE) == 0);
// The fact bits of this module and of `class` are all distinct.
const _: () = assert!(
    (LOCAL_SLASH | NOT_OTHER_HOST | ALL_QUOTE_FACTS)
        & (class::SINKS
            | class::NO_PARENT
            | class::NO_SQUOTE
            | class::NO_DQUOTE
            | class::SQL_QUOTED
            | class::SCRIPT_URL
            | class::HOST_ONLY
            | class::NOT_ABS)
        == 0
);

/// The index of a one-character quote literal in [`QUOTE_FACTS`].
fn quote_index(s: &str) -> Option<usize> {
    match s {
        "'" => Some(0),
        "\"" => Some(1),
        _ => None,
    }
}

/// A conjunction of facts: `/`-prefixed and not `//`-prefixed is a same-site path.
fn combine(mut refs: Refinements) -> Refinements {
    let any_host_checked = refs
        .iter()
        .any(|(v, b)| v == ANY_URL && b & NOT_OTHER_HOST != 0);
    let local: Vec<String> = refs
        .iter()
        .filter(|(v, b)| {
            b & LOCAL_SLASH != 0
                && (any_host_checked || refs.iter().any(|(w, c)| w == v && c & NOT_OTHER_HOST != 0))
        })
        .map(|(v, _)| v.clone())
        .collect();
    for v in local {
        refs.push((v, class::URL | class::REDIRECT));
    }
    let mut quoted: Vec<String> = Vec::new();
    for (v, _) in refs.iter().filter(|(_, b)| b & ALL_QUOTE_FACTS != 0) {
        let bits = refs
            .iter()
            .filter(|(w, _)| w == v)
            .fold(0, |acc, (_, b)| acc | b);
        if QUOTE_FACTS.iter().any(|q| q.iter().all(|f| bits & f != 0)) && !quoted.contains(v) {
            quoted.push(v.clone());
        }
    }
    for v in quoted {
        refs.push((v, class::CODE));
    }
    refs
}

/// What two alternative branches both tell: the variables refined on each, with the
/// sink classes safe on both (`x == "a" || x == "b"` makes `x` a constant either way).
fn both(a: &Refinements, b: &Refinements) -> Refinements {
    let mut out = Vec::new();
    for (v, bits) in a {
        let other = b
            .iter()
            .filter(|(w, _)| w == v)
            .fold(0, |acc, (_, c)| acc | c);
        let common = bits & other & !(LOCAL_SLASH | NOT_OTHER_HOST | ALL_QUOTE_FACTS);
        if common != 0 {
            out.push((v.clone(), common));
        }
    }
    out
}

/// Prefixes of validator function names (`is_safe_path(p)`, `isValidUrl(u)`).
const VALIDATOR_PREFIXES: &[&str] = &[
    "is_safe",
    "is_valid",
    "is_allowed",
    "valid",
    "is_whitelisted",
    "is_trusted",
    "allowed_",
    "isSafe",
    "isValid",
    "isAllowed",
    "validate",
    "check_",
    "safe_",
    "is_alnum",
    "is_numeric",
    "isNumeric",
    "is_url_allowed",
    "url_has_allowed",
];

/// Go's `net.IP` / `netip.Addr` tests of an address's kind.
const GO_ADDRESS_CHECKS: &[&str] = &[
    "IsPrivate",
    "IsLoopback",
    "IsLinkLocalUnicast",
    "IsLinkLocalMulticast",
    "IsUnspecified",
    "IsMulticast",
    "IsInterfaceLocalMulticast",
    "IsGlobalUnicast",
];

/// Go's resolvers and address parsers: the host (their last argument) as addresses.
const GO_RESOLVERS: &[&str] = &[
    "LookupIP",
    "LookupHost",
    "LookupIPAddr",
    "LookupNetIP",
    "ResolveIPAddr",
    "ParseIP",
    "ParseAddr",
];

impl<'m> Engine<'m> {
    /// What `cond` being true, and being false, tells about variables.
    pub(crate) fn refinements(&self, cond: &Expr) -> (Refinements, Refinements) {
        self.refinements_in(cond, true)
    }

    /// [`Engine::refinements`]; `follow` lets a condition naming a flag variable read the
    /// check the flag was assigned from (one step only).
    fn refinements_in(&self, cond: &Expr, follow: bool) -> (Refinements, Refinements) {
        match &cond.kind {
            ExprKind::Unary(UnOp::Not, inner) => {
                let (t, f) = self.refinements_in(inner, follow);
                (f, t)
            }
            // `a && b` false means one of them is false: what both falsehoods tell.
            ExprKind::And(a, b) => {
                let (mut t, fa) = self.refinements_in(a, follow);
                let (t2, fb) = self.refinements_in(b, follow);
                t.extend(t2);
                (
                    combine(t),
                    both(&self.with_url_sources(fa), &self.with_url_sources(fb)),
                )
            }
            ExprKind::Or(a, b) => {
                let (ta, mut f) = self.refinements_in(a, follow);
                let (tb, f2) = self.refinements_in(b, follow);
                f.extend(f2);
                (
                    both(&self.with_url_sources(ta), &self.with_url_sources(tb)),
                    combine(f),
                )
            }
            // `if next:` false: the variable is empty (`""`, `None`), nothing to inject.
            // `ok = is_safe_url(next); if ok:`: a flag last assigned a check tells what
            // the check tells.
            ExprKind::Name(n) => {
                let mut on_true = Vec::new();
                let mut on_false = vec![(n.clone(), class::ALL)];
                if follow
                    && let Some(v) = self.frames.last().and_then(|fr| fr.checks.get(n.as_str()))
                {
                    let v = self.accumulated_check(n, v).unwrap_or(v);
                    let (t, f) = self.refinements_in(v, false);
                    on_true = t;
                    on_false.extend(f);
                }
                (on_true, on_false)
            }
            ExprKind::Compare(op, l, r) => self.compare_refinements(*op, l, r),
            // Go: `if ip.IsPrivate() || ip.IsLoopback() { return }` over the addresses
            // `net.LookupIP(u.Hostname())` gave: the URL's host resolves to a public
            // address (`ip.IsGlobalUnicast()` true says the same).
            ExprKind::Call(c)
                if c.args.is_empty()
                    && let ExprKind::Attr(b, m) = &c.callee.kind
                    && GO_ADDRESS_CHECKS.contains(&m.as_str()) =>
            {
                let refs: Refinements = self
                    .url_behind_address(b, 0)
                    .map(|u| vec![(u, class::URL)])
                    .unwrap_or_default();
                if m == "IsGlobalUnicast" {
                    (refs, Vec::new())
                } else {
                    (Vec::new(), refs)
                }
            }
            ExprKind::Call(c) => (self.call_guard(c), self.call_guard_false(c)),
            // `if allowedHosts[u.Host]`: a lookup in a constant table of allowed keys.
            ExprKind::Index(coll, key) => {
                let cv = self.quiet(coll);
                let table = matches!(cv.shape, Shape::Map(_)) && cv.all_const_elements()
                    // a module-level table (Go `var allowed = map[string]bool{...}`)
                    || coll.as_name().is_some()
                        && cv.taint.is_none()
                        && cv.const_str().is_none()
                        && !matches!(cv.shape, Shape::Ref(_));
                if table {
                    (
                        subject(key).map(|s| vec![s]).unwrap_or_default(),
                        Vec::new(),
                    )
                } else {
                    (Vec::new(), Vec::new())
                }
            }
            // `ip = ip_address(gethostbyname(urlparse(url).hostname))`; `if ip.is_private
            // or ip.is_loopback: abort()`: the URL's host resolves to a public address.
            ExprKind::Attr(b, attr)
                if matches!(
                    attr.as_str(),
                    "is_private"
                        | "is_loopback"
                        | "is_link_local"
                        | "is_reserved"
                        | "is_multicast"
                        | "is_unspecified"
                        | "is_global"
                ) =>
            {
                let refs: Refinements = self
                    .url_behind_address(b, 0)
                    .map(|u| vec![(u, class::URL)])
                    .unwrap_or_default();
                if attr == "is_global" {
                    (refs, Vec::new())
                } else {
                    (Vec::new(), refs)
                }
            }
            // http-errors / Koa: `err.expose` is true for client errors whose message
            // was written for the client (`err.expose ? err.message : "Internal"`).
            ExprKind::Attr(b, attr)
                if attr == "expose"
                    && matches!(
                        self.quiet(b).shape,
                        Shape::Obj(super::value::ObjKind::Exception)
                    )
                    && b.as_name().is_some() =>
            {
                let n = b.as_name().unwrap_or_default().to_string();
                (vec![(n, class::ALL)], Vec::new())
            }
            // `if parsed.netloc:` / `if (u.host)`: false when the URL names no host.
            ExprKind::Attr(_, attr)
                if matches!(
                    attr.as_str(),
                    "netloc" | "hostname" | "host" | "scheme" | "protocol" | "Host" | "Scheme"
                ) =>
            {
                // False, it is also what `parsed.netloc == ""` tells: the URL parsed from
                // the variable names no host (or no scheme), as the comparison does.
                let mut on_false = vec![(ANY_URL.to_string(), NOT_OTHER_HOST)];
                on_false.extend(subject(cond));
                (Vec::new(), on_false)
            }
            _ => (Vec::new(), Vec::new()),
        }
    }

    fn compare_refinements(&self, op: CmpOp, l: &Expr, r: &Expr) -> (Refinements, Refinements) {
        if let Some(split) = self.index_of_parent(op, l, r) {
            return split;
        }
        match op {
            CmpOp::In | CmpOp::NotIn => {
                // `"../" not in name`: no parent-directory step (see class::NO_PARENT).
                if self
                    .quiet(l)
                    .const_str()
                    .is_some_and(|s| s == ".." || s == "../" || s == "..\\")
                    && let Some(n) = r.as_name()
                {
                    let refs = vec![(n.to_string(), class::NO_PARENT)];
                    return if op == CmpOp::NotIn {
                        (refs, Vec::new())
                    } else {
                        (Vec::new(), refs)
                    };
                }
                // `"'" not in x[1:-1]`: no quote inside the value.
                if let Some(q) = self.quiet(l).const_str().and_then(quote_index) {
                    let inner = match &r.kind {
                        ExprKind::Slice(b) => b.as_ref(),
                        _ => r,
                    };
                    if let Some(n) = inner.as_name() {
                        // With no quote anywhere in it, the value cannot end a literal
                        // quoted with it (class::NO_SQUOTE).
                        let bits = if matches!(r.kind, ExprKind::Slice(_)) {
                            QUOTE_FACTS[q][2]
                        } else {
                            QUOTE_FACTS[q][2] | [class::NO_SQUOTE, class::NO_DQUOTE][q]
                        };
                        let refs = vec![(n.to_string(), bits)];
                        return if op == CmpOp::NotIn {
                            (refs, Vec::new())
                        } else {
                            (Vec::new(), refs)
                        };
                    }
                }
                // `BASE in path.parents` on a resolved path: pathlib containment.
                if let ExprKind::Attr(b, attr) = &r.kind
                    && attr == "parents"
                    && let Some(n) = b.as_name()
                    && self.quiet(b).normalized
                {
                    let refs = vec![(n.to_string(), class::PATH)];
                    return if op == CmpOp::In {
                        (refs, Vec::new())
                    } else {
                        (Vec::new(), refs)
                    };
                }
                // `name not in os.listdir(BASE)` (`glob.glob(...)`, `os.scandir`): one of
                // the entries of a directory the program chose, a file name with no
                // directory steps.
                if let Some(lc) = r.as_call()
                    && matches!(
                        lc.callee.last_name(),
                        Some("listdir" | "glob" | "iglob" | "readdirSync")
                    )
                    && lc.args.iter().all(|a| self.quiet(&a.value).is_trusted())
                    && let Some((n, _)) = subject(l)
                {
                    let refs = vec![(n, class::PATH)];
                    return if op == CmpOp::In {
                        (refs, Vec::new())
                    } else {
                        (Vec::new(), refs)
                    };
                }
                let coll = self.quiet(r);
                // `name not in KNOWN` with `KNOWN = {p.stem for p in BASE.glob("*.md")}`:
                // a module-level collection the program built with no input in it.
                let module_table = r.as_name().is_some_and(|n| {
                    self.frames
                        .last()
                        .is_some_and(|f| f.func != 0 && !f.state.contains_key(n))
                }) && coll.all_taint().is_none()
                    && coll.const_str().is_none()
                    && matches!(coll.shape, Shape::Seq(_) | Shape::Map(_) | Shape::Unknown);
                if !coll.all_const_elements() && coll.const_str().is_none() && !module_table {
                    return (Vec::new(), Vec::new());
                }
                let mut refs = subject(l)
                    .map(|(v, bits)| vec![(v, bits)])
                    .unwrap_or_default();
                refs.extend(self.host_of_url(l));
                if op == CmpOp::In {
                    (refs, Vec::new())
                } else {
                    (Vec::new(), refs)
                }
            }
            // PHP: `preg_match(P, $x) === 1`, `ctype_digit($x) == true`, `... === 0`: the
            // call's result compared with a truth value is the call as a condition.
            CmpOp::Eq | CmpOp::NotEq if self.family == crate::syntax::Family::Php => {
                for (side, other) in [(l, r), (r, l)] {
                    let truth = match other.kind {
                        ExprKind::Num(n) => n != 0.0,
                        ExprKind::Bool(b) => b,
                        _ => continue,
                    };
                    let ExprKind::Call(c) = &side.kind else {
                        continue;
                    };
                    let (yes, no) = (self.call_guard(c), self.call_guard_false(c));
                    if yes.is_empty() && no.is_empty() {
                        continue;
                    }
                    let (t, f) = if truth { (yes, no) } else { (no, yes) };
                    return if op == CmpOp::Eq { (t, f) } else { (f, t) };
                }
                self.equality_refinements(op, l, r)
            }
            // `re.fullmatch(P, h) is not None`, `m is None` with `m = RE.match(h)`: the
            // match as a condition.
            CmpOp::Eq | CmpOp::NotEq | CmpOp::Is | CmpOp::IsNot
                if self.family == crate::syntax::Family::Python
                    && [(l, r), (r, l)].iter().any(|(side, other)| {
                        matches!(other.kind, ExprKind::Null)
                            && (matches!(side.kind, ExprKind::Call(_))
                                || side.as_name().is_some_and(|n| {
                                    self.frames
                                        .last()
                                        .is_some_and(|fr| fr.checks.contains_key(n))
                                }))
                    }) =>
            {
                let side = if matches!(l.kind, ExprKind::Null) {
                    r
                } else {
                    l
                };
                let (t, f) = self.refinements_in(side, true);
                let (t, f) = match &side.kind {
                    // a name's falsehood says it is empty, not that the match failed
                    ExprKind::Name(_) => (t, Vec::new()),
                    _ => (t, f),
                };
                if matches!(op, CmpOp::IsNot | CmpOp::NotEq) {
                    (t, f)
                } else {
                    (f, t)
                }
            }
            CmpOp::Eq | CmpOp::NotEq | CmpOp::Is | CmpOp::IsNot => {
                self.equality_refinements(op, l, r)
            }
            CmpOp::Lt | CmpOp::LtE => (self.count_bounded(l, r), self.count_bounded(r, l)),
            CmpOp::Gt | CmpOp::GtE => (self.count_bounded(r, l), self.count_bounded(l, r)),
            _ => (Vec::new(), Vec::new()),
        }
    }

    /// Java, `count <= MAX` holds: a number parsed from input ([`SourceKind::Count`]) that
    /// is now at most a bound of the program's own no longer sizes anything as its sender
    /// likes. Only a variable (or field) holding such a number, or a parameter (ordered
    /// by `<`, a number too), is refined, by a bound that is not itself such a number.
    fn count_bounded(&self, subject: &Expr, bound: &Expr) -> Refinements {
        if !family_is_java(self.family) {
            return Vec::new();
        }
        let counted = |v: &Val, params: bool| {
            v.all_taint().is_some_and(|t| {
                t.iter().any(|l| match l.origin {
                    Origin::Source(super::value::SourceKind::Count) => true,
                    Origin::Param(_) => params,
                    _ => false,
                })
            })
        };
        match root_name(subject) {
            Some(n)
                if counted(&self.quiet(subject), true) && !counted(&self.quiet(bound), true) =>
            {
                vec![(n, class::ALL)]
            }
            _ => Vec::new(),
        }
    }

    /// `p.indexOf("..") === -1` (or `< 0`): no parent-directory step in `p` (see
    /// class::NO_PARENT); `!== -1`, `>= 0`, `> -1`: one, on the other branch.
    fn index_of_parent(&self, op: CmpOp, l: &Expr, r: &Expr) -> Option<(Refinements, Refinements)> {
        let (call, num, op) = match (l.as_call(), r.as_call()) {
            (Some(c), _) => (c, r, op),
            (None, Some(c)) => {
                let flipped = match op {
                    CmpOp::Lt => CmpOp::Gt,
                    CmpOp::LtE => CmpOp::GtE,
                    CmpOp::Gt => CmpOp::Lt,
                    CmpOp::GtE => CmpOp::LtE,
                    o => o,
                };
                (c, l, flipped)
            }
            _ => return None,
        };
        let ExprKind::Attr(b, m) = &call.callee.kind else {
            return None;
        };
        if m != "indexOf"
            || call.args.len() != 1
            || !self
                .quiet(&call.args[0].value)
                .const_str()
                .is_some_and(is_parent_step)
        {
            return None;
        }
        let n = match &num.kind {
            ExprKind::Unary(crate::ir::UnOp::Neg, x) => match x.kind {
                ExprKind::Num(n) => -n,
                _ => return None,
            },
            _ => match self.quiet(num).as_const() {
                Some(crate::flow::value::Const::Num(n)) => *n,
                _ => return None,
            },
        };
        let absent = matches!(
            (op, n),
            (CmpOp::Eq, -1.0) | (CmpOp::Lt, 0.0) | (CmpOp::LtE, -1.0)
        );
        let present = matches!(
            (op, n),
            (CmpOp::NotEq, -1.0) | (CmpOp::GtE, 0.0) | (CmpOp::Gt, -1.0)
        );
        let refs = vec![(subject_path(b)?, class::NO_PARENT)];
        if absent {
            Some((refs, Vec::new()))
        } else if present {
            Some((Vec::new(), refs))
        } else {
            None
        }
    }

    fn equality_refinements(&self, op: CmpOp, l: &Expr, r: &Expr) -> (Refinements, Refinements) {
        // `typeof x === "string"`: not an object (no query operators); `"number"`,
        // `"boolean"`: no text at all.
        if self.family == crate::syntax::Family::Js {
            for (side, other) in [(l, r), (r, l)] {
                if let ExprKind::Unary(UnOp::Other, inner) = &side.kind
                    && self.text(side.span).starts_with("typeof")
                    && let Some(t) = other.as_str()
                    && let Some(n) = subject_path(inner)
                {
                    let bits = match t {
                        "string" => class::NOSQL,
                        "number" | "boolean" | "bigint" => class::ALL,
                        _ => continue,
                    };
                    let refs = vec![(n, bits)];
                    return if matches!(op, CmpOp::Eq | CmpOp::Is) {
                        (refs, Vec::new())
                    } else {
                        (Vec::new(), refs)
                    };
                }
            }
        }
        // x == "literal": x is that literal on the true branch. So is `x === allowed`
        // with `allowed` a variable holding one of the program's own values (the loop
        // variable of `for (const allowed of ALLOWLIST)` over constant entries).
        let chosen = |e: &Expr| {
            let v = self.quiet(e);
            v.is_const() || e.as_name().is_some() && v.is_trusted()
        };
        let (var, other) = match (subject(l), subject(r)) {
            (Some(s), _) if chosen(r) => (Some(s), r),
            (_, Some(s)) if chosen(l) => (Some(s), l),
            _ => (None, r),
        };
        // commonpath([base, p]) == base
        let mut refs: Refinements = Vec::new();
        // PHP: `$parts = parse_url($url); $parts['host'] === 'api.example.com'`: `$url`
        // names that host (as a URL, a redirect target, and not a local path).
        for (side, other) in [(l, r), (r, l)] {
            // `($parts['host'] ?? '')`
            let side = match &side.kind {
                ExprKind::Or(a, _) => a.as_ref(),
                _ => side,
            };
            if let ExprKind::Index(b, k) = &side.kind
                && k.as_str().is_some_and(|k| k == "host")
                && self.quiet(other).is_const()
                && let Some(parts) = b.as_name()
                && let Some(url) = self.assigned_from(parts, &["parse_url"], 0)
            {
                refs.push((
                    url,
                    class::URL | class::REDIRECT | class::PATH | class::HOST_ONLY,
                ));
            }
        }
        // Go: `n, err := strconv.Atoi(s)`; `err == nil`: `s` is a number's text.
        if self.family == crate::syntax::Family::Go {
            for (side, other) in [(l, r), (r, l)] {
                if let Some(e) = side.as_name()
                    && self
                        .quiet(other)
                        .as_const()
                        .is_some_and(|k| *k == Const::Null)
                    && let Some(v) = self.parse_error_of(e)
                {
                    refs.push((v, class::ALL));
                }
            }
        }
        // PHP `strpos`: `strpos($f, '..') === false` means no parent-directory step;
        // `strpos($real, $base) === 0` after realpath() means contained.
        for (side, other) in [(l, r), (r, l)] {
            let Some(c) = side.as_call().filter(|c| {
                c.callee
                    .last_name()
                    .is_some_and(|n| matches!(n, "strpos" | "mb_strpos" | "stripos"))
            }) else {
                continue;
            };
            if self
                .quiet(other)
                .as_const()
                .is_some_and(|k| *k == Const::Bool(false))
                && c.arg(1)
                    .is_some_and(|a| self.quiet(a).const_str().is_some_and(is_parent_step))
                && let Some(v) = c.arg(0).and_then(subject_path)
            {
                refs.push((v, class::NO_PARENT));
            }
            if matches!(other.kind, ExprKind::Num(z) if z == 0.0)
                && let Some(subj) = c.arg(0)
                && self.quiet(subj).normalized
                && let Some(v) = root_name(subj)
            {
                refs.push((v, class::PATH));
            }
        }
        if let Some((v, bits)) = var
            && !self
                .quiet(other)
                .as_const()
                .is_some_and(|c| *c == Const::Null)
        {
            // `host == "api.example.com"` where `host = urlparse(url).hostname`: the
            // URL it was parsed from.
            for side in [l, r] {
                if side.as_name() == Some(v.as_str()) {
                    refs.extend(self.host_of_url(side));
                }
            }
            refs.push((v, bits));
        }
        // `os.path.basename(name) == name`: no directory separator in `name`; at most
        // `..` itself, which names a directory, never a file outside the base.
        for (side, other) in [(l, r), (r, l)] {
            if let Some(c) = side.as_call()
                && c.callee.last_name() == Some("basename")
                && let Some(inner) = c.arg(0)
                && let (Some(a), Some(b)) = (subject_path(inner), subject_path(other))
                && a == b
                && let Some(n) = root_name(other)
            {
                refs.push((n, class::PATH));
            }
        }
        // `urlparse(urljoin(request.host_url, target)).netloc ==
        // urlparse(request.host_url).netloc`: `target` stays on this server's own host.
        for (side, other) in [(l, r), (r, l)] {
            if self.names_own_host(other)
                && let Some(t) = self.url_whose_host(side)
            {
                refs.push((t, class::URL | class::REDIRECT | class::HOST_ONLY));
            }
        }
        for side in [l, r] {
            if let Some(c) = side.as_call()
                && c.callee.last_name() == Some("commonpath")
                && let Some(arg) = c.arg(0)
                && let ExprKind::List(items) = &arg.kind
            {
                for it in items {
                    if let Some(n) = root_name(it) {
                        refs.push((n, class::PATH));
                    }
                }
            }
        }
        if matches!(op, CmpOp::Eq | CmpOp::Is) {
            (refs, Vec::new())
        } else {
            (Vec::new(), refs)
        }
    }

    /// `refs` and, for each check on a parsed URL (`parsed.netloc` with `parsed =
    /// urlparse(target)`), the same check on the string it was parsed from: two
    /// alternatives that name the URL differently (`not parsed.netloc` or
    /// `parsed.netloc == request.host`) then meet on the same variable.
    fn with_url_sources(&self, mut refs: Refinements) -> Refinements {
        const URL_BITS: u32 = class::URL | class::REDIRECT | class::HOST_ONLY | class::SCRIPT_URL;
        for i in 0..refs.len() {
            let (name, bits) = &refs[i];
            let root = name.split_once('.').map_or(name.as_str(), |(r, _)| r);
            if bits & URL_BITS != 0
                && let Some(src) = self.parsed_from(root).or_else(|| self.url_part_from(root))
            {
                let b = bits & URL_BITS;
                refs.push((src, b));
            }
        }
        refs
    }

    /// The URL parsed from when `e` reads its host (`parsed.netloc` with `parsed =
    /// urlparse(target)` or `urlparse(urljoin(base, target))`; `new URL(target,
    /// base).host`): `target`.
    fn url_whose_host(&self, e: &Expr) -> Option<String> {
        let ExprKind::Attr(b, attr) = &e.kind else {
            return None;
        };
        if !matches!(attr.as_str(), "netloc" | "hostname" | "host" | "origin") {
            return None;
        }
        let checks = &self.frames.last()?.checks;
        let parsed = match &b.kind {
            ExprKind::Name(n) => *checks.get(n.as_str())?,
            _ => b.as_ref(),
        };
        let c = parsed.as_call()?;
        if !matches!(c.callee.last_name(), Some("urlparse" | "urlsplit" | "URL")) {
            return None;
        }
        let mut url = c.arg(0)?;
        // `urljoin(base, target)` / `new URL(target, base)`: the part of the caller's.
        if let Some(j) = url.as_call()
            && j.callee.last_name() == Some("urljoin")
        {
            url = j.arg(1)?;
        }
        subject(url).map(|(n, _)| n)
    }

    /// `urlparse(request.host_url).netloc`, `request.host`: the host this server was
    /// reached at.
    fn names_own_host(&self, e: &Expr) -> bool {
        let own = |x: &Expr| own_host_expr(x);
        if own(e) {
            return true;
        }
        let ExprKind::Attr(b, attr) = &e.kind else {
            return false;
        };
        if !matches!(attr.as_str(), "netloc" | "hostname" | "host") {
            return false;
        }
        let Some(checks) = self.frames.last().map(|f| &f.checks) else {
            return false;
        };
        let parsed = match &b.kind {
            ExprKind::Name(n) => match checks.get(n.as_str()) {
                Some(v) => *v,
                None => return false,
            },
            _ => b.as_ref(),
        };
        parsed.as_call().is_some_and(|c| {
            matches!(c.callee.last_name(), Some("urlparse" | "urlsplit"))
                && c.arg(0).is_some_and(own)
        })
    }

    /// The URL variable an IP address was resolved from: `ip_address(x)`,
    /// `gethostbyname(x)`, `getaddrinfo(x, ...)[0][4][0]`, through variables, down to
    /// `urlparse(url).hostname`.
    fn url_behind_address(&self, e: &Expr, depth: u32) -> Option<String> {
        if depth > 10 {
            return None;
        }
        let checks = &self.frames.last()?.checks;
        match &e.kind {
            ExprKind::Name(n) => {
                let held = checks.get(n.as_str())?;
                self.url_behind_address(held, depth + 1)
            }
            ExprKind::Index(b, _) => self.url_behind_address(b, depth + 1),
            ExprKind::Call(c)
                if matches!(
                    c.callee.last_name(),
                    Some(
                        "ip_address"
                            | "IPv4Address"
                            | "IPv6Address"
                            | "gethostbyname"
                            | "getaddrinfo"
                            | "gethostbyname_ex"
                    )
                ) =>
            {
                self.url_behind_address(c.arg(0)?, depth + 1)
            }
            ExprKind::Call(c)
                if c.callee
                    .last_name()
                    .is_some_and(|n| GO_RESOLVERS.contains(&n)) =>
            {
                self.url_behind_address(c.arg(c.args.len().checked_sub(1)?)?, depth + 1)
            }
            ExprKind::Attr(..) | ExprKind::Call(_) => subject(e)
                .filter(|(_, bits)| *bits != class::ALL)
                .map(|(n, _)| n),
            _ => None,
        }
    }

    /// A host checked through a variable holding it, `host = urlparse(url).hostname`
    /// (or `parsed = urlparse(url)` ... `parsed.hostname`): the URL it was parsed from.
    fn host_of_url(&self, e: &Expr) -> Refinements {
        let checks = match self.frames.last() {
            Some(fr) => &fr.checks,
            None => return Vec::new(),
        };
        let held = match &e.kind {
            ExprKind::Name(n) => checks.get(n.as_str()).copied(),
            ExprKind::Attr(b, attr)
                if matches!(attr.as_str(), "netloc" | "hostname" | "host" | "origin") =>
            {
                b.as_name()
                    .and_then(|n| checks.get(n).copied())
                    .filter(|v| {
                        v.as_call().is_some_and(|c| {
                            matches!(c.callee.last_name(), Some("urlparse" | "urlsplit" | "URL"))
                        })
                    })
            }
            _ => None,
        };
        let Some(mut held) = held else {
            return Vec::new();
        };
        // host = urlparse(url).hostname or ""
        if let ExprKind::Or(a, b) = &held.kind
            && self.quiet(b).is_const()
        {
            held = a;
        }
        match &held.kind {
            // host = urlparse(url).hostname
            ExprKind::Attr(..) => subject(held)
                .filter(|(_, bits)| *bits != class::ALL)
                .into_iter()
                .collect(),
            // host = url.getHost() / u.Hostname(): the URL's host was checked.
            ExprKind::Call(_)
                if let Some(hit) = subject(held).filter(|(_, bits)| {
                    *bits & !class::HOST_ONLY == class::URL | class::REDIRECT
                }) =>
            {
                vec![hit]
            }
            // parsed = urlparse(url): `parsed.hostname` was checked.
            ExprKind::Call(c) => c
                .arg(0)
                .and_then(subject_path)
                .map(|n| vec![(n, class::URL | class::REDIRECT | class::HOST_ONLY)])
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// A call used as a condition: `x.isdigit()`, `re.fullmatch(P, x)`,
    /// `p.startswith(base)`, `is_safe_url(u)`.
    fn call_guard(&self, c: &Call) -> Refinements {
        let Some(name) = c.callee.last_name() else {
            return Vec::new();
        };
        // `is_safe_path(base, full)`, `ALLOWED.has(x)` in a helper of the project: what
        // its true returns tell, not its name.
        if let Some(called) = self.called_summary(c) {
            return called.refinements(c, called.summary.guard_true.as_deref());
        }
        // `opts = FORMATS.get(fmt)` found (`if opts is None: abort()`): `fmt` is one of
        // the keys of a constant table.
        if self.family == crate::syntax::Family::Python
            && name == "get"
            && c.args.len() == 1
            && let ExprKind::Attr(b, _) = &c.callee.kind
            && let Some(k) = c.arg(0)
        {
            let table = self.quiet(b);
            if matches!(table.shape, Shape::Map(_)) && table.all_const_elements() {
                return subject(k).into_iter().collect();
            }
            return Vec::new();
        }
        // PHP's `isset($ALLOWED[$x])`: a lookup in a table of allowed keys, like `if
        // allowed[x]`.
        if self.family == crate::syntax::Family::Php
            && name == "isset"
            && c.callee.as_name().is_some()
            && c.args.len() == 1
            && let Some(inner) = c.arg(0)
            && matches!(inner.kind, ExprKind::Index(..))
        {
            return self.refinements(inner).0;
        }
        // `bool(PATTERN.fullmatch(x))`: the check itself.
        if self.family == crate::syntax::Family::Python
            && name == "bool"
            && c.callee.as_name().is_some()
            && c.args.len() == 1
            && let Some(inner) = c.arg(0)
        {
            return self.refinements(inner).0;
        }
        // `import { validate as isUuid } from "uuid"`: the imported check by its own name.
        let name = if self.family == crate::syntax::Family::Js
            && c.callee.as_name().is_some()
            && let Some(p) = self.path_of(&c.callee)
        {
            match p.as_str() {
                "uuid.validate" => "isUUID",
                _ => name,
            }
        } else {
            name
        };
        let recv = match &c.callee.kind {
            ExprKind::Attr(b, _) => Some(b.as_ref()),
            _ => None,
        };
        // validator's `isURL(u, { host_whitelist: ["api.example.com"] })` (or
        // `host_allowlist`): a URL on one of the listed hosts.
        if self.family == crate::syntax::Family::Js
            && name == "isURL"
            && let Some(ExprKind::Dict(items)) = c.arg(1).map(|a| &a.kind)
            && items.iter().any(|(k, v)| {
                matches!(k, DictKey::Const(k) if k == "host_whitelist" || k == "host_allowlist")
                    && matches!(&v.kind, ExprKind::List(xs) if !xs.is_empty()
                        && xs.iter().all(|x| matches!(x.kind, ExprKind::Str(_))))
            })
            && let Some(n) = c.arg(0).and_then(subject_path)
        {
            return vec![(n, class::URL | class::REDIRECT | class::HOST_ONLY)];
        }
        // mongoose's `Types.ObjectId.isValid(id)`: 24 hex digits (or 12 bytes), no object.
        if name == "isValid"
            && recv.is_some_and(|r| r.last_name() == Some("ObjectId"))
            && let Some(n) = c.arg(0).and_then(subject_path)
        {
            return vec![(n, class::ALL)];
        }
        match name {
            "isdigit" | "isnumeric" | "isdecimal" | "isalnum" | "isalpha" | "isidentifier"
            | "isInteger" | "isSafeInteger" | "isUUID" | "isInt" | "isNumeric"
            | "isAlphanumeric" | "isAlpha" | "isEmail" | "isMongoId" | "isValidObjectId" => {
                let target = recv
                    .filter(|r| !matches!(r.last_name(), Some("Number" | "validator" | "str")))
                    .or_else(|| c.arg(0));
                // `Number.isInteger(Number(id))`: a check on `id` itself.
                let target = target.map(|t| match t.as_call() {
                    Some(inner)
                        if matches!(
                            inner.callee.as_name(),
                            Some("Number" | "parseInt" | "parseFloat")
                        ) && inner.arg(0).is_some() =>
                    {
                        inner.arg(0).unwrap_or(t)
                    }
                    _ => t,
                });
                target
                    .and_then(subject_path)
                    .map(|n| vec![(n, class::ALL)])
                    .unwrap_or_default()
            }
            "match" | "fullmatch" | "search" | "test" | "match?" => {
                // re.fullmatch(P, x) / /^[a-z]+$/.test(x) / pattern.match(x)
                let ruby_subject_first = self.family == crate::syntax::Family::Ruby
                    && recv.is_some_and(|r| self.regex_text(r).is_none());
                let (pattern, subject_expr) = if ruby_subject_first {
                    // Ruby's `x.match?(/\A[a-z]+\z/)`, `x.match(RE)`: the string first.
                    (c.arg(0).and_then(|p| self.regex_text(p)), recv)
                } else if name == "test" {
                    (recv.and_then(|r| self.regex_text(r)), c.arg(0))
                } else if recv.is_some_and(|r| r.last_name() == Some("re")) {
                    (
                        c.arg(0)
                            .and_then(|p| self.quiet(p).const_str().map(str::to_string)),
                        c.arg(1),
                    )
                } else {
                    (recv.and_then(|r| self.regex_text(r)), c.arg(0))
                };
                let Some(pattern) = pattern else {
                    return Vec::new();
                };
                // Ruby's `^` and `$` match at any line: "ok\n; rm -rf /" passes them.
                if self.family == crate::syntax::Family::Ruby
                    && (pattern.starts_with('^') || pattern.ends_with('$'))
                {
                    return Vec::new();
                }
                pattern_refinement(&pattern, name == "fullmatch", subject_expr)
            }
            // PHP: `filter_var($x, FILTER_VALIDATE_INT)` true means a number, a boolean,
            // an IP or MAC address; `ctype_digit($x)`, `ctype_alnum($x)` letters or
            // digits only.
            "filter_var" | "ctype_digit" | "ctype_alnum" | "ctype_alpha" | "ctype_xdigit"
                if self.family == crate::syntax::Family::Php =>
            {
                let numeric = name != "filter_var"
                    || c.arg(1).is_some_and(|f| {
                        let mut hit = false;
                        f.walk(&mut |x| {
                            if let ExprKind::Name(n) = &x.kind {
                                hit |= matches!(
                                    n.as_str(),
                                    "FILTER_VALIDATE_INT"
                                        | "FILTER_VALIDATE_FLOAT"
                                        | "FILTER_VALIDATE_BOOLEAN"
                                        | "FILTER_VALIDATE_BOOL"
                                        | "FILTER_VALIDATE_IP"
                                        | "FILTER_VALIDATE_MAC"
                                );
                            }
                        });
                        hit
                    });
                match c.arg(0).and_then(subject_path) {
                    Some(n) if numeric => vec![(n, class::ALL)],
                    _ => Vec::new(),
                }
            }
            // PHP's preg_match('#^[a-z]+$#', $x): the pattern between its delimiters.
            "preg_match" => {
                let Some(raw) = c
                    .arg(0)
                    .and_then(|p| self.quiet(p).const_str().map(str::to_string))
                else {
                    return Vec::new();
                };
                let Some(pattern) = php_regex_body(&raw) else {
                    return Vec::new();
                };
                pattern_refinement(pattern, false, c.arg(1))
            }
            // Java's `s.matches("[a-z]+")` / Go's `re.MatchString(s)` match the whole
            // string (Java) or as anchored (Go): the subject is the receiver (Java) or
            // the argument of a compiled pattern (Go).
            "matches" | "MatchString" => {
                let (pattern, subject_expr, full) = if name == "matches" {
                    (
                        c.arg(0)
                            .and_then(|p| self.quiet(p).const_str().map(str::to_string)),
                        recv,
                        true,
                    )
                } else {
                    (recv.and_then(|r| self.regex_text(r)), c.arg(0), false)
                };
                let Some(pattern) = pattern else {
                    return Vec::new();
                };
                pattern_refinement(&pattern, full, subject_expr)
            }
            "startswith" | "startsWith" | "start_with?" | "HasPrefix" | "str_starts_with" => {
                // strings.HasPrefix(p, base) / str_starts_with($p, $base) take the string
                // as their first argument.
                let (recv, prefix_arg) = if matches!(name, "HasPrefix" | "str_starts_with") {
                    (c.arg(0), c.arg(1))
                } else {
                    (recv, c.arg(0))
                };
                let Some(recv) = recv else { return Vec::new() };
                // `p.normalize().toAbsolutePath().startsWith(base)`: the view of the checked form.
                let recv = strip_view(recv);
                if let Some(q) =
                    prefix_arg.and_then(|a| self.quiet(a).const_str().and_then(quote_index))
                    && let Some(n) = recv.as_name()
                {
                    return vec![(n.to_string(), QUOTE_FACTS[q][0])];
                }
                // os.path.normpath(p).startswith(base) / path.resolve(p).startsWith(base)
                if let Some(inner) = recv.as_call()
                    && inner.callee.last_name().is_some_and(|n| {
                        matches!(
                            n,
                            "normpath"
                                | "realpath"
                                | "abspath"
                                | "resolve"
                                | "normalize"
                                | "Clean"
                                | "Abs"
                                | "getCanonicalPath"
                        )
                    })
                    && let Some(var) = inner.last_arg().or(inner.arg(0)).and_then(subject_path)
                {
                    return vec![(var, class::PATH)];
                }
                // file.getCanonicalPath().startsWith(base) / p.normalize().startsWith(base):
                // the canonical form of the receiver checked, so the check is about it.
                if let Some(inner) = recv.as_call()
                    && inner.args.is_empty()
                    && let ExprKind::Attr(b, m) = &inner.callee.kind
                    && matches!(
                        m.as_str(),
                        "getCanonicalPath" | "getCanonicalFile" | "toRealPath" | "normalize"
                    )
                    && let Some(var) = root_name(strip_view(b))
                {
                    return vec![(var, class::PATH)];
                }
                // file.toPath().startsWith(base): the check is about `file`.
                let recv = strip_view(recv);
                let Some(var) = root_name(recv) else {
                    return Vec::new();
                };
                let rv = self.quiet(recv);
                let prefix = prefix_arg.map(|a| self.quiet(a));
                let mut bits = 0;
                if rv.normalized {
                    bits |= class::PATH;
                }
                if let Some(p) = prefix.as_ref().and_then(|p| p.const_str()) {
                    if fixes_host(p) {
                        bits |= class::URL | class::REDIRECT;
                    } else if p == "/" {
                        bits |= LOCAL_SLASH;
                    }
                    if fixes_scheme(p) {
                        bits |= class::SCRIPT_URL;
                    }
                }
                if bits == 0 {
                    return Vec::new();
                }
                vec![(var, bits)]
            }
            // `x.endswith("'")`: one of the facts of a quoted literal.
            "endswith" | "endsWith" => {
                if let Some(q) = c
                    .arg(0)
                    .and_then(|a| self.quiet(a).const_str().and_then(quote_index))
                    && let Some(n) = recv.and_then(Expr::as_name)
                {
                    return vec![(n.to_string(), QUOTE_FACTS[q][1])];
                }
                // `host.endswith(".example.com")` with `host` a URL's host: a subdomain of
                // a domain the program names.
                if let Some(r) = recv
                    && c.arg(0)
                        .and_then(|a| self.quiet(a).const_str().map(str::to_string))
                        .is_some_and(|sfx| {
                            sfx.len() > 2 && sfx.starts_with('.') && sfx[1..].contains('.')
                        })
                {
                    let mut refs = self.host_of_url(r);
                    if let Some((v, bits)) = subject(r)
                        && bits & !class::HOST_ONLY == class::URL | class::REDIRECT
                    {
                        refs.push((v, bits));
                    }
                    return refs;
                }
                Vec::new()
            }
            // ALLOWED.has(x), list.includes(new URL(u).hostname), set.contains(x),
            // ALLOWED.include?(x), in_array($x, $allowed), slices.Contains(allowed, x)
            "has" | "includes" | "contains" | "include?" | "member?" | "containsKey"
            | "Contains" | "in_array" | "array_key_exists" | "key?" | "has_key" => {
                // `Policy.HOSTS.has(h)`: a static field of a class of this file.
                let class_field = |r: &Expr| {
                    self.family == crate::syntax::Family::Js
                        && matches!(&r.kind, ExprKind::Attr(b, _)
                            if b.as_name().is_some_and(|n| self.module.classes.iter().any(|c| c.name == n)))
                };
                // `this.hosts.includes(h)`: a field the class sets to constants only.
                let this_field = |r: &Expr| {
                    self.family == crate::syntax::Family::Js
                        && matches!(&r.kind, ExprKind::Attr(b, f)
                            if b.as_name() == Some("this") && self.constant_this_field(f))
                };
                let (coll, subj) = match recv {
                    Some(r)
                        if !matches!(self.quiet(r).shape, Shape::Ref(_))
                            || class_field(r)
                            || this_field(r) =>
                    {
                        (Some(r), c.arg(0))
                    }
                    // Ruby's `ALLOWED.include?(x)`, `Group.statuses.include?(x)`: the
                    // receiver is the collection, also a constant or method of another file.
                    Some(r) if matches!(name, "include?" | "member?") => (Some(r), c.arg(0)),
                    _ if matches!(name, "in_array") => (c.arg(1), c.arg(0)),
                    _ if matches!(name, "array_key_exists") => (c.arg(1), c.arg(0)),
                    _ => (c.arg(0), c.arg(1)),
                };
                let (Some(coll), Some(subj)) = (coll, subj) else {
                    return Vec::new();
                };
                let cv = self.quiet(coll);
                if cv.taint.is_some() || cv.const_str().is_some() {
                    return Vec::new();
                }
                // `HOSTS.contains(host)` with `host = u.getHost()`: the URL too.
                let mut refs: Refinements = subject(subj).into_iter().collect();
                refs.extend(self.host_of_url(subj));
                refs
            }
            // ActiveSupport's `x.in?(ALLOWED)`: the argument is the collection.
            "in?" => {
                let (Some(subj), Some(coll)) = (recv, c.arg(0)) else {
                    return Vec::new();
                };
                let cv = self.quiet(coll);
                if cv.taint.is_some() || cv.const_str().is_some() {
                    return Vec::new();
                }
                subject(subj).map(|s| vec![s]).unwrap_or_default()
            }
            // ALLOWED.some((p) => url.startsWith(p)) over constant prefixes that fix the host
            "some" | "any?" => {
                let Some(recv) = recv else { return Vec::new() };
                let cv = self.quiet(recv);
                let Shape::Seq(items) = &cv.shape else {
                    return Vec::new();
                };
                let Some(f) = c.arg(0) else { return Vec::new() };
                // ALLOWED.some((a) => a === url) over constants: `url` is one of them.
                if !items.is_empty()
                    && items.iter().all(|i| i.is_const())
                    && let Some(found) = self.equals_item_subject(f)
                {
                    return vec![found];
                }
                if items.is_empty() || !items.iter().all(|i| i.const_str().is_some_and(fixes_host))
                {
                    return Vec::new();
                }
                let Some(var) = self.startswith_subject(f) else {
                    return Vec::new();
                };
                vec![(var, class::URL | class::REDIRECT)]
            }
            // Go's filepath.IsLocal(p): no `..`, not absolute, not empty.
            "IsLocal" => c
                .arg(0)
                .and_then(subject_path)
                .map(|n| vec![(n, class::PATH)])
                .unwrap_or_default(),
            // Java's "x".equals(v) / v.equals("x") / "x".equalsIgnoreCase(v)
            "equals" | "equalsIgnoreCase" => {
                let (Some(r), Some(a)) = (recv, c.arg(0)) else {
                    return Vec::new();
                };
                let (var, other) = if self.quiet(r).is_const() {
                    (a, r)
                } else {
                    (r, a)
                };
                match (self.quiet(other).is_const(), subject(var)) {
                    (true, Some(s)) => vec![s],
                    _ => Vec::new(),
                }
            }
            "is_relative_to" => match recv.and_then(subject_path) {
                Some(n) => vec![(n, class::PATH)],
                // `(BASE / name).resolve().is_relative_to(BASE)`: the resolved path
                // built from `name` stays under the folder.
                None => {
                    let mut out = Vec::new();
                    if let Some(r) = recv
                        && r.as_call().is_some_and(|rc| {
                            matches!(rc.callee.last_name(), Some("resolve" | "absolute"))
                        })
                    {
                        r.walk(&mut |x| {
                            if let ExprKind::Name(n) = &x.kind
                                && self.quiet(x).taint.is_some()
                                && !out.iter().any(|(o, _)| o == n)
                            {
                                out.push((n.clone(), class::PATH));
                            }
                        });
                    }
                    out
                }
            },
            "isinstance" => {
                let is_number = c
                    .arg(1)
                    .and_then(|t| t.last_name())
                    .is_some_and(|t| matches!(t, "int" | "float" | "bool" | "UUID"));
                match (is_number, c.arg(0).and_then(subject_path)) {
                    (true, Some(n)) => vec![(n, class::ALL)],
                    _ => Vec::new(),
                }
            }
            _ if VALIDATOR_PREFIXES.iter().any(|p| name.starts_with(p))
                || [
                    "_safe",
                    "safe_",
                    "_valid",
                    "valid_",
                    "allowed",
                    "permitted",
                    "whitelist",
                    "allowlist",
                ]
                .iter()
                .any(|p| name.to_ascii_lowercase().contains(p)) =>
            {
                let mut out = Vec::new();
                for a in &c.args {
                    if let Some(n) = root_name(&a.value) {
                        out.push((n, class::ALL));
                    }
                }
                out
            }
            _ => Vec::new(),
        }
    }

    /// Past a call of a function that raises or throws unless its check holds
    /// (`ensure_safe(p)`, `assertAllowed(url)`): what the check proves (`refs`) holds.
    pub(crate) fn apply_exit_refinements(&mut self, call: &'m Call, refs: &Refinements) {
        if refs.is_empty() {
            return;
        }
        for a in &call.args {
            self.seed_request_paths(&a.value, refs, &[]);
        }
        self.apply_refinements(refs);
    }

    /// A normal completion of the function being interpreted (`returned`: the `return`
    /// expression and its value): the classes each parameter is safe for there, kept
    /// where every completion agrees (`Summary::guard_exit`), and, when the value
    /// returned may be true, what the returned check and the checks made on the way
    /// tell about each parameter (`Summary::guard_true`).
    pub(crate) fn note_guard_exit(&mut self, returned: Option<(&Expr, &Val)>) {
        let Some(frame) = self.frames.last() else {
            return;
        };
        let n = frame.labelled.len();
        if n == 0 || !frame.labelled.iter().any(|l| *l) {
            return;
        }
        let params = &self.module.funcs[frame.func].params;
        // Each parameter's own state here: what its label was neutralised for, or every
        // class once the label is gone.
        let mut own = vec![0u32; n];
        for (i, p) in params.iter().enumerate() {
            if !frame.labelled.get(i).copied().unwrap_or(false) {
                continue;
            }
            let Some(name) = p.name() else { continue };
            let Some(val) = self.lookup(name) else {
                continue;
            };
            own[i] = val
                .taint
                .iter()
                .flat_map(|t| t.iter())
                .filter(|l| matches!(l.origin, Origin::Param(j) if j as usize == i))
                .fold(class::ALL, |a, l| a & l.neutral);
        }
        let on_true = match returned {
            Some((e, v)) if v.as_const().is_none_or(|c| c.truthy()) => {
                let mut bits = own.clone();
                let (refs, _) = self.refinements(e);
                for (var, b) in &refs {
                    let Some(val) = self.lookup(var) else {
                        continue;
                    };
                    for l in val.taint.iter().flat_map(|t| t.iter()) {
                        if let Origin::Param(i) = l.origin
                            && let Some(slot) = bits.get_mut(i as usize)
                        {
                            *slot |= b;
                        }
                    }
                }
                // A value derived from a parameter and checked on the way
                // (`full = realpath(join(ROOT, name))`; `if not full.startswith(ROOT):
                // return False`): the check vouches for what the parameter builds.
                for v in frame.state.values() {
                    for l in v.taint.iter().flat_map(|t| t.iter()) {
                        if let Origin::Param(i) = l.origin
                            && let Some(slot) = bits.get_mut(i as usize)
                        {
                            *slot |= l.neutral;
                        }
                    }
                }
                Some(bits)
            }
            _ => None,
        };
        let frame = self.frame();
        frame.guard_exit = Some(meet(frame.guard_exit.take(), own));
        if let Some(bits) = on_true {
            frame.guard_true = Some(meet(frame.guard_true.take(), bits));
        }
    }

    /// The variable a URL variable was parsed from in the current function (`next` for
    /// `u, err := url.Parse(next)`, `URI uri = URI.create(next)`, `parsed =
    /// urlparse(next)`), when it was assigned exactly once.
    pub(crate) fn parsed_from(&self, name: &str) -> Option<String> {
        self.assigned_from(
            name,
            &[
                "Parse",
                "ParseRequestURI",
                "urlparse",
                "urlsplit",
                "URL",
                "create",
                "parse",
                "parse_url",
            ],
            0,
        )
    }

    /// `const { hostname } = new URL(target)`: the variable a destructured host, origin
    /// or scheme was taken from, when that is its only assignment.
    pub(crate) fn url_part_from(&self, name: &str) -> Option<String> {
        let body = &self.module.funcs[self.current_func()].body;
        let mut found: Vec<String> = Vec::new();
        let mut assigned = 0;
        crate::ir::for_each_nested_stmt(body, &mut |s| {
            let StmtKind::Assign {
                target: Pattern::Object(props, _),
                value,
            } = &s.kind
            else {
                return;
            };
            for (key, pat) in props {
                let pat = match pat {
                    Pattern::Default(p, _) => p.as_ref(),
                    p => p,
                };
                if !matches!(pat, Pattern::Name(n, _) if n == name) {
                    continue;
                }
                assigned += 1;
                if key
                    .as_deref()
                    .is_some_and(|k| matches!(k, "hostname" | "host" | "origin" | "protocol"))
                    && let Some(c) = value.as_call()
                    && c.callee
                        .last_name()
                        .is_some_and(|n| matches!(n, "URL" | "parse"))
                    && let Some(src) = c.arg(0).and_then(|a| a.as_name())
                {
                    found.push(src.to_string());
                }
            }
        });
        if assigned == 1 { found.pop() } else { None }
    }

    /// The variable a path variable is the normalised form of (`canon` for `canon =
    /// f.getCanonicalPath()`, `p` for `clean := filepath.Clean(p)`), assigned once.
    pub(crate) fn normalized_from(&self, name: &str) -> Option<String> {
        let body = &self.module.funcs[self.current_func()].body;
        let mut found: Vec<String> = Vec::new();
        let mut assigned = 0;
        find_assignments(body, name, &mut |value| {
            assigned += 1;
            let Some(c) = value.as_call() else { return };
            let Some(n) = c.callee.last_name() else {
                return;
            };
            let src = match &c.callee.kind {
                ExprKind::Attr(b, _)
                    if matches!(
                        n,
                        "getCanonicalPath" | "getCanonicalFile" | "toRealPath" | "normalize"
                    ) && c.args.is_empty() =>
                {
                    root_name(strip_view(b))
                }
                _ if matches!(n, "Clean" | "realpath" | "normpath" | "abspath") => {
                    c.arg(0).and_then(subject_path)
                }
                _ => None,
            };
            found.extend(src);
        });
        if assigned == 1 { found.pop() } else { None }
    }

    /// The variable passed as argument `arg` of the call (by last name, one of `calls`)
    /// that `name` was assigned from, when it was assigned exactly once in the function.
    /// The variable whose text a Go parse call checked, when `err` is that call's error
    /// result (`n, err := strconv.Atoi(s)`, `_, err = uuid.Parse(s)`) and is assigned
    /// nowhere else.
    fn parse_error_of(&self, err: &str) -> Option<String> {
        let body = &self.module.funcs[self.current_func()].body;
        let mut stmt_spans: Vec<Span> = Vec::new();
        crate::ir::for_each_nested_stmt(body, &mut |st| {
            if let StmtKind::Assign {
                target: Pattern::Name(n, _),
                ..
            } = &st.kind
                && n == err
            {
                stmt_spans.push(st.span);
            }
        });
        let [span] = stmt_spans[..] else {
            return None;
        };
        let mut found = None;
        crate::ir::for_each_nested_stmt(body, &mut |st| {
            if st.span == span
                && let StmtKind::Assign { value, .. } = &st.kind
                && let Some(c) = value.as_call()
                && c.callee.dotted().is_some_and(|d| {
                    matches!(
                        d.as_str(),
                        "strconv.Atoi"
                            | "strconv.ParseInt"
                            | "strconv.ParseUint"
                            | "strconv.ParseFloat"
                            | "strconv.ParseBool"
                            | "uuid.Parse"
                            | "netip.ParseAddr"
                    )
                })
                && let Some(src) = c.arg(0).and_then(subject_path)
            {
                found = Some(src);
            }
        });
        found
    }

    /// Is `name` assigned once in the function, from a call of one of `calls`?
    fn assigned_once_from(&self, name: &str, calls: &[&str]) -> bool {
        let body = &self.module.funcs[self.current_func()].body;
        let (mut assigned, mut from) = (0, 0);
        find_assignments(body, name, &mut |value| {
            assigned += 1;
            if value
                .as_call()
                .is_some_and(|c| c.callee.last_name().is_some_and(|n| calls.contains(&n)))
            {
                from += 1;
            }
        });
        assigned == 1 && from == 1
    }

    /// `allowed = allowed || url === entry` (in a loop over the entries), with every
    /// other assignment of the flag `false`: the flag is true only once the check held,
    /// so its truth tells what the check tells. Returns that check.
    fn accumulated_check<'e>(&self, name: &str, value: &'e Expr) -> Option<&'e Expr> {
        let ExprKind::Or(a, b) = &value.kind else {
            return None;
        };
        let check = match (a.as_name(), b.as_name()) {
            (Some(x), _) if x == name => b.as_ref(),
            (_, Some(x)) if x == name => a.as_ref(),
            _ => return None,
        };
        let body = &self.module.funcs[self.current_func()].body;
        let mut only_false_or_or = true;
        find_assignments(body, name, &mut |v| {
            let ok = match &v.kind {
                ExprKind::Bool(false) => true,
                ExprKind::Or(x, y) => x.as_name() == Some(name) || y.as_name() == Some(name),
                _ => false,
            };
            only_false_or_or &= ok;
        });
        only_false_or_or.then_some(check)
    }

    fn assigned_from(&self, name: &str, calls: &[&str], arg: usize) -> Option<String> {
        let body = &self.module.funcs[self.current_func()].body;
        let mut found: Vec<String> = Vec::new();
        let mut assigned = 0;
        find_assignments(body, name, &mut |value| {
            assigned += 1;
            if let Some(c) = value.as_call()
                && c.callee.last_name().is_some_and(|n| calls.contains(&n))
                // a variable, or a field read straight off the request (`req.query.next`)
                && let Some(src) = c
                    .arg(arg)
                    .and_then(|a| a.as_name().map(str::to_string).or_else(|| request_path(a)))
            {
                found.push(src);
            }
        });
        if assigned == 1 { found.pop() } else { None }
    }

    /// `switch u.Hostname() { case "a", "b": ... }`: in a case whose values are all
    /// constants, the subject is one of them.
    pub(crate) fn case_refinements(&self, subj: &Expr, values: &[Expr]) -> Refinements {
        if values.is_empty() || !values.iter().all(|v| self.quiet(v).is_const()) {
            return Vec::new();
        }
        subject(subj).map(|s| vec![s]).unwrap_or_default()
    }

    /// What a call being false tells: `u.startsWith("//")` false means no other host
    /// is named by a leading `//`.
    /// The function a call reaches, when its summary is at hand: a function or a method
    /// of this file, or a function (a JavaScript class's method) of another module of the
    /// project.
    pub(crate) fn called_summary(&self, c: &Call) -> Option<Called<'m>> {
        use crate::syntax::Family;
        let module = self.module;
        let local = |id: FuncId, skip: usize| {
            let summary = self.summaries.get(id)?.clone();
            if summary.is_none() {
                self.order_sensitive.set(true);
            }
            let summary = summary?;
            Some(Called {
                summary,
                params: Params::Local(&module.funcs[id].params),
                skip,
            })
        };
        let project = |found: Option<(Arc<Summary>, Vec<String>)>| {
            found.map(|(summary, names)| Called {
                summary,
                params: Params::Project(names),
                skip: 0,
            })
        };
        // The class the function being interpreted belongs to (a lambda's: its parent's).
        let own_class = || {
            let mut f = self.current_func();
            loop {
                let func = &module.funcs[f];
                if let Some(c) = &func.class {
                    break Some(c.as_str());
                }
                f = func.parent?;
            }
        };
        match (&c.callee.kind, self.family) {
            (ExprKind::Name(n), _) => match self.quiet(&c.callee).shape {
                Shape::Func(id) => local(id, 0),
                // A function imported from another module of the project
                // (`is_valid_hostname(h)`, `isAllowedUrl(u)`).
                Shape::Ref(p) if p.contains('.') => project(self.project_function(&p)),
                // Java: `isInside(base, p)`, a method of this class called by its bare name.
                _ if family_is_java(self.family) => local(self.method_of(own_class()?, n)?, 0),
                _ => None,
            },
            // Java: `PathChecks.isInside(base, p)` (a static method of this file's class or
            // of a class of the project) and `this.isInside(base, p)`.
            (ExprKind::Attr(b, m), Family::Java) => {
                if b.as_name() == Some("this") {
                    return local(self.method_of(own_class()?, m)?, 0);
                }
                if let Some(n) = b.as_name()
                    && module.classes.iter().any(|c| c.name == n)
                {
                    return local(self.method_of(n, m)?, 0);
                }
                match self.quiet(&c.callee).shape {
                    Shape::Ref(p) if p.contains('.') => project(self.project_function(&p)),
                    _ => None,
                }
            }
            (ExprKind::Attr(b, m), family @ (Family::Python | Family::Js)) => {
                // A Python method is called past its `self` (`self.is_known_env(env)`).
                let local = |id: FuncId| {
                    let skip = family == Family::Python
                        && module.funcs[id]
                            .params
                            .first()
                            .is_some_and(|p| matches!(p.name(), Some("self" | "cls")));
                    local(id, usize::from(skip))
                };
                match self.quiet(&c.callee).shape {
                    Shape::Func(id) => return local(id),
                    // `security.isRedirectAllowed(url)` after `import * as security from
                    // '../lib/insecurity'` (or `const security = require(...)`): a function
                    // of another module of the project, read the way an imported name is.
                    Shape::Ref(p) if family == Family::Js && p.contains('.') => {
                        if let Some(found) = self.project_function(&p) {
                            return project(Some(found));
                        }
                    }
                    _ => {}
                }
                // `Policy.allows(url)`: a static method of this file's class.
                if let Some(n) = b.as_name()
                    && module.classes.iter().any(|c| c.name == n)
                {
                    return local(self.method_of(n, m)?);
                }
                // `this.isInside(base, p)`: a method of this file's class, or of a class
                // of another module.
                match &self.quiet(b).shape {
                    Shape::Obj(super::value::ObjKind::Instance(cls)) => {
                        match self.method_of(cls, m) {
                            Some(id) => local(id),
                            None if cls.contains('.') => {
                                project(self.project_method_function(cls, m))
                            }
                            None => None,
                        }
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// `this.<name>` is set once, in a class body, to a literal collection of constants
    /// (`hosts = ["a.example.com"]`, `allowed = new Set([...])`), and nothing assigns it
    /// or adds to it.
    fn constant_this_field(&self, name: &str) -> bool {
        fn is_this_field(e: &Expr, name: &str) -> bool {
            matches!(&e.kind, ExprKind::Attr(b, f) if f == name && b.as_name() == Some("this"))
        }
        fn const_list(e: &Expr) -> bool {
            let items = match &e.kind {
                ExprKind::List(items) => items,
                ExprKind::Call(c) if c.is_new && c.callee.as_name() == Some("Set") => {
                    match c.arg(0).map(|a| &a.kind) {
                        Some(ExprKind::List(items)) => items,
                        _ => return false,
                    }
                }
                _ => return false,
            };
            items
                .iter()
                .all(|i| matches!(i.kind, ExprKind::Str(_) | ExprKind::Num(_)))
        }
        let mut inits = 0;
        let mut other = false;
        for f in &self.module.funcs {
            crate::ir::for_each_nested_stmt(&f.body, &mut |st| {
                if let StmtKind::Assign {
                    target: Pattern::Attr(b, a, _),
                    value,
                } = &st.kind
                    && a == name
                    && b.as_name() == Some("this")
                {
                    if const_list(value) {
                        inits += 1;
                    } else {
                        other = true;
                    }
                }
            });
            super::handlers::walk_calls(&f.body, &mut |c| {
                if let ExprKind::Attr(b, m) = &c.callee.kind
                    && is_this_field(b, name)
                    && matches!(
                        m.as_str(),
                        "add" | "push" | "set" | "unshift" | "splice" | "delete" | "clear"
                    )
                {
                    other = true;
                }
            });
        }
        inits == 1 && !other
    }

    fn call_guard_false(&self, c: &Call) -> Refinements {
        let Some(name) = c.callee.last_name() else {
            return Vec::new();
        };
        // `any(ch in s for ch in ";|&$`\n")` false: `s` holds none of the characters a
        // shell reads as syntax.
        if self.family == crate::syntax::Family::Python
            && name == "any"
            && c.callee.as_name().is_some()
            && let Some(arg) = c.arg(0)
            && let ExprKind::Comp(elt, gens) = &arg.kind
            && let [(Pattern::Name(v, _), iter)] = gens.as_slice()
            && let ExprKind::Compare(CmpOp::In, l, r) = &elt.kind
            && l.as_name() == Some(v.as_str())
            && let Some(subj) = root_name(r)
        {
            let set = self.quiet(iter);
            let mut chars = String::new();
            match &set.shape {
                Shape::Seq(items) => {
                    for i in items.iter() {
                        chars.push_str(i.const_str().unwrap_or(""));
                    }
                }
                _ => chars.push_str(set.const_str().unwrap_or("")),
            }
            let covers = |set: &str| set.chars().all(|ch| chars.contains(ch));
            let mut bits = 0;
            if covers(";|&$`\n") {
                bits |= class::SHELL;
            }
            // No `<`: no markup in text.
            if covers("<>") {
                bits |= class::HTML;
            }
            return if bits == 0 {
                Vec::new()
            } else {
                vec![(subj, bits)]
            };
        }
        // PHP `str_contains($f, '..')` / Go `strings.Contains(name, "..")` false: no
        // parent-directory step (see class::NO_PARENT).
        if matches!(name, "str_contains" | "Contains")
            && c.args.len() == 2
            && let Some(subj) = c.arg(0)
            && c.arg(1)
                .is_some_and(|a| self.quiet(a).const_str().is_some_and(is_parent_step))
            && let Some(v) = root_name(subj)
        {
            return vec![(v, class::NO_PARENT)];
        }
        // Ruby's `x.match?(/[^a-z0-9_-]/)` (also `x =~ RE`, `RE.match?(x)`) false: no
        // character outside the class, as a full match of `\A[a-z0-9_-]*\z` says.
        if self.family == crate::syntax::Family::Ruby
            && matches!(name, "match?" | "match")
            && let ExprKind::Attr(b, _) = &c.callee.kind
            && let Some(arg) = c.arg(0)
        {
            let (pattern, subj) = match self.regex_text(arg) {
                Some(p) => (Some(p), b.as_ref()),
                None => (self.regex_text(b), arg),
            };
            if let Some(p) = pattern
                && let Some(inner) = p
                    .strip_prefix("[^")
                    .and_then(|r| r.strip_suffix("]+").or_else(|| r.strip_suffix(']')))
                && !inner.contains(']')
                // (No `.` or separator among what is left: no `..` step either.)
                && !["\\w", "\\d", "\\-", "\\_"]
                    .iter()
                    .fold(inner.to_string(), |t, e| t.replace(e, ""))
                    .contains(['.', '/', '\\'])
                && is_strict_validator(&format!("\\A[{inner}]*\\z"), false)
                && let Some(n) = subject_path(subj)
            {
                return vec![(n, class::ALL)];
            }
            return Vec::new();
        }
        // `name.includes("..")` / Java `name.contains("..")` / Ruby `name.include?("..")`
        // false: no parent-directory step (see class::NO_PARENT).
        if (name == "includes"
            || self.family == crate::syntax::Family::Java && name == "contains"
            || self.family == crate::syntax::Family::Ruby && name == "include?")
            && let ExprKind::Attr(b, _) = &c.callee.kind
            && c.args.len() == 1
            && self
                .quiet(&c.args[0].value)
                .const_str()
                .is_some_and(is_parent_step)
        {
            return subject_path(b)
                .map(|n| vec![(n, class::NO_PARENT)])
                .unwrap_or_default();
        }
        // `os.path.isabs(p)` false: a relative path (see class::NOT_ABS).
        if self.family == crate::syntax::Family::Python
            && name == "isabs"
            && let Some(v) = c.arg(0).and_then(root_name)
        {
            return vec![(v, class::NOT_ABS)];
        }
        if !matches!(
            name,
            "startswith" | "startsWith" | "start_with?" | "HasPrefix" | "str_starts_with"
        ) {
            return Vec::new();
        }
        let (recv, prefix) = match &c.callee.kind {
            ExprKind::Attr(b, _) if !matches!(name, "HasPrefix" | "str_starts_with") => {
                (Some(b.as_ref()), c.arg(0))
            }
            _ => (c.arg(0), c.arg(1)),
        };
        let (Some(recv), Some(prefix)) = (recv, prefix) else {
            return Vec::new();
        };
        let pv = self.quiet(prefix);
        let parent_prefix = self
            .const_text(prefix, 0)
            .is_some_and(|p| is_parent_step(&p));
        // `rel, err := filepath.Rel(base, p)`; `strings.HasPrefix(rel, "..")` (or
        // `".." + string(filepath.Separator)`) false: `p` stays under `base`, and so does
        // `rel` joined back to `base`.
        const RELATIVE: &[&str] = &["Rel", "relpath", "relative"];
        if parent_prefix
            && let Some(rel) = root_name(recv)
            && self.assigned_once_from(&rel, RELATIVE)
        {
            let mut out = Vec::new();
            if let Some(src) = self.assigned_from(&rel, RELATIVE, 1) {
                out.push((src, class::PATH));
            }
            out.push((rel, class::PATH));
            return out;
        }
        // `path.relative(base, p).startsWith("..")` tested inline.
        if parent_prefix
            && let Some(rc) = recv.as_call()
            && rc
                .callee
                .last_name()
                .is_some_and(|n| matches!(n, "Rel" | "relpath" | "relative"))
            && let Some(src) = rc.arg(1).and_then(subject_path)
        {
            return vec![(src, class::PATH)];
        }
        // `p.startswith("/")` false (Python): not an absolute path (see class::NOT_ABS).
        if self.family == crate::syntax::Family::Python
            && pv.const_str() == Some("/")
            && let Some(v) = root_name(recv)
        {
            return vec![(v, class::NOT_ABS)];
        }
        let other_host = |p: &str| p == "//" || p == "/\\";
        let names_other_host = match &pv.shape {
            Shape::Seq(items) => items.iter().any(|i| i.const_str().is_some_and(other_host)),
            _ => pv.const_str().is_some_and(other_host),
        };
        match (names_other_host, root_name(recv)) {
            (true, Some(v)) => vec![(v, NOT_OTHER_HOST)],
            _ => Vec::new(),
        }
    }

    /// The variable a one-parameter arrow/lambda tests with `startsWith(param)`.
    /// `(a) => a === url` (either side, `==` too): the variable compared with the
    /// callback's own parameter.
    fn equals_item_subject(&self, f: &Expr) -> Option<(String, u32)> {
        let ExprKind::Func(id) = f.kind else {
            return None;
        };
        let func = &self.module.funcs[id];
        let [param] = func.params.as_slice() else {
            return None;
        };
        let p = param.name()?;
        let [stmt] = func.body.as_slice() else {
            return None;
        };
        let (StmtKind::Return(Some(body)) | StmtKind::Expr(body)) = &stmt.kind else {
            return None;
        };
        let ExprKind::Compare(CmpOp::Eq, l, r) = &body.kind else {
            return None;
        };
        let other = match (l.as_name(), r.as_name()) {
            (Some(x), _) if x == p => r,
            (_, Some(x)) if x == p => l,
            _ => return None,
        };
        subject(other).filter(|(n, _)| n != p)
    }

    fn startswith_subject(&self, f: &Expr) -> Option<String> {
        let ExprKind::Func(id) = f.kind else {
            return None;
        };
        let func = &self.module.funcs[id];
        let [stmt] = func.body.as_slice() else {
            return None;
        };
        let (StmtKind::Return(Some(body)) | StmtKind::Expr(body)) = &stmt.kind else {
            return None;
        };
        let c = body.as_call()?;
        if !matches!(
            c.callee.last_name()?,
            "startswith" | "startsWith" | "start_with?"
        ) {
            return None;
        }
        let ExprKind::Attr(recv, _) = &c.callee.kind else {
            return None;
        };
        root_name(recv)
    }

    /// The pattern of a regex value (`re.compile("...")`, `/.../`, a name bound to one).
    fn regex_text(&self, e: &Expr) -> Option<String> {
        if let Some(c) = e.as_call() {
            let n = c.callee.last_name()?;
            if matches!(n, "compile" | "RegExp" | "MustCompile")
                || n == "new"
                    && matches!(&c.callee.kind, ExprKind::Attr(b, _) if b.as_name() == Some("Regexp"))
            {
                return c
                    .arg(0)
                    .and_then(|a| self.quiet(a).const_str().map(str::to_string));
            }
        }
        match &self.quiet(e).shape {
            Shape::Obj(super::value::ObjKind::Regex(p)) => Some(p.to_string()),
            _ => None,
        }
    }

    /// The value of a simple expression without running rules or adding path hops:
    /// names, attributes of modules, literals.
    /// The text of a constant expression: a literal, a constant, a concatenation of them
    /// (`".." + string(filepath.Separator)`, Go's `string(...)` conversion kept).
    fn const_text(&self, e: &Expr, depth: u32) -> Option<String> {
        if depth > 4 {
            return None;
        }
        match &e.kind {
            ExprKind::Binary(BinOp::Add, a, b) => {
                Some(self.const_text(a, depth + 1)? + &self.const_text(b, depth + 1)?)
            }
            ExprKind::Call(c) if c.callee.as_name() == Some("string") && c.args.len() == 1 => {
                self.const_text(c.arg(0)?, depth + 1)
            }
            ExprKind::Attr(b, name) => {
                let base = self.quiet(b);
                let path = format!("{}.{name}", base.ref_path()?);
                self.ref_value(&path, e.span)
                    .const_str()
                    .map(str::to_string)
            }
            _ => self.quiet(e).const_str().map(str::to_string),
        }
    }

    pub(crate) fn quiet(&self, e: &Expr) -> Val {
        match &e.kind {
            ExprKind::Name(n) => self.lookup(n).unwrap_or_else(|| self.free_name(n, e.span)),
            ExprKind::Str(s) | ExprKind::Bytes(s) => Val::str(s),
            ExprKind::Num(n) => Val::constant(Const::Num(*n)),
            ExprKind::Bool(b) => Val::constant(Const::Bool(*b)),
            ExprKind::Null => Val::constant(Const::Null),
            ExprKind::List(items) => Val {
                shape: Shape::Seq(std::sync::Arc::new(
                    items.iter().map(|i| self.quiet(i)).collect(),
                )),
                ..Val::default()
            },
            ExprKind::Dict(items) => {
                let mut out = Vec::new();
                for (k, v) in items {
                    match k {
                        DictKey::Const(k) => {
                            out.push((std::sync::Arc::from(k.as_str()), self.quiet(v)))
                        }
                        _ => return Val::unknown(),
                    }
                }
                Val {
                    shape: Shape::Map(std::sync::Arc::new(out)),
                    ..Val::default()
                }
            }
            ExprKind::Attr(b, name) => {
                let bv = self.quiet(b);
                match &bv.shape {
                    Shape::Ref(p) => Val::reference(&format!("{p}.{name}")),
                    Shape::Map(_) => bv.field(name).unwrap_or_default(),
                    // `self.ALLOWED`: an attribute the class body sets.
                    Shape::Obj(super::value::ObjKind::Instance(cls))
                        if self.family == crate::syntax::Family::Python
                            && self.class_constant(cls, name)
                            && let Some(v) =
                                self.globals.as_ref().and_then(|g| g.get(name.as_str())) =>
                    {
                        v.clone()
                    }
                    _ => Val {
                        taint: bv.all_taint(),
                        ..Val::default()
                    },
                }
            }
            ExprKind::Call(c) => {
                // keys() / frozenset(...) / set(...) of constants stay constant tables.
                let n = c.callee.last_name().unwrap_or("");
                if matches!(n, "keys" | "values")
                    && let ExprKind::Attr(b, _) = &c.callee.kind
                {
                    return self.quiet(b);
                }
                // Set.of("a", "b") / List.of(...) / Arrays.asList(...): the arguments.
                if matches!(n, "of" | "asList") && c.args.len() > 1 {
                    return Val {
                        shape: Shape::Seq(std::sync::Arc::new(
                            c.args.iter().map(|a| self.quiet(&a.value)).collect(),
                        )),
                        ..Val::default()
                    };
                }
                if matches!(n, "frozenset" | "set" | "tuple" | "list" | "Set" | "of")
                    && let Some(a) = c.arg(0)
                {
                    return self.quiet(a);
                }
                Val::unknown()
            }
            _ => Val::unknown(),
        }
    }
}

/// A part of a parsed URL that tells where it leads: its host or scheme (Python's
/// `urlparse`, the WHATWG `URL`, Go's `url.URL`).
/// The host (or base URL) the current request was addressed to: Flask/Werkzeug
/// `request.host` / `request.host_url` / `request.url_root`, Django
/// `request.get_host()`, the `Host` header read off a request (`request.headers["Host"]`,
/// Express `req.headers.host` / `req.get("host")` / `req.hostname`, Koa `ctx.host`).
/// A URL compared equal to it stays on this site.
fn own_host_expr(x: &Expr) -> bool {
    const REQUESTS: &[&str] = &["request", "req", "ctx", "context", "self.request"];
    let is_request = |b: &Expr| {
        b.last_name().is_some_and(|n| REQUESTS.contains(&n))
            || subject_path(b).is_some_and(|p| REQUESTS.contains(&p.as_str()))
    };
    let host_word = |s: &str| s.eq_ignore_ascii_case("host");
    match &x.kind {
        ExprKind::Attr(b, a) => {
            matches!(
                a.as_str(),
                "host_url" | "url_root" | "host" | "base_url" | "hostname" | "origin"
            ) && is_request(b)
                // `req.headers.host`
                || host_word(a)
                    && matches!(&b.kind, ExprKind::Attr(r, h) if h == "headers" && is_request(r))
        }
        // `request.headers["Host"]` / `req.headers["host"]`
        ExprKind::Index(b, k) => {
            k.as_str().is_some_and(host_word)
                && matches!(&b.kind, ExprKind::Attr(r, h) if h == "headers" && is_request(r))
        }
        ExprKind::Call(c) => match &c.callee.kind {
            // Django `request.get_host()`
            ExprKind::Attr(r, m) if m == "get_host" => is_request(r),
            // `req.get("host")`, `req.header("Host")`, `request.headers.get("Host")`
            ExprKind::Attr(r, m) if matches!(m.as_str(), "get" | "header" | "getHeader") => {
                c.arg(0).and_then(Expr::as_str).is_some_and(host_word)
                    && (is_request(r)
                        || matches!(&r.kind, ExprKind::Attr(q, h) if h == "headers" && is_request(q)))
            }
            _ => false,
        },
        _ => false,
    }
}

fn is_url_part(attr: &str) -> bool {
    matches!(
        attr,
        "netloc" | "hostname" | "host" | "origin" | "scheme" | "protocol" | "Host" | "Scheme"
    )
}

/// The variable a check is about, and the sink classes the check covers: the variable
/// itself (all classes), or the host/scheme of a URL parsed from it (URL and redirect).
fn subject(e: &Expr) -> Option<(String, u32)> {
    match &e.kind {
        ExprKind::Name(n) => Some((n.clone(), class::ALL)),
        // `ALLOWED.has(next ?? "")`, `x || ""`, Python's `x or ""`: a check that holds for
        // the value with a literal default holds for the value, or the value was empty.
        ExprKind::Or(a, b)
            if matches!(
                b.kind,
                ExprKind::Str(_) | ExprKind::Num(_) | ExprKind::Null | ExprKind::Bool(_)
            ) =>
        {
            subject(a)
        }
        // PHP's `$_GET['page']`: one field of a superglobal, refined where it is read
        // again.
        ExprKind::Index(..) => superglobal_field(e).map(|p| (p, class::ALL)),
        // Ruby's `x.to_s` (no parentheses): the text of `x`.
        ExprKind::Attr(b, a) if matches!(a.as_str(), "to_s" | "to_str") => subject(b),
        // `req.query.sort`: a field read straight off the request (see
        // `Engine::seed_request_paths`).
        ExprKind::Attr(b, a)
            if matches!(b.kind, ExprKind::Attr(..))
                && !matches!(
                    a.as_str(),
                    "netloc" | "hostname" | "host" | "origin" | "scheme" | "protocol"
                ) =>
        {
            request_path(e).map(|p| (p, class::ALL))
        }
        ExprKind::Attr(b, a) if !is_url_part(a) && b.as_name().is_some() => {
            b.as_name().map(|n| (format!("{n}.{a}"), class::ALL))
        }
        ExprKind::Attr(base, attr) if is_url_part(attr) => {
            // urlparse(url).netloc / new URL(url).hostname / parsed.netloc.
            let inner = match &base.kind {
                ExprKind::Call(c) => c.arg(0),
                _ => Some(base.as_ref()),
            };
            // The scheme alone (`parsed.scheme in ("http", "https")`) leaves the host
            // open, but no `javascript:` link gets through; the origin fixes both; the
            // host alone fixes no scheme.
            let bits = match attr.as_str() {
                "scheme" | "protocol" | "Scheme" => class::SCRIPT_URL,
                "origin" => class::URL | class::REDIRECT,
                _ => class::URL | class::REDIRECT | class::HOST_ONLY,
            };
            inner.and_then(subject_path).map(|n| (n, bits))
        }
        ExprKind::Call(c) => {
            // lower()/strip() of the variable; u.Hostname(), url.getHost()
            match &c.callee.kind {
                // PHP's parse_url($url, PHP_URL_HOST)
                ExprKind::Name(n) if n == "parse_url" => c
                    .arg(0)
                    .and_then(subject_path)
                    .map(|n| (n, class::URL | class::REDIRECT | class::HOST_ONLY)),
                ExprKind::Attr(b, m)
                    if matches!(
                        m.as_str(),
                        "Hostname" | "getHost" | "getAuthority" | "host" | "hostname"
                    ) =>
                {
                    root_name(b).map(|n| (n, class::URL | class::REDIRECT | class::HOST_ONLY))
                }
                ExprKind::Attr(b, m)
                    if matches!(
                        m.as_str(),
                        "lower" | "upper" | "strip" | "toLowerCase" | "trim"
                    ) =>
                {
                    subject(b)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// What a successful match of `pattern` (over the whole subject when `full`) tells
/// about the subject: safe for every sink when it only admits plain characters, safe as
/// a redirect/URL when it only admits paths on this site.
fn pattern_refinement(pattern: &str, full: bool, subject: Option<&Expr>) -> Refinements {
    let strict = strict_validator_bits(pattern, full);
    let bits = if strict != 0 {
        strict
    } else if is_local_path_regex(pattern) {
        class::URL | class::REDIRECT
    } else if !pattern.contains('|')
        && pattern
            .strip_prefix('^')
            .is_some_and(|p| fixes_scheme(&regex_literal_head(p)))
    {
        // `/^https?:\/\//i.test(u)`: the scheme is fixed (no alternative branch).
        class::SCRIPT_URL
    } else {
        return Vec::new();
    };
    subject
        .and_then(subject_path)
        .map(|n| vec![(n, bits)])
        .unwrap_or_default()
}

/// The pattern of a PCRE literal without its delimiters and flags (`#^/[a-z]+$#i`).
pub(crate) fn php_regex_body(raw: &str) -> Option<&str> {
    let open = raw.chars().next()?;
    if open.is_ascii_alphanumeric() || open == '\\' || open.is_whitespace() {
        return None;
    }
    let close = match open {
        '(' => ')',
        '{' => '}',
        '[' => ']',
        '<' => '>',
        c => c,
    };
    let end = raw.rfind(close)?;
    (end > 0).then(|| &raw[open.len_utf8()..end])
}

/// `x.toPath()`, `x.toString()`, `x.to_s`: another view of the same value.
fn family_is_java(f: crate::syntax::Family) -> bool {
    f == crate::syntax::Family::Java
}

fn strip_view(e: &Expr) -> &Expr {
    // Ruby's `path.to_s` without parentheses.
    if let ExprKind::Attr(b, m) = &e.kind
        && matches!(m.as_str(), "to_s" | "to_path")
    {
        return strip_view(b);
    }
    if let Some(c) = e.as_call()
        && c.args.is_empty()
        && let ExprKind::Attr(b, m) = &c.callee.kind
        && matches!(
            m.as_str(),
            "toPath" | "toFile" | "toString" | "to_s" | "String" | "toAbsolutePath"
        )
    {
        return strip_view(b);
    }
    // `str(p)` / `os.fspath(p)`: the text of a path object.
    if let Some(c) = e.as_call()
        && c.args.len() == 1
        && match &c.callee.kind {
            ExprKind::Name(n) => n == "str",
            ExprKind::Attr(b, m) => m == "fspath" && b.as_name() == Some("os"),
            _ => false,
        }
        && let Some(a) = c.arg(0)
    {
        return strip_view(a);
    }
    e
}

/// The variable name an expression is (a name, or a name under `str()`/`lower()`).
/// [`root_name`], or a field read straight off the request (`req.params.id`).
pub(crate) fn subject_path(e: &Expr) -> Option<String> {
    root_name(e)
        .or_else(|| request_path(e))
        .or_else(|| superglobal_field(e))
}

fn root_name(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Name(n) => Some(n.clone()),
        // Ruby's `x.to_s` (no parentheses): the text of `x`.
        ExprKind::Attr(b, a) if matches!(a.as_str(), "to_s" | "to_str") => root_name(b),
        // One field of a variable (`hook.url`): refined on its own.
        ExprKind::Attr(b, a) => b.as_name().map(|n| format!("{n}.{a}")),
        ExprKind::Call(c) => match &c.callee.kind {
            ExprKind::Attr(b, m)
                if matches!(
                    m.as_str(),
                    "lower" | "upper" | "strip" | "toLowerCase" | "trim"
                ) =>
            {
                root_name(b)
            }
            ExprKind::Name(n) if n == "str" || n == "String" => c.arg(0).and_then(subject_path),
            _ => None,
        },
        _ => None,
    }
}

/// `^/[^/\\]`: a path on this site (a `/` not followed by another `/` or `\\`).
fn is_local_path_regex(pattern: &str) -> bool {
    let Some(rest) = pattern.strip_prefix('^') else {
        return false;
    };
    let Some(rest) = rest.strip_prefix("\\/").or_else(|| rest.strip_prefix('/')) else {
        return false;
    };
    if let Some(class) = rest.strip_prefix("[^") {
        let body = class.split(']').next().unwrap_or("");
        return body.contains('/') && body.contains('\\');
    }
    rest.starts_with("(?![/\\\\])")
}

/// Does a URL prefix leave no room for a `javascript:`, `data:` or `vbscript:` scheme?
/// Any non-empty prefix that does not begin one of them (`https://`, `/`, `mailto:`,
/// `http`): the scheme the URL ends up with starts with other characters, or there is
/// none. Case is ignored, as browsers do.
pub(crate) fn fixes_scheme(prefix: &str) -> bool {
    const SCRIPTED: [&str; 3] = ["javascript:", "data:", "vbscript:"];
    let p = prefix.to_ascii_lowercase();
    // Browsers skip leading spaces and control characters before the scheme.
    let p = p.trim_start_matches(|c: char| c <= ' ');
    !p.is_empty()
        && !SCRIPTED
            .iter()
            .any(|s| s.starts_with(p) || p.starts_with(s))
}

/// The literal text a regex (after its `^`) starts with: up to the first
/// metacharacter, without a character a quantifier makes optional (`https?` -> `http`).
fn regex_literal_head(pattern: &str) -> String {
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        let lit = match c {
            '\\' => match chars.next() {
                Some(e @ ('/' | ':' | '.' | '-')) => e,
                _ => break,
            },
            c if c.is_ascii_alphanumeric() || matches!(c, ':' | '/' | '-') => c,
            _ => break,
        };
        if matches!(chars.peek(), Some('?' | '*' | '{')) {
            break;
        }
        out.push(lit);
    }
    out
}

/// Does a URL prefix fix the scheme and host (`https://api.example.com/`)?
pub(crate) fn fixes_host(prefix: &str) -> bool {
    let Some((scheme, rest)) = prefix.split_once("://") else {
        // A path on the same site: "/home" (but not "//evil" or "/\evil").
        return prefix.len() >= 2
            && prefix.starts_with('/')
            && !prefix[1..].starts_with(['/', '\\']);
    };
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+')
    {
        return false;
    }
    match rest.find(['/', '?', '#']) {
        Some(i) => i > 0 && !rest[..i].contains('@'),
        None => false,
    }
}

/// Does a URL prefix fix the scheme and host and then open the query string or fragment
/// (`https://api.example.com/v1?city=`, `/search#`)? Text after it names no host or
/// path step: it cannot change where a request or redirect goes.
pub(crate) fn fixes_target(prefix: &str) -> bool {
    fixes_host(prefix) && opens_query(prefix)
}

/// Has the query string or fragment begun in a URL whose host is already written
/// (a `?` or `#` after the authority)?
pub(crate) fn opens_query(url: &str) -> bool {
    let after_authority = match url.split_once("://") {
        Some((_, rest)) => rest.find(['/', '?', '#']).map_or("", |i| &rest[i..]),
        None => url,
    };
    after_authority.contains(['?', '#'])
}

/// The written start of `rel` resolved against the written URL `base` (RFC 3986
/// reference resolution), when that start decides the host: an absolute URL that fixes
/// its host, or a reference that is relative (starts a query, a fragment, a rooted path
/// of at least one step, or a path segment). `None` when the rest could still name
/// another host (`""`, `"/"`, `"//"`).
pub(crate) fn resolve_ref(base: &str, rel: &str) -> Option<String> {
    if let Some(colon) = rel.find(':')
        && !rel[..colon].contains(['/', '?', '#'])
    {
        return fixes_host(rel).then(|| rel.to_string());
    }
    let (scheme, rest) = base.split_once("://")?;
    let auth_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = &base[..scheme.len() + 3 + auth_end];
    if auth_end == 0 || origin.contains('@') {
        return None;
    }
    let without = |cut: &[char]| base.find(cut).map_or(base, |i| &base[..i]);
    let resolved = match rel.as_bytes().first()? {
        b'?' => format!("{}{rel}", without(&['?', '#'])),
        b'#' => format!("{}{rel}", without(&['#'])),
        b'/' if fixes_host(rel) => format!("{origin}{rel}"),
        b'/' => return None,
        _ if rel.contains(['/', '?', '#']) => {
            let path = without(&['?', '#']);
            let dir = match path[origin.len()..].rfind('/') {
                Some(i) => &path[..origin.len() + i + 1],
                None => return Some(format!("{origin}/{rel}")).filter(|r| fixes_host(r)),
            };
            format!("{dir}{rel}")
        }
        _ => return None,
    };
    fixes_host(&resolved).then_some(resolved)
}

/// Is `pattern` a validator that lets no metacharacters through, for every sink (see
/// [`strict_validator_bits`])? Callers that can only call a value safe or not use this.
pub(crate) fn is_strict_validator(pattern: &str, full: bool) -> bool {
    strict_validator_bits(pattern, full) == class::ALL
}

/// The sink classes a value matching `pattern` is safe for: every class when it is a
/// strict validator (see [`plain_chars_only`]), every class but paths when it also
/// spells a parent-directory step (`^[a-z./]+$` admits `../../etc/passwd`), none
/// otherwise.
pub(crate) fn strict_validator_bits(pattern: &str, full: bool) -> u32 {
    if !plain_chars_only(pattern, full) {
        0
    } else if admits_parent_step(pattern) {
        // (Nor the path facts: the match may hold `..` and start with `/`.)
        class::ALL & !(class::PATH | class::NO_PARENT | class::NOT_ABS)
    } else {
        class::ALL
    }
}

/// Does the pattern admit `.` in a character class (so `..` when repeated) and a path
/// separator anywhere (`/` or `\` in a class or written out)? Its matches can then
/// climb out of a folder, though no other metacharacter gets through.
fn admits_parent_step(pattern: &str) -> bool {
    let chars: Vec<char> = pattern.chars().collect();
    let (mut dot_in_class, mut separator) = (false, false);
    let mut i = 0;
    let mut in_class = false;
    // The previous member of the class, for a range `a-z`.
    let mut prev: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        // A member of the pattern: an escaped character, a class escape (`\w`) or a
        // plain character.
        let (member, width) = if c == '\\' {
            match chars.get(i + 1) {
                Some(&e) if e.is_ascii_alphanumeric() => (None, 2),
                Some(&e) => (Some(e), 2),
                None => (None, 1),
            }
        } else {
            (Some(c), 1)
        };
        if !in_class {
            match member {
                Some('[') if c == '[' => {
                    in_class = true;
                    prev = None;
                    // (`[^...]` never gets here: plain_chars_only refused it.)
                    if chars.get(i + 1) == Some(&'^') {
                        i += 1;
                    }
                }
                Some('/' | '\\') => separator = true,
                _ => {}
            }
            i += width;
            continue;
        }
        match member {
            Some(']') if c == ']' => in_class = false,
            Some('-')
                if c == '-' && prev.is_some() && chars.get(i + 1).is_some_and(|n| *n != ']') =>
            {
                // A range from `prev` to the next member.
                let lo = prev.unwrap_or('-');
                let (hi, w) = match chars.get(i + 1) {
                    Some('\\') => (chars.get(i + 2).copied().unwrap_or(lo), 3),
                    Some(&h) => (h, 2),
                    None => (lo, 1),
                };
                dot_in_class |= (lo..=hi).contains(&'.');
                separator |= (lo..=hi).contains(&'/') || (lo..=hi).contains(&'\\');
                prev = None;
                i += w;
                continue;
            }
            Some(m) => {
                dot_in_class |= m == '.';
                separator |= m == '/' || m == '\\';
                prev = Some(m);
            }
            None => prev = None,
        }
        i += width;
    }
    dot_in_class && separator
}

/// Is `pattern` anchored at both ends (or used with fullmatch) and without `.`, negated
/// classes or `\S`/`\W`: a validator that lets no metacharacters through?
fn plain_chars_only(pattern: &str, full: bool) -> bool {
    let anchored_start = pattern.starts_with('^') || pattern.starts_with("\\A") || full;
    let anchored_end =
        pattern.ends_with('$') || pattern.ends_with("\\Z") || pattern.ends_with("\\z") || full;
    if !anchored_start || !anchored_end {
        return false;
    }
    let b = pattern.as_bytes();
    let mut i = 0;
    // Inside `[...]` a `.` is a literal dot.
    let mut in_class = false;
    while i < b.len() {
        match b[i] {
            b'\\' => {
                if matches!(b.get(i + 1), Some(b'S' | b'W' | b'D')) {
                    return false;
                }
                i += 2;
                continue;
            }
            b'.' if !in_class => return false,
            b'[' if b.get(i + 1) == Some(&b'^') => return false,
            b'[' => in_class = true,
            b']' => in_class = false,
            _ => {}
        }
        i += 1;
    }
    true
}

/// `..`, `../`, `..\\`: a parent-directory step.
fn is_parent_step(s: &str) -> bool {
    s == ".." || s == "../" || s == "..\\"
}

/// `req.query.sort` -> "req.query.sort": a chain of at least two fields off a variable.
/// PHP's request superglobals (as the PHP lowering names them).
pub(crate) fn is_superglobal(n: &str) -> bool {
    matches!(
        n,
        "$_GET" | "$_POST" | "$_REQUEST" | "$_COOKIE" | "$_SERVER"
    )
}

/// `$_POST['name']` -> `$_POST.name`: a superglobal indexed by a constant key.
pub(crate) fn superglobal_field(e: &Expr) -> Option<String> {
    let ExprKind::Index(b, k) = &e.kind else {
        return None;
    };
    let root = b.as_name().filter(|n| is_superglobal(n))?;
    let key = k.as_str().filter(|k| !k.is_empty() && !k.contains('.'))?;
    Some(format!("{root}.{key}"))
}

pub(crate) fn request_path(e: &Expr) -> Option<String> {
    let mut parts = Vec::new();
    let mut cur = e;
    while let ExprKind::Attr(b, a) = &cur.kind {
        parts.push(a.as_str());
        cur = b;
    }
    let ExprKind::Name(root) = &cur.kind else {
        return None;
    };
    if parts.len() < 2 || parts.len() > 4 {
        return None;
    }
    let mut out = root.clone();
    for p in parts.iter().rev() {
        out.push('.');
        out.push_str(p);
    }
    Some(out)
}

/// Per parameter, the facts that hold on both paths.
fn meet(old: Option<Vec<u32>>, new: Vec<u32>) -> Vec<u32> {
    match old {
        Some(o) => o.iter().zip(new.iter()).map(|(a, b)| a & b).collect(),
        None => new,
    }
}

/// A called function whose summary is at hand (see [`Engine::called_summary`]).
pub(crate) struct Called<'m> {
    pub summary: Arc<Summary>,
    params: Params<'m>,
    /// Leading parameters the call does not pass (a Python method's `self`).
    skip: usize,
}

/// The parameters of a called function, for its keyword arguments.
enum Params<'m> {
    Local(&'m [Param]),
    Project(Vec<String>),
}

impl Called<'_> {
    /// What a check the function makes (`bits`: per parameter, the sink classes it
    /// proves) tells about the arguments of call `c`.
    pub(crate) fn refinements(&self, c: &Call, bits: Option<&[u32]>) -> Refinements {
        arg_refinements(c, bits, self.skip, |n| match &self.params {
            Params::Local(ps) => ps.iter().position(|p| p.name() == Some(n)),
            Params::Project(ps) => ps.iter().position(|p| p == n),
        })
    }
}

/// For a call of a function whose check proves, per parameter, the sink classes `bits`:
/// the argument passed for each vouched parameter, by position (past `skip` leading
/// parameters the call does not pass) or by keyword (`param`: the parameter of a
/// name); nothing past a spread argument.
pub(crate) fn arg_refinements(
    c: &Call,
    bits: Option<&[u32]>,
    skip: usize,
    param: impl Fn(&str) -> Option<usize>,
) -> Refinements {
    let Some(bits) = bits else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut pos = skip;
    for a in &c.args {
        if a.spread {
            break;
        }
        let i = match &a.name {
            Some(n) => match param(n) {
                Some(i) => i,
                None => continue,
            },
            None => {
                pos += 1;
                pos - 1
            }
        };
        if let Some(&b) = bits.get(i)
            && b != 0
            && let Some(n) = subject_path(&a.value)
        {
            out.push((n, b));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_prefixes_that_fix_the_host() {
        assert!(fixes_host("https://api.example.com/"));
        assert!(fixes_host("https://api.example.com/v1?x="));
        assert!(!fixes_host("https://"));
        assert!(!fixes_host("https://api.example.com"));
        assert!(!fixes_host("https://user@"));
        assert!(fixes_host("/home/"));
        assert!(!fixes_host("/"));
        assert!(!fixes_host("//"));
    }

    #[test]
    fn references_resolved_against_a_written_base() {
        let base = "https://api.example.com/v1/items?x=1";
        assert_eq!(
            resolve_ref(base, "?q=").as_deref(),
            Some("https://api.example.com/v1/items?q=")
        );
        assert_eq!(
            resolve_ref(base, "/v2/").as_deref(),
            Some("https://api.example.com/v2/")
        );
        assert_eq!(
            resolve_ref(base, "users/").as_deref(),
            Some("https://api.example.com/v1/users/")
        );
        assert_eq!(
            resolve_ref(base, "https://cdn.example.com/").as_deref(),
            Some("https://cdn.example.com/")
        );
        assert_eq!(resolve_ref(base, ""), None);
        assert_eq!(resolve_ref(base, "/"), None);
        assert_eq!(resolve_ref(base, "//"), None);
        assert_eq!(resolve_ref(base, "users"), None);
        assert_eq!(resolve_ref(base, "https://"), None);
        assert_eq!(resolve_ref("/relative", "?q="), None);
    }

    #[test]
    fn url_prefixes_that_fix_the_target() {
        assert!(fixes_target("https://api.example.com/v1?city="));
        assert!(fixes_target("https://api.example.com?q="));
        assert!(fixes_target("https://api.example.com/#/view/"));
        assert!(fixes_target("/search?q="));
        assert!(!fixes_target("https://api.example.com/v1/"));
        assert!(!fixes_target("https://?q="));
        assert!(!fixes_target("/path/"));
    }

    #[test]
    fn strict_validators() {
        assert!(is_strict_validator("^[a-zA-Z0-9_]+$", false));
        assert!(is_strict_validator("[A-Za-z0-9._-]{1,64}", true));
        assert!(!is_strict_validator("^a.b$", false));
        assert!(is_strict_validator("[a-z]+", true));
        assert!(!is_strict_validator("^.*$", false));
        assert!(!is_strict_validator("[a-z]+", false));
        assert!(!is_strict_validator("^[^/]+$", false));
        assert!(is_strict_validator(r"^\d+$", false));
        assert!(!is_strict_validator(r"^\S+$", false));
    }

    #[test]
    fn validators_that_spell_a_parent_step_are_no_path_guard() {
        let no_path = class::ALL & !(class::PATH | class::NO_PARENT | class::NOT_ABS);
        assert_eq!(strict_validator_bits("^[a-z./]+$", false), no_path);
        assert_eq!(strict_validator_bits(r"^[\w.\\-]+$", false), no_path);
        assert_eq!(
            strict_validator_bits(r"^/files/[a-z0-9.]+$", false),
            no_path
        );
        // `+` to `/` is a range holding `.` and `/`.
        assert_eq!(strict_validator_bits("^[+-/a-z]+$", false), no_path);
        assert_eq!(strict_validator_bits("^[a-z0-9._-]+$", false), class::ALL);
        assert_eq!(strict_validator_bits("^[a-z0-9/_-]+$", false), class::ALL);
        assert_eq!(strict_validator_bits(r"^[a-z]+\.txt$", false), class::ALL);
        assert!(!is_strict_validator("^[a-z./]+$", false));
    }
}
