//! gate/delete-system-or-home (detection in `crate::delete`).

gate_rule! {
    /// ## What it does
    /// Flags deletion of `/`, system directories (`/etc`, `/usr`, `/var`, `/bin`,
    /// `/System`, ...) and of the home directory itself, however the path is written
    /// (`~`, `$HOME`, `/*`, `--no-preserve-root`).
    ///
    /// ## Why is this bad?
    /// These deletions break the operating system or erase all of the user's files. They
    /// are the classic catastrophic agent mistake and are never part of a coding task.
    ///
    /// ## Example
    /// ```text
    /// rm -rf ~/
    /// sudo rm -rf /usr/local
    /// ```
    ///
    /// ## Use instead
    /// Remove only named files inside the project. System changes are for the user to
    /// make.
    DeleteSystemOrHome {
        id: "gate/delete-system-or-home",
        title: "Deletion of system paths or the home directory",
        tier: High,
        cwe: [73],
    }
}
