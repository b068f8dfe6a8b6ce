use super::Listening;
use crate::rule::{Check, File, Hit, edit};

crate::config_rule! {
    /// ## What it does
    /// Flags a redis.conf that listens on every interface: `bind 0.0.0.0` (or `*`, `::`),
    /// or no `bind` with `protected-mode no`. The fix binds to loopback and turns
    /// protected mode on.
    ///
    /// ## Why is this bad?
    /// Redis is meant for trusted networks: anyone who reaches the port can read and
    /// write every key and, through `CONFIG SET` or module loading, run code on the host.
    /// Internet-exposed instances are compromised within hours (CWE-668, CWE-306).
    ///
    /// ## Example
    /// ```text
    /// bind 0.0.0.0
    /// protected-mode no
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// bind 127.0.0.1 -::1
    /// protected-mode yes
    /// requirepass <from a secret store>
    /// ```
    NetworkExposed {
        id: "redis/network-exposed",
        title: "Redis listens on every interface",
        cwe: [668, 306],
        severity: High,
        confidence: High,
        kinds: [Redis],
        message: "Redis listens on every network interface: bind it to 127.0.0.1 (or a private address) with protected mode on",
    }
}

impl Check for NetworkExposed {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let dirs = f.directives();
        let l = Listening::of(dirs);
        if !l.on_all_interfaces() {
            return;
        }
        let mut edits = Vec::new();
        if let Some(b) = l.bind {
            edits.push(edit(b.span.clone(), "bind 127.0.0.1 -::1"));
        }
        match l.protected_mode_off {
            Some(p) => edits.push(edit(p.span.clone(), "protected-mode yes")),
            None => {
                // Protected mode is on by default; say so next to the new bind line.
                if let Some(b) = l.bind {
                    edits.push(edit(b.span.end..b.span.end, "\nprotected-mode yes"));
                }
            }
        }
        let at = l
            .bind
            .or(l.protected_mode_off)
            .map_or(0..0, |d| d.span.clone());
        let what = match l.bind {
            Some(b) => format!(
                "`{}` listens on every interface",
                f.text[b.span.clone()].trim()
            ),
            None => "no `bind` and `protected-mode no`: Redis accepts connections from everywhere"
                .to_string(),
        };
        edits.sort_by_key(|e| e.byte_start);
        out.push(
            Hit::at(at)
                .message(format!(
                    "{what}: bind it to 127.0.0.1 (or a private address) with protected mode on"
                ))
                .fix("bind to 127.0.0.1 and ::1 with protected mode on", edits),
        );
    }
}
