//! Java rules.

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
        Box::new(command_injection::JavaCommandInjection),
        Box::new(path_traversal::JavaPathTraversal),
        Box::new(sql_injection::JavaSqlInjection),
        Box::new(ssrf::JavaSsrf),
        Box::new(tls_verification_disabled::JavaTlsVerificationDisabled),
        Box::new(unsafe_deserialization::JavaUnsafeDeserialization),
        Box::new(xss::JavaXss),
    ]
}
