//! gate/container-data-loss
use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags container housekeeping that throws data away wholesale: `volume prune`,
    /// `volume rm` (named volumes hold databases), `system prune` with `--volumes` or
    /// `-a`, `image prune -a`, `rmi`/`rm -v` of a computed list (`$(docker images -q)`),
    /// `system reset`, and `compose down` with `-v`/`--volumes` or `--rmi all`, for
    /// `docker`, `podman`, `nerdctl` and `docker-compose`/`podman-compose`.
    ///
    /// ## Why is this bad?
    /// Volumes are where containerised databases keep their data; pruning or removing
    /// them loses it with no undo. Removing every image throws away builds and pulls of
    /// every other project on the machine.
    ///
    /// ## Example
    /// ```text
    /// docker compose down -v
    /// docker system prune -a --volumes -f
    /// ```
    ///
    /// ## Use instead
    /// `docker compose down` (volumes kept), `docker image prune` (dangling images only),
    /// or remove the one image or container you built by name.
    ContainerDataLoss {
        id: "gate/container-data-loss",
        title: "Container volumes or images removed wholesale",
        tier: High,
        cwe: [404],
    }
}

fn report(out: &mut Out, tier: Tier, what: &str) {
    out.add(
        ContainerDataLoss::ID,
        tier,
        format!("{what} removes container data wholesale (volumes hold databases; images belong to every project)"),
        "keep volumes (docker compose down without -v), prune only dangling images, or remove one named object",
    );
}

fn computed(c: &Cmd) -> bool {
    c.args
        .iter()
        .any(|w| w.has(crate::words::taint::DYNAMIC) || w.text.contains(crate::words::DYNAMIC))
}

pub fn check(c: &Cmd, out: &mut Out) {
    let (engine, args): (&str, Vec<&str>) = match c.name {
        "docker" | "podman" | "nerdctl" => (c.name, c.strs().collect()),
        "docker-compose" | "podman-compose" => {
            (c.name, std::iter::once("compose").chain(c.strs()).collect())
        }
        _ => return,
    };
    // skip global options before the object (`docker -H x compose ...`)
    let words: Vec<&str> = args
        .iter()
        .copied()
        .filter(|a| !a.starts_with('-'))
        .collect();
    let has = |flags: &[&str]| {
        args.iter().any(|a| {
            flags.contains(a)
                || (a.starts_with('-')
                    && !a.starts_with("--")
                    && flags
                        .iter()
                        .any(|f| f.len() == 2 && !f.starts_with("--") && a.contains(&f[1..])))
        })
    };
    let all = has(&["-a", "--all"]);
    let volumes = has(&["--volumes"]);
    match words.as_slice() {
        ["volume" | "volumes", "prune", ..] => {
            report(out, Tier::High, &format!("{engine} volume prune"))
        }
        ["volume" | "volumes", "rm" | "remove", ..] => {
            report(out, Tier::High, &format!("{engine} volume rm"))
        }
        ["system", "prune", ..] if volumes || all => report(
            out,
            if volumes { Tier::High } else { Tier::Medium },
            &format!(
                "{engine} system prune {}",
                if volumes { "--volumes" } else { "-a" }
            ),
        ),
        ["system", "reset", ..] => report(out, Tier::High, &format!("{engine} system reset")),
        ["image" | "images", "prune", ..] if all => {
            report(out, Tier::Medium, &format!("{engine} image prune -a"))
        }
        ["rmi", ..] | ["image", "rm", ..] if computed(c) => report(
            out,
            Tier::Medium,
            &format!("{engine} rmi of a computed list"),
        ),
        ["rm", ..] | ["container", "rm", ..] if computed(c) && has(&["-v", "--volumes"]) => report(
            out,
            Tier::High,
            &format!("{engine} rm -v of a computed list"),
        ),
        ["compose", ..] => {
            let down = words.contains(&"down");
            let rmi_all = args.windows(2).any(|w| w[0] == "--rmi" && w[1] == "all")
                || args.contains(&"--rmi=all");
            if down && (has(&["-v", "--volumes"]) || rmi_all) {
                report(
                    out,
                    if has(&["-v", "--volumes"]) {
                        Tier::High
                    } else {
                        Tier::Medium
                    },
                    &format!("{engine} compose down -v"),
                );
            }
        }
        _ => {}
    }
}
