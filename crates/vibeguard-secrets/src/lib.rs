//! Secret detection. Rules are data (TOML compiled into the binary), run behind an
//! Aho-Corasick keyword prefilter so that most bytes are never seen by a regex.
//!
//! ```
//! use vibeguard_core::{AnalyzeContext, Analyzer, SourceFile};
//! let analyzer = vibeguard_secrets::SecretsAnalyzer::builtin();
//! let text = format!("token = \"{}{}\"", "glpat-", "Zr4pQ9wLx2mVb7TkJd3H");
//! let mut cx = AnalyzeContext::new(false);
//! analyzer.analyze(&SourceFile::new("app/config.py", text.as_bytes()), &mut cx);
//! assert_eq!(cx.findings[0].rule_id, "secrets/gitlab-pat");
//! ```

mod analyzer;
mod assign;
mod entropy;
mod filters;
pub mod scorer;
pub mod spec;
pub mod template;
mod validate;

pub use analyzer::{ScoredCandidate, SecretsAnalyzer, SecretsError};
pub use entropy::shannon;
pub use validate::{base62_crc32, crc32, github_checksum_ok};
