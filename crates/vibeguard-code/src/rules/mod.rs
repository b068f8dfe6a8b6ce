//! One file per rule; `all()` is the registry.

mod go_sql_injection;
mod go_tls_insecure_skip_verify;
mod java_sql_injection;
mod js_command_injection;
mod js_cors_wildcard_credentials;
mod js_dom_xss;
mod js_eval;
mod js_sql_injection;
mod js_tls_verification_disabled;
mod php_sql_injection;
mod python_cors_wildcard_credentials;
mod python_eval;
mod python_flask_debug;
mod python_pickle_load;
mod python_shell_injection;
mod python_sql_injection;
mod python_tls_verify_disabled;
mod python_weak_password_hash;
mod python_yaml_unsafe_load;

use crate::rule::CodeRule;

/// Every built-in code rule.
pub fn all() -> Vec<Box<dyn CodeRule>> {
    vec![
        Box::new(go_sql_injection::GoSqlInjection),
        Box::new(go_tls_insecure_skip_verify::GoInsecureSkipVerify),
        Box::new(java_sql_injection::JavaSqlInjection),
        Box::new(js_command_injection::JsCommandInjection),
        Box::new(js_cors_wildcard_credentials::JsCorsWildcardCredentials),
        Box::new(js_dom_xss::JsDomXss),
        Box::new(js_eval::JsEval),
        Box::new(js_sql_injection::JsSqlInjection),
        Box::new(js_tls_verification_disabled::JsTlsVerificationDisabled),
        Box::new(php_sql_injection::PhpSqlInjection),
        Box::new(python_cors_wildcard_credentials::PythonCorsWildcardCredentials),
        Box::new(python_eval::PythonEval),
        Box::new(python_flask_debug::FlaskDebug),
        Box::new(python_pickle_load::PickleLoad),
        Box::new(python_shell_injection::ShellInjection),
        Box::new(python_sql_injection::PythonSqlInjection),
        Box::new(python_tls_verify_disabled::PythonTlsVerifyDisabled),
        Box::new(python_weak_password_hash::PythonWeakPasswordHash),
        Box::new(python_yaml_unsafe_load::YamlUnsafeLoad),
    ]
}
