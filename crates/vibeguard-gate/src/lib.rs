//! The agent gate. An adapter turns an agent's hook JSON into an [`Action`]; analyzers
//! turn the action into [`GateFinding`]s; the policy maps their tiers to a [`Decision`];
//! the adapter renders the decision in the agent's own protocol.
//!
//! - [`adapters`]: per-agent input parsing and output rendering.
//! - [`engine`]: action → findings → decision.
//! - [`policy`]: the `[gate]` section of `vibeguard.toml`.
//! - [`runner`]: one hook call end to end, failing closed.

pub mod action;
pub mod adapters;
pub mod arguments;
pub mod content;
pub mod edit;
pub mod engine;
pub mod guard_config;
pub mod packages;
pub mod patch;
pub mod paths;
pub mod policy;
pub mod request;
pub mod runner;
mod watchdog;
mod wildcard;

pub use action::{Action, Decision, EditOp, GateFinding, Tier, Verdict};
pub use engine::Engine;
pub use packages::PackageCheckerFactory;
pub use policy::{GatePolicy, Profile};
pub use request::{Agent, Event, EventKind, HookOutput, HookRequest, InputError};
pub use runner::{
    HookEnv, HookRun, MakeAnalyzers, MakePackageChecker, OnTimeout, run_hook, set_package_checker,
};
