//! vibeguard-core: the vocabulary every vibeguard room shares.
//!
//! Analyzers (secrets, code, config, deps) turn a [`SourceFile`] into [`Finding`]s; the
//! scan pipeline and the agent gate both run the same analyzers, so a rule id means the
//! same thing in CI, in the editor and in an agent hook. Analyzers never print, never
//! exit and never read the policy file themselves: they receive what they need.

pub mod analyzer;
pub mod baseline;
pub mod finding;
pub mod fix;
pub mod fixture;
pub mod gate;
pub mod package;
pub mod pipeline;
pub mod policy;
pub mod redact;
pub mod rule;
pub mod ruledoc;
pub mod severity;
pub mod suggest;
pub mod suppress;
pub mod wildcard;

pub use analyzer::{AnalyzeContext, Analyzer, FileClass, SourceFile};
pub use finding::{Finding, Fix, FlowStep, Location, Properties, Provenance, SecretInfo, TextEdit};
pub use gate::{GateFinding, Tier};
pub use package::{PackageChecker, PackageIssue, PackageRequest, PackageVerdict, UnknownPackage};
pub use policy::{Policy, ThreatModel};
pub use rule::{RuleDoc, RuleInfo};
pub use severity::{Confidence, Severity};
