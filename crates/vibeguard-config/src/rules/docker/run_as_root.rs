use super::{final_stage, first_line};
use crate::parse::dockerfile::{Dockerfile, Instruction};
use crate::rule::{Check, File, Hit, edit};

crate::config_rule! {
    /// ## What it does
    /// Flags a Dockerfile whose final stage runs as root: no `USER` instruction at all
    /// (and a base image that does not already switch to a non-root user), or a last
    /// `USER` that is `root` or `0`.
    ///
    /// ## Why is this bad?
    /// A process running as root inside the container owns every file of the image and is
    /// one kernel or runtime bug, or one mounted socket, away from root on the host
    /// (CWE-250). Most services need no privilege at all once the image is built.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20.11-slim
    /// COPY . /app
    /// CMD ["node", "/app/server.js"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20.11-slim
    /// COPY --chown=node:node . /app
    /// USER node
    /// CMD ["node", "/app/server.js"]
    /// ```
    RunAsRoot {
        id: "docker/run-as-root",
        title: "Container runs as root",
        cwe: [250],
        severity: Medium,
        confidence: High,
        kinds: [Dockerfile],
        message: "the image runs as root: add a non-root `USER` before `CMD`/`ENTRYPOINT`",
    }
}

fn is_root(user: &str) -> bool {
    let u = user.split(':').next().unwrap_or("").trim();
    u == "root" || u == "0"
}

/// Base images that already run as a non-root user.
fn nonroot_base(image: &str) -> bool {
    let l = image.to_ascii_lowercase();
    l.ends_with(":nonroot")
        || l.contains(":nonroot-")
        || l.contains("-nonroot")
        || l.starts_with("cgr.dev/chainguard/") && !l.contains("-dev")
        || l.contains("/distroless/") && l.contains("nonroot")
}

/// The last `USER` of a stage, following `FROM <earlier stage>` chains.
fn effective_user(df: &Dockerfile, stage: usize, depth: usize) -> Option<&Instruction> {
    if let Some(u) = df
        .stage_instructions(stage)
        .filter(|i| i.keyword == "USER")
        .last()
    {
        return Some(u);
    }
    let st = df.stages.get(stage.checked_sub(1)?)?;
    if depth > 16 {
        return None;
    }
    let parent = df.stages.iter().position(|s| {
        s.alias
            .as_deref()
            .is_some_and(|a| a.eq_ignore_ascii_case(&st.image))
    })?;
    if parent + 1 >= stage {
        return None;
    }
    effective_user(df, parent + 1, depth + 1)
}

fn base_image(df: &Dockerfile, stage: usize) -> &str {
    let mut s = stage;
    for _ in 0..16 {
        let Some(st) = df.stages.get(s.wrapping_sub(1)) else {
            break;
        };
        match df.stages.iter().position(|x| {
            x.alias
                .as_deref()
                .is_some_and(|a| a.eq_ignore_ascii_case(&st.image))
        }) {
            Some(p) if p + 1 < s => s = p + 1,
            _ => return &st.image,
        }
    }
    ""
}

impl Check for RunAsRoot {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let Some(df) = f.dockerfile() else { return };
        let last = final_stage(df);
        if last == 0 {
            return;
        }
        match effective_user(df, last, 0) {
            Some(u) => {
                if is_root(&u.args) {
                    out.push(
                        Hit::at(first_line(f.text, u))
                            .message("the final `USER` is root: the container runs as root; switch to a non-root user after the steps that need root"),
                    );
                }
            }
            None => {
                if nonroot_base(base_image(df, last)) {
                    return;
                }
                let from = &df.instructions[df.stages[last - 1].from];
                // Insert the USER before the final stage's first CMD/ENTRYPOINT (else at
                // the end), and point there: that is where the user is missing.
                let anchor = df
                    .stage_instructions(last)
                    .find(|i| matches!(i.keyword.as_str(), "CMD" | "ENTRYPOINT"));
                let at_line = first_line(f.text, anchor.unwrap_or(from));
                let (at, text) = match anchor {
                    Some(i) => (i.span.start, "USER 10001:10001\n".to_string()),
                    None => {
                        let end = f.text.len();
                        let nl = if f.text.ends_with('\n') { "" } else { "\n" };
                        (end, format!("{nl}USER 10001:10001\n"))
                    }
                };
                out.push(
                    Hit::at(at_line)
                        .message("no `USER` in the final stage: the container runs as root; add a non-root `USER` before `CMD`/`ENTRYPOINT`")
                        .fix("run as the unprivileged user 10001 (create it or chown files it writes if needed)", vec![edit(at..at, text)]),
                );
            }
        }
    }
}
