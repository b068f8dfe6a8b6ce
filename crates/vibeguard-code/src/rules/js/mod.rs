//! JavaScript and TypeScript rules.

mod autoescape_disabled;
mod command_injection;
mod cors_wildcard;
mod cors_wildcard_credentials;
mod directory_listing;
mod dom_xss;
mod error_disclosure;
mod eval_injection;
mod hardcoded_credentials;
mod hardcoded_key;
mod incomplete_url_check;
mod insecure_cookie;
mod insecure_random;
mod jwt_unverified;
mod ldap_injection;
mod log_injection;
mod manual_html_escape;
mod missing_ownership_check;
mod missing_security_headers;
mod nosql_injection;
mod open_redirect;
mod path_traversal;
mod redos;
mod reflected_xss;
mod regex_injection;
mod script_url;
pub(crate) mod secret_logged;
mod sql_injection;
mod ssrf;
mod template_injection;
mod timing_unsafe_compare;
mod tls_verification_disabled;
mod trust_boundary;
mod unrestricted_upload;
mod unsafe_deserialization;
mod upload_size;
mod vue_v_html;
mod weak_cipher;
mod weak_hash;
pub(crate) mod weak_password_hash;
mod world_writable;
mod xpath_injection;
mod xxe;

use crate::check::Rule;

pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(autoescape_disabled::JsAutoescapeDisabled),
        Box::new(command_injection::JsCommandInjection),
        Box::new(cors_wildcard::JsCorsWildcard),
        Box::new(cors_wildcard_credentials::JsCorsWildcardCredentials),
        Box::new(directory_listing::JsDirectoryListing),
        Box::new(dom_xss::JsDomXss),
        Box::new(error_disclosure::JsErrorDisclosure),
        Box::new(eval_injection::JsEval),
        Box::new(hardcoded_credentials::JsHardcodedCredentials),
        Box::new(hardcoded_key::JsHardcodedKey),
        Box::new(incomplete_url_check::JsIncompleteUrlCheck),
        Box::new(insecure_cookie::JsInsecureCookie),
        Box::new(insecure_random::JsInsecureRandom),
        Box::new(jwt_unverified::JsJwtUnverified),
        Box::new(ldap_injection::JsLdapInjection),
        Box::new(log_injection::JsLogInjection),
        Box::new(manual_html_escape::JsManualHtmlEscape),
        Box::new(missing_ownership_check::JsMissingOwnershipCheck),
        Box::new(missing_security_headers::MissingSecurityHeaders),
        Box::new(nosql_injection::JsNosqlInjection),
        Box::new(open_redirect::JsOpenRedirect),
        Box::new(path_traversal::JsPathTraversal),
        Box::new(redos::JsRedos),
        Box::new(reflected_xss::JsReflectedXss),
        Box::new(regex_injection::JsRegexInjection),
        Box::new(script_url::JsScriptUrl),
        Box::new(secret_logged::JsSecretLogged),
        Box::new(sql_injection::JsSqlInjection),
        Box::new(ssrf::JsSsrf),
        Box::new(template_injection::JsTemplateInjection),
        Box::new(timing_unsafe_compare::JsTimingUnsafeCompare),
        Box::new(tls_verification_disabled::JsTlsVerificationDisabled),
        Box::new(trust_boundary::JsTrustBoundary),
        Box::new(unrestricted_upload::JsUnrestrictedUpload),
        Box::new(upload_size::JsUploadSize),
        Box::new(vue_v_html::VueVHtml),
        Box::new(unsafe_deserialization::JsUnsafeDeserialization),
        Box::new(weak_cipher::JsWeakCipher),
        Box::new(weak_hash::JsWeakHash),
        Box::new(weak_password_hash::JsWeakPasswordHash),
        Box::new(world_writable::JsWorldWritable),
        Box::new(xpath_injection::JsXpathInjection),
        Box::new(xxe::JsXxe),
    ]
}
