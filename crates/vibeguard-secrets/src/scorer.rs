//! The learned scorer for generic candidates: small gradient-boosted trees over hand-made
//! features of a value, the name it is assigned to, its line and its file.
//!
//! Provider formats (a `ghp_` token, a PEM block) are specific enough to report on their
//! own. Generic candidates are not: `password: 'test123'` is a credential in one project's
//! fixtures and a form label in another's, and `key = "8934e7d1..."` is a WeChat Pay key or
//! a cache key. Hand-written filters decide the clear cases (references, placeholders,
//! paths, hashes never reach here); what is left is judged by context, by trees learned
//! from public labelled data (the development part of CredData, see
//! `bench/secrets/train_scorer.py`) and shipped as data (`scorer/generic.toml`). Only
//! generic candidates are scored: a few hundred comparisons per candidate, not per byte.

use crate::assign;
use crate::entropy::{Classes, shannon};
use crate::filters;
use serde::Deserialize;
use std::sync::OnceLock;
use vibeguard_core::FileClass;

/// Which kind of generic rule found the candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Password,
    Secret,
    Token,
    ApiKey,
    /// Key material names (`private_key`, `signing_key`) and bare `key`/`salt`/`seed`.
    Key,
    Credential,
    /// `scheme://user:pass@host`.
    Url,
    /// A literal given to a login call or `curl -u`.
    CallArgument,
    /// SQL `IDENTIFIED BY`, `PASSWORD '...'`.
    Sql,
    /// Command lines, server directives, key=value connection strings.
    CommandLine,
    /// XML key/value settings.
    Xml,
    /// Fallback of a secret-named environment lookup.
    EnvDefault,
}

impl Family {
    /// The family of a password-position regex rule, by its id.
    pub fn of_rule(id: &str) -> Family {
        match id.strip_prefix("secrets/").unwrap_or(id) {
            "url-credentials" => Family::Url,
            "curl-basic-auth" | "credential-call-argument" => Family::CallArgument,
            "sql-password" => Family::Sql,
            "xml-key-value-password" => Family::Xml,
            "env-default-secret" => Family::EnvDefault,
            _ => Family::CommandLine,
        }
    }
}

/// Everything the features are computed from. Byte slices point into the scanned file.
pub struct Input<'a> {
    pub family: Family,
    pub value: &'a [u8],
    /// The assigned name (`DB_PASSWORD`, `config.secret`), when the rule has one.
    pub name: Option<&'a [u8]>,
    /// The value's whole line.
    pub line: &'a [u8],
    /// The line with one line either side.
    pub around: &'a [u8],
    pub path: &'a str,
    pub class: FileClass,
    /// The whole file (to count repeats of the value).
    pub file: &'a [u8],
    /// The hand-written filters call the value a simple or default password.
    pub weak: bool,
    /// The hand-written filters would have dropped the value (a word equal to the field's
    /// name, an account name, a counting sequence, a not-random-enough key): the scorer
    /// alone decides.
    pub soft: bool,
    /// The value was quoted in the source.
    pub quoted: bool,
}

/// Feature names, in the order of the vector `features` returns. The weights file names
/// them, so a renamed or added feature is a training-data change, caught by a test.
pub const FEATURES: &[&str] = &[
    "fam_password",
    "fam_secret",
    "fam_token",
    "fam_api_key",
    "fam_key",
    "fam_credential",
    "fam_url",
    "fam_call_argument",
    "fam_sql",
    "fam_command_line",
    "fam_xml",
    "fam_env_default",
    "weak",
    "soft",
    "quoted",
    "val_len",
    "val_entropy",
    "val_classes",
    "val_digit",
    "val_upper",
    "val_lower",
    "val_special",
    "val_all_digits",
    "val_all_lower_letters",
    "val_hex",
    "val_base64_punct",
    "val_digit_frac",
    "val_sequence",
    "val_common_word",
    "val_test_word",
    "val_repeats_name",
    "val_account_word",
    "val_secret_word",
    "val_upper_only",
    "val_repeats_in_file",
    "name_none",
    "name_words",
    "name_bare",
    "name_test_word",
    "name_service_word",
    "name_constant",
    "name_dotted",
    "name_user_word",
    "file_test",
    "file_docs",
    "file_example",
    "file_config",
    "file_code",
    "file_shell",
    "file_data",
    "line_comment",
    "line_compare",
    "line_local_host",
    "line_long",
    "line_call",
    "line_url",
    "line_cli_flag",
    "ctx_user_near",
    "val_field_word",
    "val_wordlike",
    "val_short",
    "val_long",
    "val_separator",
    "path_sample",
];

