//! Java rules.

mod code_injection;
mod command_injection;
mod cors;
mod custom_digest;
mod error_disclosure;
mod hardcoded_credentials;
mod hardcoded_key;
mod hardcoded_secret;
mod header_injection;
mod insecure_cookie;
mod insecure_random;
mod jwt_none_alg;
mod ldap_injection;
mod log_injection;
mod missing_ownership_check;
mod open_redirect;
mod path_traversal;
mod predictable_salt;
mod regex_injection;
mod resource_exhaustion;
mod sql_injection;
mod ssh_host_key_unchecked;
mod ssrf;
mod thymeleaf_unescaped;
mod timing_unsafe_compare;
mod tls_verification_disabled;
mod trust_boundary;
mod unsafe_deserialization;
mod weak_cipher;
mod weak_hash;
mod weak_key_size;
mod weak_tls_version;
mod world_writable;
mod xpath_injection;
mod xss;
mod xxe;

use crate::check::Rule;

pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(command_injection::JavaCommandInjection),
        Box::new(cors::JavaCors),
        Box::new(custom_digest::JavaCustomDigest),
        Box::new(error_disclosure::JavaErrorDisclosure),
        Box::new(hardcoded_credentials::JavaHardcodedCredentials),
        Box::new(hardcoded_key::JavaHardcodedKey),
        Box::new(hardcoded_secret::JavaHardcodedSecret),
        Box::new(header_injection::JavaHeaderInjection),
        Box::new(insecure_cookie::JavaInsecureCookie),
        Box::new(insecure_random::JavaInsecureRandom),
        Box::new(jwt_none_alg::JavaJwtNoneAlg),
        Box::new(ldap_injection::JavaLdapInjection),
        Box::new(log_injection::JavaLogInjection),
        Box::new(missing_ownership_check::JavaMissingOwnershipCheck),
        Box::new(open_redirect::JavaOpenRedirect),
        Box::new(path_traversal::JavaPathTraversal),
        Box::new(predictable_salt::JavaPredictableSalt),
        Box::new(regex_injection::JavaRegexInjection),
        Box::new(resource_exhaustion::JavaResourceExhaustion),
        Box::new(code_injection::JavaCodeInjection),
        Box::new(sql_injection::JavaSqlInjection),
        Box::new(ssh_host_key_unchecked::JavaSshHostKeyUnchecked),
        Box::new(ssrf::JavaSsrf),
        Box::new(timing_unsafe_compare::JavaTimingUnsafeCompare),
        Box::new(tls_verification_disabled::JavaTlsVerificationDisabled),
        Box::new(trust_boundary::JavaTrustBoundary),
        Box::new(unsafe_deserialization::JavaUnsafeDeserialization),
        Box::new(weak_cipher::JavaWeakCipher),
        Box::new(weak_hash::JavaWeakHash),
        Box::new(weak_key_size::JavaWeakKeySize),
        Box::new(weak_tls_version::JavaWeakTlsVersion),
        Box::new(xpath_injection::JavaXpathInjection),
        Box::new(thymeleaf_unescaped::JavaThymeleafUnescaped),
        Box::new(xss::JavaXss),
        Box::new(world_writable::JavaWorldWritable),
        Box::new(xxe::JavaXxe),
    ]
}
