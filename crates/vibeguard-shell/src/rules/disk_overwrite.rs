//! gate/disk-overwrite: raw writes to disks and filesystem creation.

use crate::cmd::{Cmd, Out, short};
use crate::paths::Place;
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags commands that overwrite block devices or file contents beyond recovery:
    /// `dd of=/dev/...`, `mkfs.*`, `wipefs`, `fdisk`/`parted`/`sgdisk` on a device,
    /// `shred`, `blkdiscard`, and redirections onto `/dev/sd*`-style devices.
    ///
    /// ## Why is this bad?
    /// These commands destroy data at the block level: partitions, filesystems, or the
    /// contents of a file (`shred`). There is no trash, no git history, no undo.
    ///
    /// ## Example
    /// ```text
    /// dd if=/dev/zero of=/dev/sda bs=1M
    /// mkfs.ext4 /dev/nvme0n1p2
    /// shred -u secrets.txt
    /// ```
    ///
    /// ## Use instead
    /// Disk and partition work is for the user. To remove a file you created, use `rm`.
    DiskOverwrite {
        id: "gate/disk-overwrite",
        title: "Disk or file overwrite",
        tier: High,
        cwe: [73],
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    if c.strs().any(|a| a == "--help" || a == "--version") {
        return;
    }
    let n = c.name;
    if n.starts_with("mkfs")
        || matches!(
            n,
            "mke2fs" | "mkswap" | "wipefs" | "blkdiscard" | "newfs" | "format"
        )
    {
        out.add(
            DiskOverwrite::ID,
            Tier::High,
            format!("{n} creates or wipes a filesystem, destroying everything on the device"),
            "leave disk formatting to the user",
        );
        return;
    }
    if matches!(
        n,
        "fdisk" | "sfdisk" | "parted" | "sgdisk" | "gdisk" | "cfdisk"
    ) && !c.strs().any(|a| a == "-l" || a == "--list" || a == "print")
    {
        out.add(
            DiskOverwrite::ID,
            Tier::High,
            format!("{n} rewrites a partition table"),
            "leave partitioning to the user",
        );
        return;
    }
    if n == "diskutil"
        && c.strs()
            .any(|a| a.starts_with("erase") || a == "partitionDisk" || a == "zeroDisk")
    {
        out.add(
            DiskOverwrite::ID,
            Tier::High,
            "diskutil erases a disk",
            "leave disk formatting to the user",
        );
        return;
    }
    if n == "shred" || n == "srm" {
        let t: Vec<_> = c.positionals().iter().map(|w| short(&w.text)).collect();
        out.add(
            DiskOverwrite::ID,
            Tier::High,
            format!(
                "{n} overwrites {} so it can never be recovered",
                t.join(" ")
            ),
            "use rm for files you created; never shred files you did not create",
        );
        return;
    }
    if n == "dd" {
        for w in c.args {
            if let Some(t) = w.text.strip_prefix("of=")
                && c.place(t) == Place::Device
            {
                out.add(
                    DiskOverwrite::ID,
                    Tier::High,
                    format!("dd writes straight onto the device {}", short(t)),
                    "write images to a regular file; flashing devices is for the user",
                );
            }
        }
    }
}
