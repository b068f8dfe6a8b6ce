//! The data-flow engine: each function of a file is interpreted once over abstract
//! values ([`value::Val`]): taint labels with their source-to-sink path, constants,
//! container shapes. Branch conditions that fold to a constant pick the live branch;
//! checks that neutralise a value (allowlists, containment checks) hold only on the
//! branch where they are true. Calls into functions of the same file (and of the
//! project's own modules) use summaries: which parameters reach the return value and which
//! reach a sink.
//!
//! Rules ([`crate::check::Rule`]) are invoked at the sites they asked for, with the values
//! already evaluated.

mod calls;
mod db_reads;
mod engine;
mod grape;
mod guards;
pub(crate) mod handlers;
mod interp;
mod java_encoders;
mod local;
pub mod models;
pub(crate) mod php;
pub mod project;
mod sources;
pub mod summary;
pub mod value;

pub(crate) use engine::accepts;
pub use engine::{Engine, RawFinding, RuleSet};
pub(crate) use handlers::{stdlib_http_handler_class, tornado_class, walk_calls, walk_exprs};

/// Does a URL prefix fix the scheme and host (`https://api.example.com/`)?
pub fn guards_fixes_host(prefix: &str) -> bool {
    guards::fixes_host(prefix)
}

/// Does a URL prefix leave no room for a `javascript:` scheme (`/`, `https://`)?
pub fn guards_fixes_scheme(prefix: &str) -> bool {
    guards::fixes_scheme(prefix)
}
