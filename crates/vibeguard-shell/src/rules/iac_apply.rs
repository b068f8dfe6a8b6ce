//! gate/iac-apply

use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags infrastructure-as-code changes applied to real infrastructure:
    /// `terraform apply`, `tofu apply`, `terragrunt apply`/`run-all apply`,
    /// `pulumi up`, `cdk deploy`, `sam deploy`, `serverless deploy`. Plans, previews,
    /// diffs and validation are fine.
    ///
    /// ## Why is this bad?
    /// An apply changes shared, often production, resources: it can replace databases,
    /// open network access or incur cost, and `-auto-approve` skips the last human look
    /// at the plan.
    ///
    /// ## Example
    /// ```text
    /// terraform apply -auto-approve
    /// ```
    ///
    /// ## Use instead
    /// Run `terraform plan` (or `pulumi preview`, `cdk diff`) and let a person apply.
    IacApply {
        id: "gate/iac-apply",
        title: "Infrastructure change applied",
        tier: Medium,
        cwe: [],
    }
}

pub fn iac_sub<'a>(c: &'a Cmd) -> Option<(&'a str, Vec<&'a str>)> {
    let tool = matches!(
        c.name,
        "terraform"
            | "tofu"
            | "terragrunt"
            | "pulumi"
            | "cdk"
            | "cdktf"
            | "sam"
            | "serverless"
            | "sls"
            | "tflocal"
    );
    if !tool {
        return None;
    }
    let subs: Vec<&str> = c.strs().filter(|a| !a.starts_with('-')).collect();
    Some((c.name, subs))
}

pub fn check(c: &Cmd, out: &mut Out) {
    let Some((tool, subs)) = iac_sub(c) else {
        return;
    };
    if c.name == "tflocal" {
        return;
    }
    let destroy_flag = c.strs().any(|a| a == "-destroy" || a == "--destroy");
    let applies = match tool {
        "terraform" | "tofu" | "terragrunt" => {
            subs.iter().take(2).any(|s| *s == "apply") && !destroy_flag
        }
        "pulumi" => subs.first().is_some_and(|s| *s == "up" || *s == "update"),
        "cdk" | "cdktf" | "sam" | "serverless" | "sls" => {
            subs.first().is_some_and(|s| *s == "deploy")
        }
        _ => false,
    };
    if applies {
        out.add(
            IacApply::ID,
            Tier::Medium,
            format!(
                "{tool} {} changes real infrastructure",
                subs.first().copied().unwrap_or("")
            ),
            "run plan/preview and let a person apply",
        );
    }
}
