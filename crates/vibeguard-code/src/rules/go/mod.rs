//! Go rules.

mod command_injection;
mod cors;
mod error_disclosure;
mod hardcoded_credentials;
mod hardcoded_iv;
mod hardcoded_jwt_key;
mod insecure_cookie;
mod insecure_random;
mod jwt_unverified;
mod log_injection;
mod open_redirect;
mod path_traversal;
mod pprof_exposed;
mod regex_injection;
mod server_no_timeout;
mod sql_injection;
mod ssh_host_key_unchecked;
mod ssrf;
mod template_injection;
mod timing_unsafe_compare;
mod tls_insecure_skip_verify;
mod unsafe_deserialization;
mod upload_size_unlimited;
mod vacuous_regex_check;
mod weak_cipher_suite;
mod weak_crypto;
mod weak_password_hash;
mod weak_tls_version;
mod world_writable;
mod xss;
mod xxe;

use crate::check::Rule;

pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(timing_unsafe_compare::GoTimingUnsafeCompare),
        Box::new(command_injection::GoCommandInjection),
        Box::new(cors::GoCors),
        Box::new(error_disclosure::GoErrorDisclosure),
        Box::new(hardcoded_credentials::GoHardcodedCredentials),
        Box::new(hardcoded_iv::GoHardcodedIv),
        Box::new(hardcoded_jwt_key::GoHardcodedJwtKey),
        Box::new(insecure_cookie::GoInsecureCookie),
        Box::new(insecure_random::GoInsecureRandom),
        Box::new(jwt_unverified::GoJwtUnverified),
        Box::new(log_injection::GoLogInjection),
        Box::new(open_redirect::GoOpenRedirect),
        Box::new(path_traversal::GoPathTraversal),
        Box::new(pprof_exposed::GoPprofExposed),
        Box::new(regex_injection::GoRegexInjection),
        Box::new(server_no_timeout::GoServerNoTimeout),
        Box::new(sql_injection::GoSqlInjection),
        Box::new(ssh_host_key_unchecked::GoSshHostKeyUnchecked),
        Box::new(ssrf::GoSsrf),
        Box::new(template_injection::GoTemplateInjection),
        Box::new(tls_insecure_skip_verify::GoInsecureSkipVerify),
        Box::new(unsafe_deserialization::GoUnsafeDeserialization),
        Box::new(vacuous_regex_check::GoVacuousRegexCheck),
        Box::new(upload_size_unlimited::GoUploadSizeUnlimited),
        Box::new(weak_cipher_suite::GoWeakCipherSuite),
        Box::new(weak_crypto::GoWeakCrypto),
        Box::new(weak_password_hash::GoWeakPasswordHash),
        Box::new(weak_tls_version::GoWeakTlsVersion),
        Box::new(world_writable::GoWorldWritable),
        Box::new(xss::GoXss),
        Box::new(xxe::GoXxe),
    ]
}