/// Words that make a value look typed by a person for a demo or a test.
const TEST_WORDS: &[&str] = &[
    "test", "mock", "fake", "dummy", "demo", "sample", "foo", "bar", "baz", "invalid", "wrong",
    "bad", "fixture", "stub", "qwe", "asd", "abc", "xyz", "hello", "world", "temp", "tmp",
];

/// Words common in hand-made and default passwords.
const COMMON_WORDS: &[&str] = &[
    "pass", "pwd", "admin", "root", "secret", "welcome", "qwerty", "letmein", "default", "guest",
    "user", "login", "master", "123", "111", "000", "changeit", "changeme",
];

/// Words naming a service or account in a credential's name (`MYSQL_ROOT_PASSWORD`).
const SERVICE_WORDS: &[&str] = &[
    "db",
    "database",
    "mysql",
    "postgres",
    "postgresql",
    "pg",
    "redis",
    "mongo",
    "mongodb",
    "rabbit",
    "rabbitmq",
    "amqp",
    "smtp",
    "mail",
    "email",
    "ldap",
    "ftp",
    "sftp",
    "ssh",
    "root",
    "admin",
    "master",
    "jdbc",
    "datasource",
    "elastic",
    "kafka",
    "jwt",
    "oauth",
    "client",
    "consumer",
    "app",
    "api",
    "aws",
    "azure",
    "gcp",
    "github",
    "slack",
    "stripe",
    "keystore",
    "truststore",
    "store",
    "bind",
    "proxy",
    "registry",
    "docker",
];

/// Words in a name that say the value is not the one in use.
const NAME_TEST_WORDS: &[&str] = &[
    "test",
    "mock",
    "fake",
    "dummy",
    "example",
    "sample",
    "invalid",
    "wrong",
    "bad",
    "old",
    "new",
    "confirm",
    "confirmation",
    "expected",
    "other",
    "another",
    "default",
    "initial",
    "my",
    "your",
    "demo",
    "incorrect",
    "random",
    "plain",
    "plaintext",
    "raw",
    "current",
];

/// Names whose last word identifies an account next to the credential (`user`, `login`).
const USER_WORDS: &[&str] = &["user", "username", "login", "account", "email", "uid"];

/// The most frequent letter pairs of English text: a value made of them reads as words.
const COMMON_BIGRAMS: &[&[u8; 2]] = &[
    b"th", b"he", b"in", b"er", b"an", b"re", b"on", b"at", b"en", b"nd", b"ti", b"es", b"or",
    b"te", b"of", b"ed", b"is", b"it", b"al", b"ar", b"st", b"to", b"nt", b"ng", b"se", b"ha",
    b"as", b"ou", b"io", b"le", b"ve", b"co", b"me", b"de", b"hi", b"ri", b"ro", b"ic", b"ne",
    b"ea", b"ra", b"ce", b"li", b"ch", b"ll", b"be", b"ma", b"si", b"om", b"ur", b"ss", b"et",
    b"ec", b"ta", b"la", b"el", b"ad", b"ac", b"us", b"ge", b"ic", b"wo", b"pa", b"ss", b"mi",
];

/// Share of letter pairs in the value that are common English pairs (0 when it has fewer
/// than three letters).
fn wordlike(lower: &[u8]) -> f32 {
    let pairs: Vec<&[u8]> = lower
        .windows(2)
        .filter(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_lowercase())
        .collect();
    if pairs.len() < 2 {
        return 0.0;
    }
    let common = pairs
        .iter()
        .filter(|p| COMMON_BIGRAMS.iter().any(|b| b[..] == p[..]))
        .count();
    common as f32 / pairs.len() as f32
}

