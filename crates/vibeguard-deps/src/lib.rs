//! vibeguard-deps: what a project depends on, and which of it should not be there.
//!
//! - [`inventory`]: every common lockfile and manifest read into one package list
//!   (the same list the AI bill of materials uses).
//! - [`version`]: each ecosystem's version ordering.
//! - [`osv`]: OSV records, matching by the specification, severity from CVSS.
//! - [`import`]: OSV archives and folders, and the native formats of RustSec, RubySec
//!   and FriendsOfPHP, into the local advisory store.
//! - [`audit`]: an inventory against the store: `deps/vulnerable` and `deps/malicious`.
//! - [`registry`], [`lookalike`], [`popular`]: does a name exist, is it one keystroke
//!   from a popular package, is the release brand new.
//! - [`checker`]: the gate's [`vibeguard_core::PackageChecker`];
//!   [`analyzer`]: the scan's [`vibeguard_core::Analyzer`].

pub mod ecosystem;
pub mod inventory;
pub mod osv;
pub mod version;

pub use ecosystem::Ecosystem;
pub use inventory::{Inventory, Origin, Package, ParseWarning, parse_file};
pub mod analyzer;
pub mod audit;
pub mod checker;
pub mod import;
pub mod lookalike;
pub mod paths;
pub mod popular;
pub mod registry;
pub mod rules;
pub mod specs;
#[doc(hidden)]
pub mod test_http;
