//! Prints the tree-sitter syntax tree of a file (named nodes, field names, byte ranges):
//! a development aid for writing the lowering of a language.
//!
//! `cargo run -p vibeguard-code --example dump_tree -- FILE`

fn main() {
    let path = std::env::args().nth(1).expect("usage: dump_tree FILE");
    let src = std::fs::read(&path).expect("readable file");
    let lang: tree_sitter::Language = match path.rsplit('.').next().unwrap_or("") {
        "py" => tree_sitter_python::LANGUAGE.into(),
        "js" | "jsx" | "mjs" | "cjs" => tree_sitter_javascript::LANGUAGE.into(),
        "ts" => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
        "tsx" => tree_sitter_typescript::LANGUAGE_TSX.into(),
        "go" => tree_sitter_go::LANGUAGE.into(),
        "java" => tree_sitter_java::LANGUAGE.into(),
        "php" => tree_sitter_php::LANGUAGE_PHP.into(),
        "rb" => tree_sitter_ruby::LANGUAGE.into(),
        other => panic!("unknown extension {other}"),
    };
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&lang).expect("grammar loads");
    let tree = parser.parse(&src, None).expect("parse");
    let mut cursor = tree.walk();
    print(&mut cursor, &src, 0);
}

fn print(c: &mut tree_sitter::TreeCursor<'_>, src: &[u8], depth: usize) {
    let n = c.node();
    if n.is_named() {
        let field = c.field_name().map(|f| format!("{f}: ")).unwrap_or_default();
        let text = if n.child_count() == 0 {
            format!(" {:?}", String::from_utf8_lossy(&src[n.byte_range()]))
        } else {
            String::new()
        };
        println!("{}{field}{}{text}", "  ".repeat(depth), n.kind());
    } else if let Some(f) = c.field_name() {
        println!("{}{f}: '{}'", "  ".repeat(depth), n.kind());
    }
    if c.goto_first_child() {
        loop {
            print(c, src, depth + 1);
            if !c.goto_next_sibling() {
                break;
            }
        }
        c.goto_parent();
    }
}