const CONFIG_EXTS: &[&str] = &[
    "yml",
    "yaml",
    "env",
    "properties",
    "ini",
    "conf",
    "cfg",
    "toml",
    "xml",
    "config",
    "cnf",
    "tfvars",
    "plist",
    "rc",
];
const CODE_EXTS: &[&str] = &[
    "py", "js", "jsx", "ts", "tsx", "mjs", "cjs", "go", "rb", "java", "kt", "kts", "scala", "rs",
    "c", "h", "cc", "cpp", "hpp", "cs", "php", "swift", "m", "dart", "lua", "pl", "ex", "exs",
    "clj", "groovy", "vue", "hs", "fs", "vb", "erl", "r",
];
const SHELL_EXTS: &[&str] = &[
    "sh", "bash", "zsh", "ps1", "psm1", "bat", "cmd", "bats", "fish",
];
const DATA_EXTS: &[&str] = &[
    "json", "sql", "csv", "log", "har", "cast", "jsonl", "ndjson",
];

fn has_word(lower: &[u8], words: &[&str]) -> bool {
    words.iter().any(|w| filters::contains(lower, w.as_bytes()))
}

fn flag(b: bool) -> f32 {
    if b { 1.0 } else { 0.0 }
}

/// A user name next to the value (`user`, `username`, `login` as a key or flag within a
/// line): a credential pair, the shape real configuration and fixtures have.
fn user_near(around: &[u8]) -> bool {
    let lower: Vec<u8> = around.iter().map(|b| b.to_ascii_lowercase()).collect();
    ["user", "login", "account", "-u "]
        .iter()
        .any(|w| filters::contains(&lower, w.as_bytes()))
}

/// The feature vector of one candidate, in the order of `FEATURES`.
pub fn features(x: &Input<'_>) -> Vec<f32> {
    let v = x.value;
    let lower: Vec<u8> = v.iter().map(|b| b.to_ascii_lowercase()).collect();
    let c = Classes::of(v);
    let digits = v.iter().filter(|b| b.is_ascii_digit()).count();
    let len = v.len().max(1) as f32;
    let name_words = x.name.map(assign::words).unwrap_or_default();
    let name_lower: Vec<u8> = x
        .name
        .map(|n| n.iter().map(|b| b.to_ascii_lowercase()).collect())
        .unwrap_or_default();
    let path_lower = x.path.to_ascii_lowercase();
    let file_name = path_lower.rsplit('/').next().unwrap_or(&path_lower);
    let ext = file_name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let dockerish = file_name.starts_with("dockerfile")
        || file_name.contains("docker-compose")
        || file_name.starts_with(".env")
        || file_name.ends_with(".env");
    let line_lower: Vec<u8> = x.line.iter().map(|b| b.to_ascii_lowercase()).collect();
    let trimmed = x
        .line
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&x.line[..0], |p| &x.line[p..]);
    let comment = [
        &b"#"[..],
        b"//",
        b"/*",
        b"* ",
        b"<!--",
        b"--",
        b";",
        b"rem ",
    ]
    .iter()
    .any(|p| trimmed.starts_with(p));
    let repeats = if v.len() >= 4 {
        memchr::memmem::find_iter(x.file, v).take(16).count()
    } else {
        1
    };
    let repeats_name = !name_words.is_empty()
        && name_words
            .iter()
            .any(|w| w.len() >= 3 && filters::contains(&lower, w.as_bytes()));
    let fam = x.family;
    vec![
        flag(fam == Family::Password),
        flag(fam == Family::Secret),
        flag(fam == Family::Token),
        flag(fam == Family::ApiKey),
        flag(fam == Family::Key),
        flag(fam == Family::Credential),
        flag(fam == Family::Url),
        flag(fam == Family::CallArgument),
        flag(fam == Family::Sql),
        flag(fam == Family::CommandLine),
        flag(fam == Family::Xml),
        flag(fam == Family::EnvDefault),
        flag(x.weak),
        flag(x.soft),
        flag(x.quoted),
        (len.ln() / 64f32.ln()).min(1.5),
        shannon(v) / 6.0,
        c.count() as f32 / 4.0,
        flag(c.digit),
        flag(c.upper),
        flag(c.lower),
        flag(c.other),
        flag(digits == v.len()),
        flag(v.iter().all(|b| b.is_ascii_lowercase())),
        flag(v.len() >= 16 && v.iter().all(|b| b.is_ascii_hexdigit())),
        flag(v.iter().any(|&b| matches!(b, b'+' | b'/' | b'='))),
        digits as f32 / len,
        flag(filters::longest_sequence(v) >= 4),
        flag(has_word(&lower, COMMON_WORDS)),
        flag(has_word(&lower, TEST_WORDS)),
        flag(repeats_name),
        flag(filters::is_account_word(v)),
        flag(has_word(
            &lower,
            &["password", "passwd", "secret", "token", "key"],
        )),
        flag(c.upper && !c.lower),
        ((repeats as f32).ln() / 16f32.ln()).min(1.0),
        flag(x.name.is_none()),
        (name_words.len() as f32 / 4.0).min(1.0),
        flag(name_words.len() == 1),
        flag(
            name_words
                .iter()
                .any(|w| NAME_TEST_WORDS.contains(&w.as_str())),
        ),
        flag(
            name_words
                .iter()
                .any(|w| SERVICE_WORDS.contains(&w.as_str())),
        ),
        flag(x.name.is_some_and(|n| {
            n.iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
        })),
        flag(name_lower.contains(&b'.')),
        flag(
            name_words
                .first()
                .is_some_and(|w| USER_WORDS.contains(&w.as_str())),
        ),
        flag(x.class.test),
        flag(x.class.docs),
        flag(x.class.example),
        flag(CONFIG_EXTS.contains(&ext) || dockerish),
        flag(CODE_EXTS.contains(&ext)),
        flag(SHELL_EXTS.contains(&ext)),
        flag(DATA_EXTS.contains(&ext)),
        flag(comment),
        flag(has_word(
            &line_lower,
            &["==", "!=", "assert", "expect", "should", ".equal", "tobe("],
        )),
        flag(has_word(
            &line_lower,
            &["localhost", "127.0.0.1", "0.0.0.0"],
        )),
        flag(x.line.len() > 160),
        flag(x.line.contains(&b'(') && x.line.contains(&b')')),
        flag(filters::contains(&line_lower, b"://")),
        flag(filters::contains(&line_lower, b" -") || filters::contains(&line_lower, b" --")),
        flag(user_near(x.around)),
        flag(
            [
                "password", "passwd", "pass", "pwd", "secret", "token", "key", "auth",
            ]
            .iter()
            .any(|w| v.eq_ignore_ascii_case(w.as_bytes())),
        ),
        wordlike(&lower),
        flag(v.len() < 8),
        flag(v.len() >= 20),
        flag(v.iter().any(|&b| matches!(b, b'-' | b'_' | b'.'))),
        flag(
            [
                "sample",
                "example",
                "demo",
                "tutorial",
                "quickstart",
                "playground",
            ]
            .iter()
            .any(|w| path_lower.contains(w)),
        ),
    ]
}

