//! Which language a file is, from its name alone.

/// Languages the code rules understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Python,
    JavaScript,
    Go,
    Java,
    Php,
    Ruby,
    /// YAML configuration (compose, Kubernetes, GitHub Actions, ...).
    Yaml,
    /// Terraform / HCL.
    Terraform,
    Dockerfile,
}

impl Lang {
    pub fn of_path(path: &str) -> Option<Lang> {
        let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
        if name == "dockerfile" || name.starts_with("dockerfile.") || name.ends_with(".dockerfile")
        {
            return Some(Lang::Dockerfile);
        }
        let ext = name.rsplit_once('.').map(|(_, e)| e)?;
        Some(match ext {
            "py" | "pyw" => Lang::Python,
            "js" | "jsx" | "mjs" | "cjs" | "ts" | "tsx" | "mts" | "cts" => Lang::JavaScript,
            "go" => Lang::Go,
            "java" | "kt" => Lang::Java,
            "php" => Lang::Php,
            "rb" => Lang::Ruby,
            "yml" | "yaml" => Lang::Yaml,
            "tf" | "hcl" => Lang::Terraform,
            _ => return None,
        })
    }

    /// The line-comment marker of the language.
    pub fn line_comment(self) -> &'static str {
        match self {
            Lang::Python | Lang::Ruby | Lang::Yaml | Lang::Terraform | Lang::Dockerfile => "#",
            _ => "//",
        }
    }
}
