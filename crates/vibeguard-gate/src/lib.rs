//! The agent gate. An adapter turns an agent's hook JSON into an [`Action`]; analyzers
//! turn the action into [`GateFinding`]s; the policy maps their tiers to a [`Decision`];
//! the adapter renders the decision in the agent's own protocol.

pub mod action;

pub use action::{Action, Decision, GateFinding, Tier, Verdict};
