use super::first_line;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags `COPY`/`ADD` of files that hold credentials: `.env`, SSH private keys,
    /// `*.pem`/`*.key`/`*.p12` keys, `.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`,
    /// cloud credential files and folders (`.aws`, `.ssh`, `.kube`, service-account keys).
    ///
    /// ## Why is this bad?
    /// Files copied into a layer stay in the image even if a later step deletes them;
    /// everyone who can pull the image (a registry, a CI cache, a customer) gets the
    /// credentials (CWE-538, CWE-522).
    ///
    /// ## Example
    /// ```dockerfile
    /// COPY .env /app/.env
    /// COPY id_rsa /root/.ssh/id_rsa
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// # build-time: docker build --secret id=npm,src=.npmrc --ssh default .
    /// RUN --mount=type=secret,id=npm,target=/root/.npmrc npm ci
    /// RUN --mount=type=ssh git clone git@github.com:org/private.git
    /// # runtime: pass environment variables or mount secrets when the container starts
    /// ```
    SecretCopied {
        id: "docker/secret-copied",
        title: "Credentials copied into the image",
        cwe: [538, 522],
        severity: High,
        confidence: Medium,
        kinds: [Dockerfile],
        message: "a credentials file is copied into the image, where anyone who pulls it can read it; use build secrets (`RUN --mount=type=secret`) or runtime secrets",
    }
}

/// Is this copy source a credentials file or folder?
pub fn is_secret_path(src: &str) -> bool {
    let l = src.trim_end_matches('/').to_ascii_lowercase();
    let name = l.rsplit('/').next().unwrap_or(&l);
    if name == ".env"
        || name.starts_with(".env.")
            && !["example", "sample", "template", "dist"]
                .iter()
                .any(|w| name.contains(w))
    {
        return true;
    }
    matches!(
        name,
        "id_rsa"
            | "id_dsa"
            | "id_ecdsa"
            | "id_ed25519"
            | ".npmrc"
            | ".pypirc"
            | ".netrc"
            | ".git-credentials"
            | ".aws"
            | ".ssh"
            | ".kube"
            | ".docker"
            | "credentials"
            | "credentials.json"
            | "kubeconfig"
            | "service-account.json"
            | "serviceaccount.json"
            | "gcp-key.json"
            | "sa-key.json"
            | ".htpasswd"
            | "secrets.yml"
            | "secrets.yaml"
            | "secrets.json"
            | "master.key"
    ) || [".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".ppk"]
        .iter()
        .any(|ext| name.ends_with(ext))
        || l.contains(".ssh/")
        || l.contains(".aws/")
}

impl Check for SecretCopied {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let Some(df) = f.dockerfile() else { return };
        for ins in df
            .instructions
            .iter()
            .filter(|i| matches!(i.keyword.as_str(), "COPY" | "ADD"))
        {
            let (flags, rest) = ins.flags();
            // Copies from another stage or a heredoc do not bring files from the context.
            if flags.iter().any(|(n, _)| n == "from") || !ins.heredocs.is_empty() {
                continue;
            }
            let words: Vec<String> = match ins.exec_form() {
                Some(v) => v,
                None => rest.split_whitespace().map(str::to_string).collect(),
            };
            let sources = &words[..words.len().saturating_sub(1)];
            if let Some(s) = sources.iter().find(|s| is_secret_path(s)) {
                out.push(Hit::at(first_line(f.text, ins)).message(format!(
                    "`{s}` holds credentials and is copied into the image, where anyone who pulls it can read it; use build or runtime secrets"
                )));
            }
        }
    }
}
