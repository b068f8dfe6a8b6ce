//! gate/package-publish
use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags publishing a package or release to a registry: `npm publish`, `pnpm
    /// publish`, `yarn npm publish`, `cargo publish`, `poetry publish`, `twine upload`,
    /// `uv publish`, `gem push`, `mvn deploy`/`release:perform`, `gradle publish`,
    /// `dotnet nuget push`, `gh release create`.
    ///
    /// ## Why is this bad?
    /// A published version is out of anyone's hands at once: other projects install it,
    /// registries rarely allow taking it back, and a secret or a bug in it is public.
    ///
    /// ## Example
    /// ```text
    /// npm publish --access public
    /// cargo publish
    /// ```
    ///
    /// ## Use instead
    /// Prepare the release (`npm pack`, `cargo publish --dry-run`) and let a person
    /// publish it.
    PackagePublish {
        id: "gate/package-publish",
        title: "Package or release published",
        tier: Medium,
        cwe: [],
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    let a: Vec<&str> = c.strs().filter(|x| !x.starts_with('-')).collect();
    let dry = c
        .strs()
        .any(|x| matches!(x, "--dry-run" | "-n" | "--dryrun"));
    let publishes = match (c.name, a.as_slice()) {
        ("npm" | "pnpm" | "bun", ["publish", ..]) => true,
        ("yarn", ["publish", ..]) | ("yarn", ["npm", "publish", ..]) => true,
        ("cargo" | "poetry" | "uv" | "flit" | "hatch" | "pdm", ["publish", ..]) => true,
        ("twine", ["upload", ..]) => true,
        ("gem", ["push", ..]) => true,
        ("mvn" | "mvnw" | "./mvnw", _) => a
            .iter()
            .any(|x| *x == "deploy" || x.ends_with(":perform") || x.ends_with(":deploy")),
        ("gradle" | "gradlew" | "./gradlew", _) => a.iter().any(|x| x.starts_with("publish")),
        ("dotnet", ["nuget", "push", ..]) | ("nuget", ["push", ..]) => true,
        ("gh" | "glab", ["release", "create", ..]) => true,
        _ => false,
    };
    if publishes && !dry {
        out.add(
            PackagePublish::ID,
            Tier::Medium,
            format!(
                "{} publishes a package or release to a registry, where it cannot be taken back",
                c.name
            ),
            "prepare the release and let a person publish it",
        );
    }
}