/// The model file: gradient-boosted trees over the features, and the decision threshold.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// What produced the trees (script, data, settings, cross-validated figures).
    pub trained: String,
    pub threshold: f32,
    /// Log-odds before any tree.
    pub base: f32,
    #[serde(rename = "tree", default)]
    pub trees: Vec<TreeSpec>,
}

/// One tree as written: parallel arrays, one entry per node. A node with a feature name
/// sends `x < threshold` to `left`, else to `right`; a node with an empty name is a leaf
/// and adds its `value`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreeSpec {
    pub feature: Vec<String>,
    pub threshold: Vec<f32>,
    pub left: Vec<u16>,
    pub right: Vec<u16>,
    pub value: Vec<f32>,
}

/// A node of a loaded tree: a split on a feature index, or a leaf.
#[derive(Debug, Clone, Copy)]
enum Node {
    Split {
        feature: u16,
        threshold: f32,
        left: u16,
        right: u16,
    },
    Leaf(f32),
}

/// The shipped model, with feature names resolved to indices into `FEATURES`.
pub struct Scorer {
    pub threshold: f32,
    base: f32,
    trees: Vec<Vec<Node>>,
}

impl Scorer {
    /// Check and load a model: every feature must be one of `FEATURES`, every child index
    /// inside its tree and below its parent (so evaluation always ends).
    pub fn from_model(m: &Model) -> Result<Scorer, String> {
        let mut trees = Vec::with_capacity(m.trees.len());
        for (t, spec) in m.trees.iter().enumerate() {
            let n = spec.feature.len();
            if [
                spec.threshold.len(),
                spec.left.len(),
                spec.right.len(),
                spec.value.len(),
            ]
            .iter()
            .any(|&l| l != n)
                || n == 0
            {
                return Err(format!("tree {t}: arrays of different lengths"));
            }
            let mut nodes = Vec::with_capacity(n);
            for k in 0..n {
                if spec.feature[k].is_empty() {
                    nodes.push(Node::Leaf(spec.value[k]));
                    continue;
                }
                let feature = FEATURES
                    .iter()
                    .position(|f| *f == spec.feature[k])
                    .ok_or_else(|| format!("tree {t}: unknown feature `{}`", spec.feature[k]))?;
                let (left, right) = (spec.left[k], spec.right[k]);
                if left as usize >= n
                    || right as usize >= n
                    || left as usize <= k
                    || right as usize <= k
                {
                    return Err(format!("tree {t}: node {k} has children out of order"));
                }
                nodes.push(Node::Split {
                    feature: feature as u16,
                    threshold: spec.threshold[k],
                    left,
                    right,
                });
            }
            trees.push(nodes);
        }
        Ok(Scorer {
            threshold: m.threshold,
            base: m.base,
            trees,
        })
    }

