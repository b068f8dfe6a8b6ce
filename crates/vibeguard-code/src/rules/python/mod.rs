//! Python rules.

mod allowed_hosts_wildcard;
mod archive_extraction;
mod chmod_after_write;
mod cleartext_transmission;
mod constant_salt;
mod cors_wildcard;
mod cors_wildcard_credentials;
mod django_debug;
pub(crate) mod error_disclosure;
mod eval_injection;
mod flask_debug;
mod hardcoded_credentials;
mod hardcoded_key;
mod header_injection;
pub(crate) mod incomplete_url;
mod insecure_cookie;
mod insecure_random;
mod insecure_tempfile;
mod jinja_autoescape;
mod jwt_none_alg;
mod jwt_unverified;
mod ldap_injection;
mod log_injection;
mod manual_html_escape;
mod missing_authentication;
mod missing_ownership_check;
mod nosql_injection;
mod open_redirect;
mod own_file;
mod pam_account_check;
mod path_traversal;
mod personal_data_exposed;
mod pickle_gadget;
mod pickle_load;
mod plaintext_password;
mod redos;
mod reflected_xss;
mod regex_html_filter;
mod regex_injection;
mod secret_in_cookie;
mod secret_key_salt;
pub(crate) mod secret_logged;
mod shell_injection;
mod sql_injection;
mod ssrf;
mod template_injection;
mod timing_unsafe_compare;
mod tls_verify_disabled;
mod trust_boundary;
mod unrestricted_upload;
mod unsafe_deserialization;
mod upload_size_unlimited;
mod user_enumeration;
mod weak_cipher;
mod weak_hash;
mod weak_key_size;
pub(crate) mod weak_password_hash;
mod world_writable;
mod xml_bomb;
mod xpath_injection;
mod xxe;
mod yaml_unsafe_load;

pub(crate) use weak_password_hash::mentions_password;

use crate::check::Rule;

pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(allowed_hosts_wildcard::AllowedHostsWildcard),
        Box::new(archive_extraction::ArchiveExtraction),
        Box::new(chmod_after_write::ChmodAfterWrite),
        Box::new(cleartext_transmission::CleartextTransmission),
        Box::new(constant_salt::ConstantSalt),
        Box::new(cors_wildcard::PythonCorsWildcard),
        Box::new(cors_wildcard_credentials::PythonCorsWildcardCredentials),
        Box::new(django_debug::DjangoDebug),
        Box::new(error_disclosure::ErrorDisclosure),
        Box::new(eval_injection::PythonEval),
        Box::new(flask_debug::FlaskDebug),
        Box::new(hardcoded_credentials::HardcodedCredentials),
        Box::new(hardcoded_key::HardcodedKey),
        Box::new(header_injection::HeaderInjection),
        Box::new(incomplete_url::IncompleteUrlCheck),
        Box::new(insecure_cookie::InsecureCookie),
        Box::new(insecure_random::InsecureRandom),
        Box::new(insecure_tempfile::InsecureTempfile),
        Box::new(jinja_autoescape::JinjaAutoescape),
        Box::new(jwt_unverified::JwtUnverified),
        Box::new(jwt_none_alg::JwtNoneAlg),
        Box::new(ldap_injection::LdapInjection),
        Box::new(log_injection::LogInjection),
        Box::new(manual_html_escape::PyManualHtmlEscape),
        Box::new(missing_authentication::MissingAuthentication),
        Box::new(missing_ownership_check::MissingOwnershipCheck),
        Box::new(nosql_injection::NosqlInjection),
        Box::new(open_redirect::OpenRedirect),
        Box::new(pam_account_check::PamAccountCheck),
        Box::new(path_traversal::PathTraversal),
        Box::new(personal_data_exposed::PersonalDataExposed),
        Box::new(pickle_gadget::PickleGadget),
        Box::new(pickle_load::PickleLoad),
        Box::new(plaintext_password::PlaintextPassword),
        Box::new(redos::Redos),
        Box::new(reflected_xss::ReflectedXss),
        Box::new(regex_html_filter::RegexHtmlFilter),
        Box::new(regex_injection::RegexInjection),
        Box::new(secret_in_cookie::SecretInCookie),
        Box::new(secret_key_salt::SecretKeySalt),
        Box::new(secret_logged::SecretLogged),
        Box::new(shell_injection::ShellInjection),
        Box::new(sql_injection::PythonSqlInjection),
        Box::new(ssrf::Ssrf),
        Box::new(template_injection::TemplateInjection),
        Box::new(timing_unsafe_compare::TimingUnsafeCompare),
        Box::new(tls_verify_disabled::PythonTlsVerifyDisabled),
        Box::new(trust_boundary::TrustBoundary),
        Box::new(unrestricted_upload::UnrestrictedUpload),
        Box::new(unsafe_deserialization::UnsafeDeserialization),
        Box::new(upload_size_unlimited::UploadSizeUnlimited),
        Box::new(user_enumeration::UserEnumeration),
        Box::new(weak_cipher::WeakCipher),
        Box::new(weak_hash::WeakHash),
        Box::new(weak_key_size::WeakKeySize),
        Box::new(weak_password_hash::PythonWeakPasswordHash),
        Box::new(world_writable::WorldWritable),
        Box::new(xml_bomb::XmlBomb),
        Box::new(xpath_injection::XpathInjection),
        Box::new(xxe::Xxe),
        Box::new(yaml_unsafe_load::YamlUnsafeLoad),
    ]
}
