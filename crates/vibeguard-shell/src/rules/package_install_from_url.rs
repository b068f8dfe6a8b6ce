//! gate/package-install-from-url

use crate::cmd::{Cmd, Out, short};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags package installs that fetch code from a URL, a git remote or a tarball on
    /// the network instead of a registry: `pip install https://.../x.tar.gz`,
    /// `pip install git+https://...`, `npm install github:user/repo`,
    /// `cargo install --git ...`, `pip install --index-url http://...`. Ordinary registry
    /// installs are not findings; their package names are reported for the dependency
    /// checker.
    ///
    /// ## Why is this bad?
    /// Code from an arbitrary URL skips the registry's name ownership, yanking and
    /// advisory data, and can change at any time; it is a common way to deliver malware
    /// to developers.
    ///
    /// ## Example
    /// ```text
    /// pip install git+https://example.invalid/fork/requests.git
    /// ```
    ///
    /// ## Use instead
    /// Install released versions from the registry, pinned in the lockfile.
    PackageInstallFromUrl {
        id: "gate/package-install-from-url",
        title: "Package installed from a URL",
        tier: Medium,
        cwe: [494],
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    let Some(p) = crate::packages::parse(c.name, c.args) else {
        return;
    };
    if let Some(remote) = p
        .packages
        .iter()
        .find(|s| crate::packages::is_remote_spec(s))
    {
        out.add(
            PackageInstallFromUrl::ID,
            Tier::Medium,
            format!(
                "{} installs {} from outside the package registry",
                p.manager,
                short(remote)
            ),
            "install a released version from the registry",
        );
        return;
    }
    if let Some(idx) = c.opt_value(&["-i", "--index-url", "--extra-index-url", "--registry"])
        && idx.starts_with("http://")
    {
        out.add(
            PackageInstallFromUrl::ID,
            Tier::Medium,
            format!(
                "{} installs from an unencrypted index {}",
                p.manager,
                short(idx)
            ),
            "use the default registry or an HTTPS mirror the user configured",
        );
    }
}
