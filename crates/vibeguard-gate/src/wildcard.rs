//! The `*` wildcard matcher for rule ids and MCP keys (`secrets/*`, `github/*`); it lives
//! in the core so the policy checks match patterns exactly as the gate does.

pub use vibeguard_core::wildcard::wildcard_match;
