//! MCP server lists (`.mcp.json`, Cursor, VS Code, Claude Desktop, Windsurf, Gemini,
//! Codex): every server entry with its command, arguments, environment, URL and headers.
//! The analysis is static: no server is started or contacted.

pub mod broad_filesystem;
pub mod inline_secret;
pub mod plain_http;
pub mod tools_auto_approved;
pub mod unpinned_package;

use crate::rule::File;
use crate::tree::Node;

pub struct Server<'a> {
    pub name: &'a str,
    pub name_span: std::ops::Range<usize>,
    pub node: &'a Node,
}

impl<'a> Server<'a> {
    pub fn command(&self) -> Option<&'a Node> {
        self.node.get("command")
    }

    pub fn args(&self) -> Vec<&'a Node> {
        self.node
            .get("args")
            .map(|a| a.items().iter().collect())
            .unwrap_or_default()
    }

    /// The command split into program and arguments (a `command` string with spaces
    /// counts as a command line).
    pub fn argv(&self) -> Vec<(String, &'a Node)> {
        let mut out = Vec::new();
        if let Some(c) = self.command()
            && let Some(t) = c.text()
        {
            for w in t.split_whitespace() {
                out.push((w.to_string(), c));
            }
        }
        for a in self.args() {
            if let Some(t) = a.text() {
                out.push((t.to_string(), a));
            }
        }
        out
    }

    pub fn url(&self) -> Option<&'a Node> {
        ["url", "serverUrl", "httpUrl", "uri", "endpoint"]
            .iter()
            .find_map(|k| self.node.get(k))
    }
}

/// Every MCP server entry in the file.
pub fn servers<'a>(f: &File<'a>) -> Vec<Server<'a>> {
    let mut out = Vec::new();
    for doc in f.docs() {
        let tables = [
            doc.get("mcpServers"),
            doc.get("servers"),
            doc.get("mcp_servers"),
            doc.path(&["mcp", "servers"]),
            doc.path(&["mcp", "mcpServers"]),
        ];
        for t in tables.into_iter().flatten() {
            for e in t.entries() {
                if e.value.is_map() {
                    out.push(Server {
                        name: &e.key,
                        name_span: e.key_span.clone(),
                        node: &e.value,
                    });
                }
            }
        }
    }
    out
}
