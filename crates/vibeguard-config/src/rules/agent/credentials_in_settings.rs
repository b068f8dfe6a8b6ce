use crate::rule::{Check, File, Hit};
use crate::rules::common::{is_placeholder, is_secret_name};

crate::config_rule! {
    /// ## What it does
    /// Flags credentials written in agent settings: `env` entries of Claude Code, Codex
    /// (`shell_environment_policy.set`) and Gemini CLI settings whose name says secret
    /// and whose value is a literal.
    ///
    /// ## Why is this bad?
    /// Project settings are committed and shared; even local ones are read by the agent,
    /// which can print or send them anywhere. An API key there leaks with the repository
    /// or the transcript (CWE-798, CWE-312).
    ///
    /// ## Example
    /// ```json
    /// { "env": { "ANTHROPIC_API_KEY": "sk-ant-api03-..." } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "apiKeyHelper": "~/.local/bin/fetch-anthropic-key" }
    /// ```
    CredentialsInSettings {
        id: "agent/credentials-in-settings",
        title: "Credentials in agent settings",
        cwe: [798, 312],
        severity: High,
        confidence: Medium,
        kinds: [ClaudeSettings, CodexConfig, GeminiSettings],
        message: "a credential is written in the agent's settings: load it from the environment or a helper",
    }
}

impl Check for CredentialsInSettings {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for doc in f.docs() {
            for env in [
                doc.get("env"),
                doc.path(&["shell_environment_policy", "set"]),
            ]
            .into_iter()
            .flatten()
            {
                for e in env.entries() {
                    if let Some(v) = e.value.text()
                        && is_secret_name(&e.key)
                        && !is_placeholder(v)
                    {
                        out.push(Hit::at(e.value.span.clone()).message(format!(
                            "`{}` is written in the agent's settings: load it from the environment or a helper",
                            e.key
                        )));
                    }
                }
            }
        }
    }
}
