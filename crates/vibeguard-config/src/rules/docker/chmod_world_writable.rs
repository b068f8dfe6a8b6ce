use super::{first_line, run_scripts};
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags `chmod` in `RUN` steps, and `COPY --chmod`, that make files world-writable
    /// (`777`, `666`, `o+w`, `a+rwx`). The sticky `1777` for temporary directories is fine.
    ///
    /// ## Why is this bad?
    /// Any user or process in the container can then replace those files, including the
    /// application's code and start-up scripts: a low-privilege foothold becomes code
    /// execution as whoever runs them next (CWE-732).
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN chmod -R 777 /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN chown -R app:app /app/data && chmod -R 750 /app/data
    /// ```
    ChmodWorldWritable {
        id: "docker/chmod-world-writable",
        title: "World-writable permissions",
        cwe: [732],
        severity: Medium,
        confidence: High,
        kinds: [Dockerfile],
        message: "world-writable permissions: any process in the container can modify these files; give ownership to the user that needs it instead",
    }
}

/// Does this `chmod` mode make files writable by everyone (without the sticky bit)?
pub fn world_writable(mode: &str) -> bool {
    if !mode.is_empty() && mode.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        let digits: Vec<u8> = mode.bytes().map(|b| b - b'0').collect();
        let sticky = digits.len() == 4 && digits[0] & 1 == 1;
        let other = *digits.last().unwrap_or(&0);
        return other & 2 == 2 && !sticky;
    }
    mode.split(',').any(|clause| {
        let (who, perm) = match clause.find(['+', '=']) {
            Some(i) => (&clause[..i], &clause[i + 1..]),
            None => return false,
        };
        (who.contains('o') || who.contains('a')) && perm.contains('w')
    })
}

impl Check for ChmodWorldWritable {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let Some(df) = f.dockerfile() else { return };
        for rs in run_scripts(df) {
            for c in rs.script.all_commands() {
                if c.name() != "chmod" {
                    continue;
                }
                let mode = c.args().into_iter().find(|a| !a.starts_with('-'));
                if mode.is_some_and(world_writable) {
                    out.push(Hit::at(rs.file_span(f.text, &c.span)));
                }
            }
        }
        for ins in df
            .instructions
            .iter()
            .filter(|i| matches!(i.keyword.as_str(), "COPY" | "ADD"))
        {
            let (flags, _) = ins.flags();
            if flags.iter().any(|(n, v)| n == "chmod" && world_writable(v)) {
                out.push(Hit::at(first_line(f.text, ins)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn modes() {
        for m in [
            "777", "0777", "666", "a+rwx", "o+w", "u+x,o+w", "ugo=rwx", "2777",
        ] {
            assert!(super::world_writable(m), "{m}");
        }
        for m in ["755", "644", "1777", "u+x", "g+w", "+x", "0750"] {
            assert!(!super::world_writable(m), "{m}");
        }
    }
}