    /// Probability that the candidate is a credential.
    pub fn score(&self, features: &[f32]) -> f32 {
        let mut z = self.base;
        for nodes in &self.trees {
            let mut k = 0usize;
            loop {
                match nodes[k] {
                    Node::Split {
                        feature,
                        threshold,
                        left,
                        right,
                    } => {
                        k = if features[feature as usize] < threshold {
                            left as usize
                        } else {
                            right as usize
                        };
                    }
                    Node::Leaf(v) => {
                        z += v;
                        break;
                    }
                }
            }
        }
        1.0 / (1.0 + (-z).exp())
    }
}

const MODEL: &str = include_str!("../scorer/generic.toml");

/// The built-in scorer (parsed once; the file is covered by a test).
pub fn builtin() -> &'static Scorer {
    static S: OnceLock<Scorer> = OnceLock::new();
    S.get_or_init(|| {
        let m: Model = toml::from_str(MODEL).expect("scorer/generic.toml parses (tested)");
        Scorer::from_model(&m).expect("scorer/generic.toml matches FEATURES (tested)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_loads() {
        let m: Model = toml::from_str(MODEL).unwrap();
        Scorer::from_model(&m).unwrap();
        assert!(m.threshold > 0.0 && m.threshold < 1.0);
        assert!(!m.trees.is_empty());
    }

    #[test]
    fn trees_are_walked_to_their_leaves() {
        let m: Model = toml::from_str(
            r#"
            trained = "by hand"
            threshold = 0.5
            base = 0.0
            [[tree]]
            feature = ["weak", "", ""]
            threshold = [0.5, 0, 0]
            left = [1, 0, 0]
            right = [2, 0, 0]
            value = [0, 2.0, -2.0]
            "#,
        )
        .unwrap();
        let s = Scorer::from_model(&m).unwrap();
        let weak = FEATURES.iter().position(|f| *f == "weak").unwrap();
        let mut x = vec![0.0; FEATURES.len()];
        assert!(s.score(&x) > 0.85);
        x[weak] = 1.0;
        assert!(s.score(&x) < 0.15);
    }

    #[test]
    fn malformed_models_are_rejected() {
        let bad_feature = r#"
            trained = "x"
            threshold = 0.5
            base = 0.0
            [[tree]]
            feature = ["no_such_feature", "", ""]
            threshold = [0.5, 0, 0]
            left = [1, 0, 0]
            right = [2, 0, 0]
            value = [0, 1, 1]
        "#;
        let cycle = r#"
            trained = "x"
            threshold = 0.5
            base = 0.0
            [[tree]]
            feature = ["weak", ""]
            threshold = [0.5, 0]
            left = [0, 0]
            right = [1, 0]
            value = [0, 1]
        "#;
        for text in [bad_feature, cycle] {
            let m: Model = toml::from_str(text).unwrap();
            assert!(Scorer::from_model(&m).is_err());
        }
    }

    #[test]
    fn the_feature_vector_matches_the_names() {
        let x = Input {
            family: Family::Password,
            value: b"Tq8#mZ2vLr9!xW4p",
            name: Some(b"DB_PASSWORD"),
            line: b"DB_PASSWORD=Tq8#mZ2vLr9!xW4p",
            around: b"DB_PASSWORD=Tq8#mZ2vLr9!xW4p",
            path: "deploy/.env",
            class: FileClass::default(),
            file: b"DB_PASSWORD=Tq8#mZ2vLr9!xW4p\n",
            weak: false,
            soft: false,
            quoted: false,
        };
        assert_eq!(features(&x).len(), FEATURES.len());
    }
}
