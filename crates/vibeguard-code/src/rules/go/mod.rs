//! Go rules.

mod command_injection;
mod path_traversal;
mod sql_injection;
mod ssrf;
mod tls_insecure_skip_verify;
mod xss;

use crate::check::Rule;

pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(command_injection::GoCommandInjection),
        Box::new(path_traversal::GoPathTraversal),
        Box::new(sql_injection::GoSqlInjection),
        Box::new(ssrf::GoSsrf),
        Box::new(tls_insecure_skip_verify::GoInsecureSkipVerify),
        Box::new(xss::GoXss),
    ]
}
