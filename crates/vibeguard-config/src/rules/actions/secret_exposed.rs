use super::{expressions, references, span_in, steps};
use crate::rule::{Check, File, Hit};
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags `${{ secrets.* }}` written directly into a `run:` script: printed with
    /// `echo`/`printf` (high), or placed on a command line (medium).
    ///
    /// ## Why is this bad?
    /// Log masking only hides the exact value: a secret printed encoded, split or with
    /// `set -x` ends up readable in logs; on a command line it is visible to every process
    /// on the runner, and a secret containing quotes or `$(...)` is executed as code
    /// (CWE-532, CWE-214).
    ///
    /// ## Example
    /// ```yaml
    /// - run: curl -H "Authorization: Bearer ${{ secrets.API_TOKEN }}" https://api.example.com
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// - run: curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com
    ///   env:
    ///     API_TOKEN: ${{ secrets.API_TOKEN }}
    /// ```
    SecretExposed {
        id: "actions/secret-exposed",
        title: "Secret expanded into a script",
        cwe: [532, 214],
        severity: Medium,
        confidence: High,
        kinds: [Workflow, Action],
        message: "a secret is expanded into the script: pass it through `env:` and reference `$NAME`",
    }
}

impl Check for SecretExposed {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in steps(f) {
            let Some(run) = s.run() else { continue };
            let Some(text) = run.text() else { continue };
            for (range, expr) in expressions(text) {
                let Some(secret) = references(expr)
                    .into_iter()
                    .find(|r| r.starts_with("secrets."))
                else {
                    continue;
                };
                let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
                let line = text[line_start..].lines().next().unwrap_or("");
                let first = line.split_whitespace().next().unwrap_or("");
                let echoed = matches!(
                    first,
                    "echo" | "printf" | "print" | "Write-Host" | "Write-Output" | "cat"
                );
                let whole = &text[range.clone()];
                let hit = Hit::at(span_in(f, run, whole));
                out.push(if echoed {
                    hit.severity(Severity::High).message(format!(
                        "`{secret}` is printed by the script: masking does not survive transformations; do not print secrets"
                    ))
                } else {
                    hit.message(format!(
                        "`{secret}` is expanded into the command line: pass it through `env:` and reference `$NAME`"
                    ))
                });
            }
        }
    }
}
