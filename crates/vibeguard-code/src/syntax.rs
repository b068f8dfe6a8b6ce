//! Source languages of the code analyzer, their tree-sitter grammars and one parser per
//! thread and language (a parser is cheap to keep and costly to set up per file).

use std::cell::RefCell;
use tree_sitter::{Parser, Tree};

/// A language the code rules analyse on its syntax tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    Python,
    JavaScript,
    TypeScript,
    /// TypeScript with JSX (`.tsx`).
    Tsx,
    Go,
    Java,
    Php,
    Ruby,
}

/// The language families rules are written for: JavaScript and its typed dialects share
/// rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    Python,
    Js,
    Go,
    Java,
    Php,
    Ruby,
}

impl Language {
    pub const ALL: [Language; 8] = [
        Language::Python,
        Language::JavaScript,
        Language::TypeScript,
        Language::Tsx,
        Language::Go,
        Language::Java,
        Language::Php,
        Language::Ruby,
    ];

    /// The language of a file, from its name alone.
    pub fn of_path(path: &str) -> Option<Language> {
        let name = path.rsplit('/').next().unwrap_or(path);
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "py" | "pyw" => Language::Python,
            "js" | "jsx" | "mjs" | "cjs" => Language::JavaScript,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "go" => Language::Go,
            "java" => Language::Java,
            "php" => Language::Php,
            "rb" => Language::Ruby,
            _ => return None,
        })
    }

    pub fn family(self) -> Family {
        match self {
            Language::Python => Family::Python,
            Language::JavaScript | Language::TypeScript | Language::Tsx => Family::Js,
            Language::Go => Family::Go,
            Language::Java => Family::Java,
            Language::Php => Family::Php,
            Language::Ruby => Family::Ruby,
        }
    }

    fn grammar(self) -> tree_sitter::Language {
        match self {
            Language::Python => tree_sitter_python::LANGUAGE.into(),
            // The JavaScript grammar parses JSX too.
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Language::Go => tree_sitter_go::LANGUAGE.into(),
            Language::Java => tree_sitter_java::LANGUAGE.into(),
            Language::Php => tree_sitter_php::LANGUAGE_PHP.into(),
            Language::Ruby => tree_sitter_ruby::LANGUAGE.into(),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl Family {
    /// The rule id prefix of the family (`python/`, `js/`, ...).
    pub fn prefix(self) -> &'static str {
        match self {
            Family::Python => "python",
            Family::Js => "js",
            Family::Go => "go",
            Family::Java => "java",
            Family::Php => "php",
            Family::Ruby => "ruby",
        }
    }
}

thread_local! {
    static PARSERS: RefCell<[Option<Parser>; 8]> = const { RefCell::new([None, None, None, None, None, None, None, None]) };
}

/// Longest time one file may spend in the parser; a pathological input gives up instead of
/// stalling a scan or an agent hook.
const PARSE_BUDGET_MICROS: u64 = 2_000_000;

/// Parse `src` as `lang` with this thread's parser for the language. `None` when the
/// parser gave up (time budget) — the caller reports nothing rather than guessing.
pub fn parse(lang: Language, src: &[u8]) -> Option<Tree> {
    PARSERS.with(|cell| {
        let mut parsers = cell.borrow_mut();
        let slot = &mut parsers[lang.index()];
        if slot.is_none() {
            let mut p = Parser::new();
            p.set_language(&lang.grammar()).ok()?;
            *slot = Some(p);
        }
        let parser = slot.as_mut()?;
        let started = std::time::Instant::now();
        let mut progress = |_: &tree_sitter::ParseState| {
            if started.elapsed().as_micros() as u64 > PARSE_BUDGET_MICROS {
                std::ops::ControlFlow::Break(())
            } else {
                std::ops::ControlFlow::Continue(())
            }
        };
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut progress);
        let tree =
            parser.parse_with_options(&mut |i, _| src.get(i..).unwrap_or(&[]), None, Some(options));
        if tree.is_none() {
            parser.reset();
        }
        tree
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_by_extension() {
        assert_eq!(Language::of_path("a/b.py"), Some(Language::Python));
        assert_eq!(Language::of_path("x.TSX"), Some(Language::Tsx));
        assert_eq!(Language::of_path("x.mjs"), Some(Language::JavaScript));
        assert_eq!(Language::of_path("Makefile"), None);
        assert_eq!(Language::of_path("x.yaml"), None);
    }

    #[test]
    fn every_grammar_parses() {
        let samples: [(Language, &str); 8] = [
            (Language::Python, "x = 1\n"),
            (Language::JavaScript, "let x = <a/>;\n"),
            (Language::TypeScript, "let x: number = 1;\n"),
            (Language::Tsx, "let x = <a/>;\n"),
            (Language::Go, "package main\nfunc main() {}\n"),
            (Language::Java, "class A { void m() {} }\n"),
            (Language::Php, "<?php $x = 1;\n"),
            (Language::Ruby, "x = 1\n"),
        ];
        for (lang, src) in samples {
            let tree = parse(lang, src.as_bytes()).expect("parses");
            assert!(!tree.root_node().has_error(), "{lang:?}");
        }
    }
}
