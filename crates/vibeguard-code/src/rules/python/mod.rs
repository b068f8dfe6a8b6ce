//! Python rules.

mod sql_injection;

use crate::check::Rule;

pub fn all() -> Vec<Box<dyn Rule>> {
    vec![Box::new(sql_injection::PythonSqlInjection)]
}
