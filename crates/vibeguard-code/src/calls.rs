//! Finding calls by a name pattern and looking at their arguments; shared by most rules
//! (also by the config rules in vibeguard-config).

use crate::rule::Hit;
use crate::text::{call_args, first_arg, is_dynamic_string};
use regex::Regex;

/// Every call matched by `re` (which must end at the opening parenthesis), with its
/// argument text.
pub fn calls<'t>(re: &Regex, text: &'t str) -> impl Iterator<Item = (usize, usize, &'t str)> {
    re.find_iter(text).filter_map(move |m| {
        let open = m.end().checked_sub(1)?;
        (text.as_bytes()[open] == b'(').then(|| (m.start(), open, call_args(text, open)))
    })
}

/// A hit covering the call name through its closing parenthesis.
pub fn hit(start: usize, open: usize, args: &str) -> Hit {
    Hit {
        start,
        end: open + args.len() + 2,
        fix: None,
    }
}

/// Does this expression build SQL from run-time values?
pub fn is_dynamic_sql(expr: &str) -> bool {
    if !is_dynamic_string(expr) {
        return false;
    }
    let lower = expr.to_ascii_lowercase();
    [
        "select ", "insert ", "update ", "delete ", "drop ", "alter ", " where ", "create ",
    ]
    .iter()
    .any(|k| lower.contains(k))
}

/// Report calls whose first argument is dynamically built SQL.
pub fn sql_calls(re: &Regex, text: &str, out: &mut Vec<Hit>) {
    for (start, open, args) in calls(re, text) {
        if is_dynamic_sql(first_arg(args)) {
            out.push(hit(start, open, args));
        }
    }
}

/// A regex compiled once per process on first use.
#[macro_export]
macro_rules! lazy_regex {
    ($re:expr) => {{
        static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        RE.get_or_init(|| regex::Regex::new($re).expect("built-in code rule regex is valid"))
    }};
}
