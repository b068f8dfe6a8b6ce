//! The shape of a configuration rule: static metadata, documentation taken from the
//! rule's own doc comment, the file kinds it reads, and a check over one parsed file.

use crate::detect::Kind;
use crate::parse::{directives, dockerfile::Dockerfile, dotenv, hcl::Module, nginx};
use crate::tree::Node;
use std::ops::Range;
use vibeguard_core::{Confidence, Fix, RuleInfo, Severity, TextEdit};

/// Static metadata of a rule.
pub struct Meta {
    pub id: &'static str,
    pub title: &'static str,
    pub cwe: &'static [u32],
    pub severity: Severity,
    pub confidence: Confidence,
    /// The default one-line message (a hit may give a more specific one).
    pub message: &'static str,
    /// The file kinds the rule reads.
    pub kinds: &'static [Kind],
}

/// A parsed file.
pub enum Parsed {
    /// Every document of a YAML stream.
    Yaml(Vec<Node>),
    /// A JSON or TOML document.
    Tree(Node),
    Dockerfile(Dockerfile),
    Terraform(Module),
    Nginx(Vec<nginx::Directive>),
    Directives(Vec<directives::Directive>),
    Dotenv(Vec<dotenv::Var>),
}

/// One file as a rule sees it.
pub struct File<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub kind: Kind,
    pub parsed: &'a Parsed,
}

impl<'a> File<'a> {
    pub fn docs(&self) -> &'a [Node] {
        match self.parsed {
            Parsed::Yaml(d) => d,
            Parsed::Tree(n) => std::slice::from_ref(n),
            _ => &[],
        }
    }

    pub fn dockerfile(&self) -> Option<&'a Dockerfile> {
        match self.parsed {
            Parsed::Dockerfile(d) => Some(d),
            _ => None,
        }
    }

    pub fn terraform(&self) -> Option<&'a Module> {
        match self.parsed {
            Parsed::Terraform(m) => Some(m),
            _ => None,
        }
    }

    pub fn nginx(&self) -> &'a [nginx::Directive] {
        match self.parsed {
            Parsed::Nginx(d) => d,
            _ => &[],
        }
    }

    pub fn directives(&self) -> &'a [directives::Directive] {
        match self.parsed {
            Parsed::Directives(d) => d,
            _ => &[],
        }
    }

    pub fn dotenv(&self) -> &'a [dotenv::Var] {
        match self.parsed {
            Parsed::Dotenv(d) => d,
            _ => &[],
        }
    }

    /// The file's name, lower-cased.
    pub fn file_name(&self) -> String {
        self.path
            .rsplit('/')
            .next()
            .unwrap_or(self.path)
            .to_ascii_lowercase()
    }
}

/// One match: where, optionally a more specific message, severity and a fix.
#[derive(Debug, Clone)]
pub struct Hit {
    pub span: Range<usize>,
    pub message: Option<String>,
    pub severity: Option<Severity>,
    pub fix: Option<Fix>,
}

impl Hit {
    pub fn at(span: Range<usize>) -> Hit {
        Hit {
            span,
            message: None,
            severity: None,
            fix: None,
        }
    }

    pub fn message(mut self, m: impl Into<String>) -> Hit {
        self.message = Some(m.into());
        self
    }

    pub fn severity(mut self, s: Severity) -> Hit {
        self.severity = Some(s);
        self
    }

    pub fn fix(mut self, description: impl Into<String>, edits: Vec<TextEdit>) -> Hit {
        self.fix = Some(Fix {
            description: description.into(),
            edits,
        });
        self
    }
}

/// A text edit (a helper for rules building fixes).
pub fn edit(range: Range<usize>, replacement: impl Into<String>) -> TextEdit {
    TextEdit {
        byte_start: range.start,
        byte_end: range.end,
        replacement: replacement.into(),
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static Meta;
    /// The rule's documentation (its doc comment, with the four standard headings).
    fn doc(&self) -> &'static str;
    fn check(&self, file: &File<'_>, out: &mut Vec<Hit>);

    fn info(&self) -> RuleInfo {
        let m = self.meta();
        RuleInfo {
            id: m.id.to_string(),
            title: m.title.to_string(),
            cwe: m.cwe.to_vec(),
            severity: m.severity,
            confidence: m.confidence,
            message: m.message.to_string(),
            doc: vibeguard_core::ruledoc::parse_doc(self.doc()),
            tags: vec![
                "config".to_string(),
                m.id.split('/').next().unwrap_or("config").to_string(),
            ],
        }
    }
}

/// Declare a rule: its doc comment (the four headings) becomes its documentation, and
/// the metadata block its [`Meta`]. The rule's `check` is written as
/// `impl Check for Name`.
#[macro_export]
macro_rules! config_rule {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            id: $id:literal,
            title: $title:literal,
            cwe: [$($cwe:literal),* $(,)?],
            severity: $sev:ident,
            confidence: $conf:ident,
            kinds: [$($kind:ident),* $(,)?],
            message: $msg:literal $(,)?
        }
    ) => {
        vibeguard_core::documented_rule! { $(#[doc = $doc])* $name }
        impl $name {
            pub const META: $crate::rule::Meta = $crate::rule::Meta {
                id: $id,
                title: $title,
                cwe: &[$($cwe),*],
                severity: vibeguard_core::Severity::$sev,
                confidence: vibeguard_core::Confidence::$conf,
                message: $msg,
                kinds: &[$($crate::detect::Kind::$kind),*],
            };
        }
        impl $crate::rule::Rule for $name {
            fn meta(&self) -> &'static $crate::rule::Meta {
                &Self::META
            }
            fn doc(&self) -> &'static str {
                Self::DOC
            }
            fn check(&self, file: &$crate::rule::File<'_>, out: &mut Vec<$crate::rule::Hit>) {
                $crate::rule::Check::run(self, file, out)
            }
        }
    };
}

/// The body of a rule declared with [`config_rule!`].
pub trait Check {
    fn run(&self, file: &File<'_>, out: &mut Vec<Hit>);
}
