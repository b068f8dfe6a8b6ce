//! PHP rules.

mod code_injection;
mod command_injection;
mod path_traversal;
mod sql_injection;
mod ssrf;
mod tls_verification_disabled;
mod unsafe_deserialization;
mod xss;

use crate::check::Rule;

pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(code_injection::PhpCodeInjection),
        Box::new(command_injection::PhpCommandInjection),
        Box::new(path_traversal::PhpPathTraversal),
        Box::new(sql_injection::PhpSqlInjection),
        Box::new(ssrf::PhpSsrf),
        Box::new(tls_verification_disabled::PhpTlsVerificationDisabled),
        Box::new(unsafe_deserialization::PhpUnsafeDeserialization),
        Box::new(xss::PhpXss),
    ]
}
