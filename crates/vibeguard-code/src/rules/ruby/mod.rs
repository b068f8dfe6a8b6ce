//! Ruby rules.

mod auth_filter_skipped;
mod code_injection;
mod command_injection;
mod error_disclosure;
mod hardcoded_key_passphrase;
mod hardcoded_secret;
mod insecure_cookie;
mod insecure_random;
mod log_injection;
mod manual_html_escape;
mod missing_ownership_check;
mod open_redirect;
mod path_traversal;
mod regex_injection;
mod rsa_weak_padding;
mod sql_injection;
mod ssrf;
mod template_injection;
mod timing_unsafe_compare;
mod tls_verification_disabled;
mod unanchored_validation;
mod unsafe_deserialization;
mod weak_cipher;
mod weak_hash;
mod weak_key_size;
mod weak_password_hash;
mod xss;
mod xxe;

use crate::check::Rule;

pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(timing_unsafe_compare::RubyTimingUnsafeCompare),
        Box::new(auth_filter_skipped::RubyAuthFilterSkipped),
        Box::new(code_injection::RubyCodeInjection),
        Box::new(command_injection::RubyCommandInjection),
        Box::new(error_disclosure::RubyErrorDisclosure),
        Box::new(hardcoded_key_passphrase::RubyHardcodedKeyPassphrase),
        Box::new(hardcoded_secret::RubyHardcodedSecret),
        Box::new(insecure_cookie::RubyInsecureCookie),
        Box::new(insecure_random::RubyInsecureRandom),
        Box::new(log_injection::RubyLogInjection),
        Box::new(manual_html_escape::RubyManualHtmlEscape),
        Box::new(missing_ownership_check::RubyMissingOwnershipCheck),
        Box::new(open_redirect::RubyOpenRedirect),
        Box::new(path_traversal::RubyPathTraversal),
        Box::new(regex_injection::RubyRegexInjection),
        Box::new(rsa_weak_padding::RubyRsaWeakPadding),
        Box::new(sql_injection::RubySqlInjection),
        Box::new(ssrf::RubySsrf),
        Box::new(template_injection::RubyTemplateInjection),
        Box::new(tls_verification_disabled::RubyTlsVerificationDisabled),
        Box::new(unanchored_validation::RubyUnanchoredValidation),
        Box::new(unsafe_deserialization::RubyUnsafeDeserialization),
        Box::new(weak_cipher::RubyWeakCipher),
        Box::new(weak_hash::RubyWeakHash),
        Box::new(weak_key_size::RubyWeakKeySize),
        Box::new(weak_password_hash::RubyWeakPasswordHash),
        Box::new(xss::RubyXss),
        Box::new(xxe::RubyXxe),
    ]
}
