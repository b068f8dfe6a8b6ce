//! gate/cloud-iam-change

use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags grants of cloud permissions and new credentials: `aws iam attach-*-policy`,
    /// `put-*-policy`, `create-access-key`, `create-login-profile`, `update-assume-role-policy`,
    /// `gcloud projects add-iam-policy-binding` (and other `add-iam-policy-binding`),
    /// `gcloud iam service-accounts keys create`, `az role assignment create`,
    /// `az ad sp create-for-rbac`.
    ///
    /// ## Why is this bad?
    /// Permission grants widen what any compromised credential can do and persist after
    /// the session; new access keys are long-lived secrets the agent now holds.
    ///
    /// ## Example
    /// ```text
    /// aws iam attach-user-policy --user-name ci --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
    /// ```
    ///
    /// ## Use instead
    /// Describe the least-privilege permission needed and let an administrator grant it.
    CloudIamChange {
        id: "gate/cloud-iam-change",
        title: "Cloud permission granted",
        tier: High,
        cwe: [269],
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    let a: Vec<&str> = c.strs().filter(|x| !x.starts_with('-')).collect();
    let hit = match c.name {
        "aws" => {
            a.iter().any(|x| {
                (x.starts_with("attach-") && x.ends_with("-policy"))
                    || (x.starts_with("put-") && x.ends_with("-policy"))
                    || matches!(
                        *x,
                        "create-access-key"
                            | "create-login-profile"
                            | "update-assume-role-policy"
                            | "add-user-to-group"
                            | "create-policy-version"
                    )
            }) && a.contains(&"iam")
                || a.contains(&"put-bucket-policy")
                || a.contains(&"put-bucket-acl")
        }
        "gcloud" => {
            a.iter()
                .any(|x| *x == "add-iam-policy-binding" || *x == "set-iam-policy")
                || (a.contains(&"keys") && a.contains(&"create"))
        }
        "gsutil" => {
            a.first().is_some_and(|x| *x == "iam" || *x == "acl")
                && a.iter().any(|x| *x == "ch" || *x == "set")
        }
        "az" => {
            (a.contains(&"role") && a.contains(&"assignment") && a.contains(&"create"))
                || a.contains(&"create-for-rbac")
        }
        _ => false,
    };
    if hit {
        out.add(
            CloudIamChange::ID,
            Tier::High,
            format!("{} grants cloud permissions or creates credentials", c.name),
            "describe the least-privilege permission needed and let an administrator grant it",
        );
    }
}
