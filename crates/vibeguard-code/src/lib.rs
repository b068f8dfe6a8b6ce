//! Insecure-code analysis for the languages agents write most: Python, JavaScript,
//! TypeScript (with JSX/TSX), Go, Java, PHP and Ruby.
//!
//! Each file a cheap keyword prefilter lets through is parsed once with tree-sitter
//! ([`syntax`]) and lowered into one program model ([`ir`]). A data-flow engine
//! ([`flow`]) interprets every function over abstract values — taint from framework
//! request data and other input with its path, constants, container shapes — and the
//! rules ([`check::Rule`], one file each under `rules/`) inspect the calls, assignments,
//! returns and comparisons they asked for. Findings carry the source-to-sink path and a
//! confidence that says how the input was established; safe fixes come as text edits.

mod analyzer;
pub mod check;
mod erb;
pub mod flow;
mod haml;
pub mod ir;
mod lower;
mod rules;
pub mod syntax;
mod thymeleaf;

pub use analyzer::CodeAnalyzer;

/// The code analyzer: every built-in code rule except the ids in `disabled`.
pub fn code_analyzer(disabled: &[String]) -> CodeAnalyzer {
    CodeAnalyzer::new(rules::all(), disabled)
}
