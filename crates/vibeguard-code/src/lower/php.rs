//! placeholder replaced below
use super::Lowerer;
use tree_sitter::Node;

pub fn lower_module(_cx: &mut Lowerer<'_>, _root: Node<'_>) {}
