//! Parsers for every format the configuration rules read. Each keeps byte spans so a
//! finding points at the exact line, and reports a failure with its line.

pub mod directives;
pub mod dockerfile;
pub mod dotenv;
pub mod hcl;
pub mod json;
pub mod nginx;
pub mod toml;
pub mod yaml;
