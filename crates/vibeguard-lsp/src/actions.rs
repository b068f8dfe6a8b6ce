//! Code actions: apply a finding's fix, or accept it with an inline ignore and a reason.

use crate::text::LineIndex;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, Diagnostic, TextEdit, Uri, WorkspaceEdit,
};
use vibeguard_core::Finding;

/// The fix as one workspace edit.
pub fn apply_fix(uri: &Uri, text: &str, f: &Finding, diag: &Diagnostic) -> Option<CodeAction> {
    let fix = f.fix.as_ref()?;
    let idx = LineIndex::new(text);
    let edits = fix
        .edits
        .iter()
        .map(|e| {
            TextEdit::new(
                idx.range(text, e.byte_start, e.byte_end),
                e.replacement.clone(),
            )
        })
        .collect();
    Some(CodeAction {
        title: format!("vibeguard: {} ({})", fix.description, f.rule_id),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diag.clone()]),
        edit: Some(WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)]))),
        is_preferred: Some(true),
        ..CodeAction::default()
    })
}

/// Line comment syntax for a file, by name; `None` where comments are not allowed (JSON).
fn comment_for(path: &str) -> Option<(&'static str, &'static str)> {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    if name == "dockerfile" || name.starts_with("dockerfile.") || name.starts_with(".env") {
        return Some(("# ", ""));
    }
    Some(match ext {
        "json" | "ipynb" | "lock" => return None,
        "py" | "rb" | "sh" | "bash" | "zsh" | "yaml" | "yml" | "toml" | "tf" | "hcl" | "ini"
        | "cfg" | "conf" | "properties" | "r" | "pl" | "ps1" | "mk" | "env" => ("# ", ""),
        "md" | "html" | "htm" | "xml" | "vue" | "svelte" => ("<!-- ", " -->"),
        "sql" | "lua" | "hs" => ("-- ", ""),
        "css" => ("/* ", " */"),
        _ => ("// ", ""),
    })
}

/// A comment line above the finding: `# vibeguard: ignore[rule] <reason>`; the reason is
/// left for the user to write over.
pub fn add_ignore(
    uri: &Uri,
    path: &str,
    text: &str,
    f: &Finding,
    diag: &Diagnostic,
) -> Option<CodeAction> {
    let (open, close) = comment_for(path)?;
    let idx = LineIndex::new(text);
    let line = f.location.line.saturating_sub(1);
    let start = idx.line_start(text, line);
    let indent: String = text[start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let comment = format!(
        "{indent}{open}vibeguard: ignore[{}] reason: why this is safe{close}\n",
        f.rule_id
    );
    let at = idx.position(text, start);
    let edit = TextEdit::new(tower_lsp_server::ls_types::Range::new(at, at), comment);
    Some(CodeAction {
        title: format!(
            "vibeguard: ignore {} on this line (give the reason)",
            f.rule_id
        ),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diag.clone()]),
        edit: Some(WorkspaceEdit::new(HashMap::from([(
            uri.clone(),
            vec![edit],
        )]))),
        ..CodeAction::default()
    })
}
