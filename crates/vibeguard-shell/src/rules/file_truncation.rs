//! gate/file-truncation: emptying or discarding files outside the project.

use crate::cmd::{Cmd, Out, short};
use crate::paths::Place;
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags commands that empty or throw away files without deleting them in the usual
    /// way: `truncate -s 0` of files outside the project, `mv FILE /dev/null`, and
    /// `cp /dev/null FILE` outside the project.
    ///
    /// ## Why is this bad?
    /// These are destructive deletions that string-matching guards do not recognise as
    /// such. Truncating a log, database or config outside the project loses its contents
    /// for good; moving a file onto `/dev/null` discards it (and as root replaces the
    /// device node).
    ///
    /// ## Example
    /// ```text
    /// truncate -s 0 /var/log/syslog
    /// mv important.db /dev/null
    /// ```
    ///
    /// ## Use instead
    /// Use `rm` on files you created inside the project so the deletion is visible and
    /// checked.
    FileTruncation {
        id: "gate/file-truncation",
        title: "File truncated or discarded",
        tier: Medium,
        cwe: [73],
    }
}

fn tier_for(p: Place) -> Option<Tier> {
    match p {
        Place::Root | Place::System | Place::Home => Some(Tier::High),
        Place::HomeOther | Place::Outside | Place::ProjectRoot | Place::GitDir | Place::Unset => {
            Some(Tier::Medium)
        }
        _ => None,
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    match c.name {
        "truncate" => {
            for w in c.positionals() {
                let r = c.resolve(&w.text);
                let data = crate::paths::is_database_file(&r.path)
                    || crate::paths::is_history_file(&r.path);
                if let Some(t) = tier_for(r.place).or(data.then_some(Tier::High)) {
                    out.add(
                        FileTruncation::ID,
                        t,
                        format!("truncate empties {}, outside the project", short(&w.text)),
                        "only truncate files you created inside the project",
                    );
                }
            }
        }
        "mv" => {
            let p = c.positionals();
            if p.len() >= 2 && c.place(&p[p.len() - 1].text) == Place::DevNull {
                let tier = if p[..p.len() - 1]
                    .iter()
                    .any(|w| tier_for(c.place(&w.text)) == Some(Tier::High))
                {
                    Tier::High
                } else {
                    Tier::Medium
                };
                out.add(
                    FileTruncation::ID,
                    tier,
                    "mv onto /dev/null discards the file (and can replace the device as root)",
                    "use rm on the file if it really should go",
                );
            }
        }
        "cp" => {
            let p = c.positionals();
            if p.len() == 2
                && p[0].text == "/dev/null"
                && let Some(t) = tier_for(c.place(&p[1].text))
            {
                out.add(
                    FileTruncation::ID,
                    t,
                    format!("cp /dev/null empties {}", short(&p[1].text)),
                    "only change files inside the project",
                );
            }
        }
        _ => {}
    }
}
