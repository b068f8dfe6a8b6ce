//! gate/fetch-private-address (detection in `crate::url`).

gate_rule! {
    /// ## What it does
    /// Reports web fetches to private, loopback and link-local addresses
    /// (`10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`, `127.0.0.0/8`, `localhost`,
    /// `169.254.0.0/16`, `::1`, `fc00::/7`, `fe80::/10`) from the agent's web fetch tool.
    /// Policy may relax this rule for local development.
    ///
    /// ## Why is this bad?
    /// A prompt injection can steer the fetch tool at internal services (admin panels,
    /// databases with HTTP APIs, routers) that are not meant to be reachable from content
    /// on the internet.
    ///
    /// ## Example
    /// ```text
    /// WebFetch http://192.168.1.1/admin
    /// ```
    ///
    /// ## Use instead
    /// Fetch public documentation URLs; test local services with the project's own test
    /// commands.
    FetchPrivateAddress {
        id: "gate/fetch-private-address",
        title: "Private network address fetched",
        tier: Medium,
        cwe: [918],
    }
}
