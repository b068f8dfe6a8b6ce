use crate::parse::nginx::walk;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags `autoindex on`.
    ///
    /// ## Why is this bad?
    /// Directory listings show every file under the location, including backups, dumps,
    /// `.git` folders and configuration copies nobody meant to link (CWE-548).
    ///
    /// ## Example
    /// ```nginx
    /// location /files/ {
    ///     autoindex on;
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// location /files/ {
    ///     autoindex off;
    ///     try_files $uri =404;
    /// }
    /// ```
    Autoindex {
        id: "nginx/autoindex",
        title: "Directory listing enabled",
        cwe: [548],
        severity: Medium,
        confidence: High,
        kinds: [Nginx],
        message: "`autoindex on` lists every file in the folder: turn it off",
    }
}

impl Check for Autoindex {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        walk(f.nginx(), &mut |d, _| {
            if d.name == "autoindex" && d.arg(0).is_some_and(|a| a.eq_ignore_ascii_case("on")) {
                out.push(Hit::at(d.span.clone()));
            }
        });
    }
}
