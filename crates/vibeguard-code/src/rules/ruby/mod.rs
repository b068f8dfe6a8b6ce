//! Ruby rules.

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
        Box::new(command_injection::RubyCommandInjection),
        Box::new(path_traversal::RubyPathTraversal),
        Box::new(sql_injection::RubySqlInjection),
        Box::new(ssrf::RubySsrf),
        Box::new(tls_verification_disabled::RubyTlsVerificationDisabled),
        Box::new(unsafe_deserialization::RubyUnsafeDeserialization),
        Box::new(xss::RubyXss),
    ]
}
