//! PHP rules.

mod code_injection;
mod command_injection;
mod cors;
mod error_disclosure;
mod hardcoded_credentials;
mod hardcoded_key;
mod insecure_cookie;
mod insecure_random;
mod ldap_injection;
mod log_injection;
mod manual_html_escape;
mod open_redirect;
mod path_traversal;
mod phpinfo;
mod regex_injection;
mod session_key_from_input;
mod sql_injection;
mod ssrf;
mod timing_unsafe_compare;
mod tls_verification_disabled;
mod unanchored_validation;
mod unsafe_deserialization;
mod weak_crypto;
mod weak_password_hash;
mod xpath_injection;
mod xss;
mod xxe;

use crate::check::Rule;

pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(code_injection::PhpCodeInjection),
        Box::new(command_injection::PhpCommandInjection),
        Box::new(cors::PhpCors),
        Box::new(error_disclosure::PhpErrorDisclosure),
        Box::new(hardcoded_credentials::PhpHardcodedCredentials),
        Box::new(hardcoded_key::PhpHardcodedKey),
        Box::new(insecure_cookie::PhpInsecureCookie),
        Box::new(insecure_random::PhpInsecureRandom),
        Box::new(ldap_injection::PhpLdapInjection),
        Box::new(log_injection::PhpLogInjection),
        Box::new(manual_html_escape::PhpManualHtmlEscape),
        Box::new(open_redirect::PhpOpenRedirect),
        Box::new(path_traversal::PhpPathTraversal),
        Box::new(phpinfo::PhpInfo),
        Box::new(regex_injection::PhpRegexInjection),
        Box::new(session_key_from_input::PhpSessionKeyFromInput),
        Box::new(sql_injection::PhpSqlInjection),
        Box::new(ssrf::PhpSsrf),
        Box::new(timing_unsafe_compare::PhpTimingUnsafeCompare),
        Box::new(tls_verification_disabled::PhpTlsVerificationDisabled),
        Box::new(unanchored_validation::PhpUnanchoredValidation),
        Box::new(unsafe_deserialization::PhpUnsafeDeserialization),
        Box::new(weak_crypto::PhpWeakCrypto),
        Box::new(weak_password_hash::PhpWeakPasswordHash),
        Box::new(xpath_injection::PhpXpathInjection),
        Box::new(xss::PhpXss),
        Box::new(xxe::PhpXxe),
    ]
}
