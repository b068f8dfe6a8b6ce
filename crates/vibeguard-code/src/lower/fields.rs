//! Children by field name at the cost of a hash lookup. Tree-sitter's
//! `child_by_field_name` first turns the name into the grammar's field id by comparing it
//! with every field name of the grammar (`strncmp` in a loop), on every call; the
//! lowerings ask for fields of nearly every node, and that scan was a twentieth of a
//! file's analysis. The ids of each grammar's names are read once per thread here.

use std::cell::RefCell;
use std::collections::HashMap;
use tree_sitter::{Language, Node};

/// Field ids of one grammar by name.
type FieldIds = HashMap<Box<str>, u16, foldhash::fast::FixedState>;

thread_local! {
    /// The grammars seen on this thread, each with its field ids (a handful at most).
    static FIELD_IDS: RefCell<Vec<(Language, FieldIds)>> = const { RefCell::new(Vec::new()) };
}

/// `child_by_field_name` without the per-call scan of the grammar's field names.
pub trait FieldExt<'t> {
    /// The first child in field `name`, as `Node::child_by_field_name` finds it.
    fn field(&self, name: &str) -> Option<Node<'t>>;
}

impl<'t> FieldExt<'t> for Node<'t> {
    fn field(&self, name: &str) -> Option<Node<'t>> {
        let id = field_id(self, name)?;
        self.child_by_field_id(id)
    }
}

/// The id of field `name` in the grammar of `node`; `None` when the grammar has no such
/// field (as `child_by_field_name` then finds no child).
fn field_id(node: &Node<'_>, name: &str) -> Option<u16> {
    let lang = node.language();
    FIELD_IDS.with(|cell| {
        let mut grammars = cell.borrow_mut();
        let at = match grammars.iter().position(|(l, _)| *l == *lang) {
            Some(i) => i,
            None => {
                grammars.push(((*lang).clone(), ids_of(&lang)));
                grammars.len() - 1
            }
        };
        grammars[at].1.get(name).copied()
    })
}

/// Every field name of a grammar with its id (the first, should a name repeat, as
/// tree-sitter's own lookup finds).
fn ids_of(lang: &Language) -> FieldIds {
    let mut ids = FieldIds::default();
    for id in 1..=lang.field_count() as u16 {
        if let Some(name) = lang.field_name_for_id(id) {
            ids.entry(name.into()).or_insert(id);
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::FieldExt;
    use crate::syntax::{Language, parse};
    use tree_sitter::Node;

    /// Every node's every field (and a name no grammar has) gives what tree-sitter's own
    /// lookup by name gives.
    #[test]
    fn same_child_as_lookup_by_name() {
        let samples = [
            (
                Language::Python,
                "def f(a, b=1):\n    return g(a)[b] if a else None\n",
            ),
            (
                Language::TypeScript,
                "function f(a: string) { return a ? g(a) : null; }\n",
            ),
            (
                Language::Php,
                "<?php function f($a) { return $a->b($a); }\n",
            ),
        ];
        for (lang, src) in samples {
            let tree = parse(lang, src.as_bytes()).expect("parses");
            let grammar = tree.language();
            let mut names: Vec<&str> = (1..=grammar.field_count() as u16)
                .filter_map(|id| grammar.field_name_for_id(id))
                .collect();
            names.push("no_such_field");
            let mut stack: Vec<Node<'_>> = vec![tree.root_node()];
            while let Some(n) = stack.pop() {
                for name in &names {
                    assert_eq!(
                        n.field(name),
                        n.child_by_field_name(name),
                        "{lang:?} {name}"
                    );
                }
                let mut c = n.walk();
                stack.extend(n.children(&mut c));
            }
        }
    }
}
