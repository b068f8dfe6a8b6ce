//! vibeguard as a Language Server (stdio).
//!
//! Open documents are scanned through the one engine API (`vibeguard-engine`, target
//! `Document`): the same analyzers, rule ids, `vibeguard.toml`, inline ignores and
//! `.vibeguard/baseline.json` as `vibeguard scan`, on the editor's unsaved text. A change
//! re-analyses only that document, after a short pause in typing (debounced). Hover on a
//! diagnostic shows the rule's documentation; code actions apply the rule's fix or add an
//! inline ignore with a reason. Saving `vibeguard.toml` or the baseline reloads them and
//! re-analyses every open document.
//!
//! stdout is the protocol channel: nothing else is ever printed there.

mod actions;
mod project;
mod text;

use project::Projects;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};
use vibeguard_core::{Finding, Severity};
use vibeguard_engine::AnalyzerSet;

/// How long typing must pause before a changed document is analysed again.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// An open document: the editor's text and the findings of its last analysis.
struct Doc {
    text: String,
    version: i32,
    /// Bumped on every change; a pending analysis runs only if it is still current.
    generation: u64,
    findings: Vec<Finding>,
}

struct Backend {
    client: Client,
    docs: Arc<Mutex<HashMap<Uri, Doc>>>,
    projects: Arc<Projects>,
}

/// Serve the protocol on stdin/stdout until the client exits.
pub fn serve_stdio(analyzers: AnalyzerSet) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let (service, socket) = LspService::new(|client| Backend {
            client,
            docs: Arc::default(),
            projects: Arc::new(Projects::new(analyzers)),
        });
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    Ok(())
}

fn lsp_severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Critical | Severity::High => DiagnosticSeverity::ERROR,
        Severity::Medium => DiagnosticSeverity::WARNING,
        Severity::Low => DiagnosticSeverity::INFORMATION,
        Severity::Info => DiagnosticSeverity::HINT,
    }
}

fn diagnostic(text: &str, idx: &text::LineIndex, f: &Finding) -> Diagnostic {
    let l = &f.location;
    Diagnostic {
        range: idx.range(text, l.byte_start, l.byte_end),
        severity: Some(lsp_severity(f.severity)),
        code: Some(NumberOrString::String(f.rule_id.clone())),
        source: Some("vibeguard".to_string()),
        message: format!("{} [{}]", f.message, f.rule_id),
        ..Diagnostic::default()
    }
}

impl Backend {
    /// Analyse one open document and publish its diagnostics (a blocking scan, off the
    /// async threads).
    async fn analyze(&self, uri: Uri) {
        let Some(path) = uri.to_file_path().map(|p| p.into_owned()) else {
            return;
        };
        let (text, version, generation) = {
            let docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
            match docs.get(&uri) {
                Some(d) => (d.text.clone(), d.version, d.generation),
                None => return,
            }
        };
        let projects = self.projects.clone();
        let scanned =
            tokio::task::spawn_blocking(move || projects.scan(&path, &text).map(|f| (f, text)))
                .await;
        let (findings, text) = match scanned {
            Ok(Ok(v)) => v,
            Ok(Err(e)) => {
                self.client
                    .show_message(MessageType::ERROR, format!("vibeguard: {e:#}"))
                    .await;
                return;
            }
            Err(e) => {
                self.client
                    .log_message(
                        MessageType::ERROR,
                        format!("vibeguard: analysis failed: {e}"),
                    )
                    .await;
                return;
            }
        };
        let idx = text::LineIndex::new(&text);
        let diags: Vec<Diagnostic> = findings
            .iter()
            .map(|f| diagnostic(&text, &idx, f))
            .collect();
        {
            let mut docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
            match docs.get_mut(&uri) {
                // A newer change is pending: its own analysis will publish.
                Some(d) if d.generation == generation => d.findings = findings,
                _ => return,
            }
        }
        self.client
            .publish_diagnostics(uri, diags, Some(version))
            .await;
    }

    fn open_uris(&self) -> Vec<Uri> {
        self.docs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .keys()
            .cloned()
            .collect()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        #[allow(deprecated)]
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .and_then(|f| f.uri.to_file_path().map(|p| p.into_owned()))
            .or_else(|| {
                params
                    .root_uri
                    .as_ref()
                    .and_then(|u| u.to_file_path().map(|p| p.into_owned()))
            });
        self.projects.set_workspace(root);
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "vibeguard".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            capabilities: ServerCapabilities {
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::FULL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..CodeActionOptions::default()
                    },
                )),
                ..ServerCapabilities::default()
            },
            ..InitializeResult::default()
        })
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.docs.lock().unwrap_or_else(|e| e.into_inner()).insert(
            doc.uri.clone(),
            Doc {
                text: doc.text,
                version: doc.version,
                generation: 0,
                findings: Vec::new(),
            },
        );
        self.analyze(doc.uri).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        // Full sync: the last change carries the whole text.
        let Some(change) = params.content_changes.into_iter().last() else {
            return;
        };
        let generation = {
            let mut docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
            let Some(d) = docs.get_mut(&uri) else {
                return;
            };
            d.text = change.text;
            d.version = params.text_document.version;
            d.generation += 1;
            d.generation
        };
        let me = Backend {
            client: self.client.clone(),
            docs: self.docs.clone(),
            projects: self.projects.clone(),
        };
        tokio::spawn(async move {
            tokio::time::sleep(DEBOUNCE).await;
            let current = me
                .docs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(&uri)
                .is_some_and(|d| d.generation == generation);
            if current {
                me.analyze(uri).await;
            }
        });
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let Some(path) = params.text_document.uri.to_file_path() else {
            return;
        };
        if self.projects.is_settings_file(&path) {
            self.projects.reload();
            for uri in self.open_uris() {
                self.analyze(uri).await;
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.docs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&uri);
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let pos = params.text_document_position_params;
        let rule_id = {
            let docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
            let Some(doc) = docs.get(&pos.text_document.uri) else {
                return Ok(None);
            };
            let idx = text::LineIndex::new(&doc.text);
            doc.findings
                .iter()
                .find(|f| {
                    let r = idx.range(&doc.text, f.location.byte_start, f.location.byte_end);
                    r.start <= pos.position && pos.position <= r.end
                })
                .map(|f| f.rule_id.clone())
        };
        let Some(rule_id) = rule_id else {
            return Ok(None);
        };
        let path = pos.text_document.uri.to_file_path().map(|p| p.into_owned());
        let docs = path.and_then(|p| self.projects.rule_markdown(&p, &rule_id));
        Ok(docs.map(|markdown| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: markdown,
            }),
            range: None,
        }))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
        let Some(doc) = docs.get(&uri) else {
            return Ok(None);
        };
        let path = uri
            .to_file_path()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let idx = text::LineIndex::new(&doc.text);
        let mut out = Vec::new();
        for f in &doc.findings {
            let d = diagnostic(&doc.text, &idx, f);
            let wanted = d.range.start <= params.range.end && params.range.start <= d.range.end;
            if !wanted {
                continue;
            }
            if let Some(a) = actions::apply_fix(&uri, &doc.text, f, &d) {
                out.push(CodeActionOrCommand::CodeAction(a));
            }
            if let Some(a) = actions::add_ignore(&uri, &path, &doc.text, f, &d) {
                out.push(CodeActionOrCommand::CodeAction(a));
            }
        }
        Ok(Some(out))
    }
}
