//! sshd_config rules. sshd uses the first value it reads for a keyword; settings inside
//! `Match` blocks apply to the matching connections only.

pub mod empty_passwords;
pub mod password_authentication;
pub mod root_login;

use crate::parse::directives::Directive;
use crate::rule::Hit;

/// Global (first-wins) and per-`Match` occurrences of `name` whose value is one of
/// `bad`, as hits with `what` in the message.
pub fn check(dirs: &[Directive], name: &str, bad: &[&str], what: &str, out: &mut Vec<Hit>) {
    let global = dirs
        .iter()
        .find(|d| d.name == name && d.within_match.is_none());
    if let Some(d) = global
        && bad.contains(&d.value_lower().as_str())
    {
        out.push(Hit::at(d.span.clone()).message(format!("{what} for every connection")));
    }
    for d in dirs
        .iter()
        .filter(|d| d.name == name && d.within_match.is_some())
    {
        if bad.contains(&d.value_lower().as_str()) {
            out.push(Hit::at(d.span.clone()).message(format!(
                "{what} for connections matching `{}`",
                d.within_match.as_deref().unwrap_or("")
            )));
        }
    }
}
