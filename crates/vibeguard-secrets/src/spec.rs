//! Rule definitions as data: the TOML schema of `rules/*.toml` and the built-in catalog.
//!
//! Each category file carries shared documentation (why such a leak is bad, what to use
//! instead) and a list of rules. The files are compiled into the binary with
//! `include_str!`, so a rule is one TOML table, never Rust code.

use serde::Deserialize;
use std::sync::OnceLock;
use vibeguard_core::{Confidence, Severity};

/// How a rule finds candidates once its keywords occur in a file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Engine {
    /// Run the rule's regex on a window around each keyword hit.
    #[default]
    Regex,
    /// Hand-written parse of `name = value` shapes; the rule's `assign_class` says which
    /// kind of name (password, token, ...) it owns.
    Assignment,
}

/// Which false-positive filters a candidate value goes through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FilterKind {
    /// Provider formats: only obvious fakes (EXAMPLE markers, runs of x, sequences).
    #[default]
    Provider,
    /// Free-form values that may be human-made (passwords in URLs): placeholders,
    /// variable references, paths, single words.
    Generic,
    /// Free-form values that should be random (bearer tokens): the generic filter plus
    /// character-class variety and no readable slugs.
    Token,
    /// Multi-line key blocks (PEM, OpenSSH, PGP): enough base64 body, no elisions.
    Block,
    /// No filter (formats whose real values contain long runs, like app-only bearer
    /// tokens that start with 22 `A`s).
    None,
    /// Values in a password position (SQL `IDENTIFIED BY`, URL and connection-string
    /// passwords): only true placeholders are dropped; simple or default values are
    /// reported as `weak-credential` instead of the rule's own id.
    Password,
}

/// The kind of name an assignment-engine rule owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssignClass {
    Password,
    Secret,
    Token,
    ApiKey,
    PrivateKey,
    Credential,
    /// Not a name class: the rule that reports weak and default credentials found by the
    /// password rules (`admin123`, `changeit`, `guest`).
    WeakCredential,
}

/// One rule as written in a category file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Slug; the rule id is `secrets/<id>`.
    pub id: String,
    pub title: String,
    /// *What it does*.
    pub description: String,
    /// Finding message; defaults to "<title> found in source".
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub engine: Engine,
    /// Regex (regex crate syntax). The group named `secret`, else group 1, else the whole
    /// match is the secret.
    #[serde(default)]
    pub regex: String,
    #[serde(default)]
    pub assign_class: Option<AssignClass>,
    /// Lowercase literals; the rule runs only near one of them.
    pub keywords: Vec<String>,
    /// Minimum Shannon entropy (bits per byte) of the secret.
    #[serde(default)]
    pub entropy: Option<f32>,
    /// Minimum length of the secret (generic filters).
    #[serde(default)]
    pub min_len: Option<usize>,
    pub severity: Severity,
    pub confidence: Confidence,
    #[serde(default = "default_cwe")]
    pub cwe: Vec<u32>,
    /// Name of a structural check in `validate.rs` (checksum, decoded header, ...).
    #[serde(default)]
    pub validator: Option<String>,
    #[serde(default)]
    pub filter: FilterKind,
    /// Lines of context before and after the keyword's line the regex may see.
    #[serde(default)]
    pub context_lines: u8,
    /// For block secrets (PEM): bytes after the keyword the regex may see.
    #[serde(default)]
    pub span: u32,
    /// Keywords are the token's own prefix: a hit counts only when at least this many
    /// token characters (`[A-Za-z0-9_+/=.-]`) follow it. A cheap test before any regex.
    #[serde(default)]
    pub tail: u8,
    /// A byte that must occur on the keyword's line within 256 bytes after it (`@` for
    /// credentials in URLs): a memchr before any regex.
    #[serde(default)]
    pub needs: Option<char>,
    /// Rules whose findings this rule's match makes redundant (the AWS key pair covers the
    /// key id alone): a finding of theirs inside this rule's whole match is dropped.
    #[serde(default)]
    pub supersedes: Vec<String>,
    /// Rule-specific *Why is this bad?* text, appended to the category's.
    #[serde(default)]
    pub why: String,
    /// Rule-specific *Use instead* text, put before the category's.
    #[serde(default)]
    pub use_instead: String,
    /// Lines that must produce a finding of this rule (templates, see `template.rs`).
    pub examples: Vec<String>,
    /// Lines that must not produce a finding of this rule.
    pub negatives: Vec<String>,
    #[serde(skip)]
    pub category: String,
}

fn default_cwe() -> Vec<u32> {
    vec![798]
}

/// Shared documentation of one category file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryDoc {
    pub name: String,
    pub why: String,
    pub use_instead: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    category: CategoryDoc,
    #[serde(rename = "rule", default)]
    rules: Vec<RuleSpec>,
}

/// The built-in category files, compiled in.
const RULE_FILES: &[(&str, &str)] = &[
    ("cloud.toml", include_str!("../rules/cloud.toml")),
    ("vcs_ci.toml", include_str!("../rules/vcs_ci.toml")),
    ("ai.toml", include_str!("../rules/ai.toml")),
    ("payments.toml", include_str!("../rules/payments.toml")),
    ("chat_email.toml", include_str!("../rules/chat_email.toml")),
    ("databases.toml", include_str!("../rules/databases.toml")),
    ("keys.toml", include_str!("../rules/keys.toml")),
    ("registries.toml", include_str!("../rules/registries.toml")),
    ("saas.toml", include_str!("../rules/saas.toml")),
    ("generic.toml", include_str!("../rules/generic.toml")),
];

/// Every built-in rule and the category docs, parsed once.
pub struct Catalog {
    pub rules: Vec<RuleSpec>,
    pub categories: Vec<CategoryDoc>,
}

impl Catalog {
    pub fn category(&self, name: &str) -> Option<&CategoryDoc> {
        self.categories.iter().find(|c| c.name == name)
    }
}

/// The built-in catalog. The files are part of the binary and covered by tests, so a parse
/// error here is a build defect; it panics with the file name rather than limp on.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut rules = Vec::new();
        let mut categories = Vec::new();
        for (name, text) in RULE_FILES {
            let file: RuleFile = toml::from_str(text)
                .unwrap_or_else(|e| panic!("built-in rule file {name} is invalid: {e}"));
            for mut r in file.rules {
                r.category = file.category.name.clone();
                rules.push(r);
            }
            categories.push(file.category);
        }
        Catalog { rules, categories }
    })
}
