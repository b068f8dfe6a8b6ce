//! gate/iac-destroy

use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags destroying infrastructure through IaC tools: `terraform destroy`,
    /// `terraform apply -destroy`, `tofu`/`terragrunt` equivalents, `pulumi destroy`,
    /// `cdk destroy`, `serverless remove`, `sam delete`, `terraform state rm`.
    ///
    /// ## Why is this bad?
    /// Destroy deletes every managed resource, including databases and storage buckets,
    /// usually without backups of their data. It is the single most damaging command an
    /// agent with cloud credentials can run.
    ///
    /// ## Example
    /// ```text
    /// terraform destroy -auto-approve
    /// ```
    ///
    /// ## Use instead
    /// Remove the specific resource from the code and review the plan with a person.
    IacDestroy {
        id: "gate/iac-destroy",
        title: "Infrastructure destroyed",
        tier: High,
        cwe: [],
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    let Some((tool, subs)) = super::iac_apply::iac_sub(c) else {
        return;
    };
    if tool == "tflocal" {
        return;
    }
    let destroy_flag = c.strs().any(|a| a == "-destroy" || a == "--destroy");
    let hit = match tool {
        "terraform" | "tofu" | "terragrunt" => {
            subs.iter().take(2).any(|s| *s == "destroy")
                || (subs.iter().take(2).any(|s| *s == "apply") && destroy_flag)
                || (subs.first() == Some(&"state") && subs.get(1) == Some(&"rm"))
        }
        "pulumi" | "cdk" | "cdktf" => {
            subs.first() == Some(&"destroy")
                || (subs.first() == Some(&"stack") && subs.get(1) == Some(&"rm"))
        }
        "serverless" | "sls" => subs.first() == Some(&"remove"),
        "sam" => subs.first() == Some(&"delete"),
        _ => false,
    };
    if hit {
        out.add(
            IacDestroy::ID,
            Tier::High,
            format!("{tool} destroys managed infrastructure and the data in it"),
            "remove the specific resource in code and have a person review and apply the plan",
        );
    }
}
