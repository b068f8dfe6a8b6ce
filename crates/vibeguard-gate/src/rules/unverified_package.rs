//! deps/unverified-package

engine_rule! {
    /// ## What it does
    /// Reports a package install (or a manifest edit that adds a dependency) that the gate
    /// could not judge in time: the registry did not answer within `[deps] deadline_ms`,
    /// or the machine is offline and the package is in neither the cache nor the shipped
    /// lists. What happens then is `[deps] unknown_package`: ask by default, deny in the
    /// strict profile, or allow. The look-up goes on in the background, so the next call
    /// usually has the registry's answer.
    ///
    /// ## Why is this bad?
    /// Agents invent package names and mistype real ones; attackers register those names.
    /// A package nobody could check is exactly the case a quiet "allow" would let through.
    ///
    /// ## Example
    /// ```text
    /// pip install fastapi-auth-helpers      # registry too slow to answer in time
    /// ```
    ///
    /// ## Use instead
    /// Check the name with `vibeguard deps check pypi:fastapi-auth-helpers` (it waits
    /// longer) and run the install yourself once it is the package you mean; list private
    /// packages under `[deps] allow`.
    UnverifiedPackage {
        id: "deps/unverified-package",
        title: "package could not be verified in time",
        tier: Medium,
        cwe: [1357],
    }
}
