//! Table-driven sinks for the rules of Go, Java, PHP and Ruby: a call (by resolved path,
//! or `*.name` for a method on any value) and which argument carries the dangerous
//! value.

use crate::check::{CallSite, Cx, Unknown};
use crate::flow::value::Val;
use crate::rules::support::looks_like_sql;

pub struct Sink {
    pub path: &'static str,
    pub arg: usize,
}

pub const fn sink(path: &'static str, arg: usize) -> Sink {
    Sink { path, arg }
}

/// The argument of the first sink in `table` that matches this call.
pub fn matched<'a>(site: &CallSite<'a>, table: &[Sink]) -> Option<&'a Val> {
    table
        .iter()
        .find(|s| site.is(&[s.path]))
        .and_then(|s| site.arg(s.arg))
        .map(|(_, v)| v)
}

/// Report input (or, per `unknown`, a value of unknown origin) reaching a sink of the
/// table.
pub fn check(
    cx: &mut Cx<'_, '_>,
    site: &CallSite<'_>,
    table: &[Sink],
    class: u32,
    unknown: Unknown,
) -> bool {
    match matched(site, table) {
        Some(v) => cx.sink(site.span, v, class, unknown, None),
        None => false,
    }
}

/// Like [`check`] for SQL: a string built from unknown values is reported only when it
/// looks like SQL.
pub fn check_sql(cx: &mut Cx<'_, '_>, site: &CallSite<'_>, table: &[Sink]) -> bool {
    let Some(v) = matched(site, table) else {
        return false;
    };
    if v.is_trusted() {
        return false;
    }
    let unknown = if looks_like_sql(v) {
        Unknown::Built
    } else {
        Unknown::Skip
    };
    cx.sink(site.span, v, crate::check::sink::SQL, unknown, None)
}
