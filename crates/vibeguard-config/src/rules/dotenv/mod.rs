//! `.env` rules.

pub mod committed_secret;
