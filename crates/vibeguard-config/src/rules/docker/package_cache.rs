use super::run_scripts;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags package installs that leave the package manager's cache in the layer:
    /// `apt-get install` without removing `/var/lib/apt/lists` in the same step,
    /// `apk add` without `--no-cache`, `pip install` without `--no-cache-dir`,
    /// `yum`/`dnf install` without `clean all`. Steps with a BuildKit cache mount are fine.
    ///
    /// ## Why is this bad?
    /// Caches make images larger and keep package indexes that vulnerability scanners
    /// and attackers read; removing them in a later step does not shrink earlier layers.
    /// Low severity: hygiene rather than an exposure.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y curl
    /// RUN pip install -r requirements.txt
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///  && rm -rf /var/lib/apt/lists/*
    /// RUN pip install --no-cache-dir -r requirements.txt
    /// ```
    PackageCache {
        id: "docker/package-cache",
        title: "Package cache left in the image",
        cwe: [1104],
        severity: Low,
        confidence: Medium,
        kinds: [Dockerfile],
        message: "package manager cache left in the image layer: clean it in the same `RUN` step",
    }
}

impl Check for PackageCache {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let Some(df) = f.dockerfile() else { return };
        let pip_env = df.instructions.iter().any(|i| {
            i.keyword == "ENV" && i.args.to_ascii_uppercase().contains("PIP_NO_CACHE_DIR")
        });
        for rs in run_scripts(df) {
            let (flags, _) = rs.ins.flags();
            if flags
                .iter()
                .any(|(n, v)| n == "mount" && v.contains("type=cache"))
            {
                continue;
            }
            let all = rs.script.all_commands();
            let text = rs.text.as_str();
            for c in &all {
                let name = c.name();
                let args = c.args();
                // The subcommand is the first word that is not an option (`apt-get -y install`).
                let installs = args
                    .iter()
                    .find(|a| !a.starts_with('-'))
                    .is_some_and(|a| *a == "install" || *a == "add");
                let msg = match name {
                    "apt-get" | "apt" if installs && !text.contains("/var/lib/apt/lists") => {
                        "`apt-get install` leaves `/var/lib/apt/lists` in the layer: add `&& rm -rf /var/lib/apt/lists/*` to the same step"
                    }
                    "apk"
                        if installs
                            && !c.has_arg("--no-cache")
                            && !text.contains("/var/cache/apk") =>
                    {
                        "`apk add` without `--no-cache` leaves the package index in the layer"
                    }
                    "pip" | "pip3"
                        if installs
                            && !pip_env
                            && !c.has_arg("--no-cache-dir")
                            && !text.contains("/root/.cache") =>
                    {
                        "`pip install` without `--no-cache-dir` leaves the download cache in the layer"
                    }
                    "yum" | "dnf" | "microdnf"
                        if installs
                            && !text.contains("clean all")
                            && !text.contains("/var/cache/") =>
                    {
                        "`install` without `clean all` leaves the package cache in the layer"
                    }
                    _ => continue,
                };
                out.push(Hit::at(rs.file_span(f.text, &c.span)).message(msg));
            }
        }
    }
}
