use super::{
    Statement, document_statements, is_read_only_action, json_statements, policy_document,
};
use crate::rule::{Check, File, Hit};
use crate::tree::Node;
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags IAM policy statements that allow every action (`"*"`), allow everything but
    /// a list (`NotAction`), allow write actions on every resource (`Resource = "*"` with
    /// `s3:PutObject`, `iam:*`, `ec2:*`, ...), or let any principal assume a role. It reads
    /// `jsonencode(...)` policies, heredoc JSON and `aws_iam_policy_document` data
    /// sources, with variables and locals resolved where literal.
    ///
    /// ## Why is this bad?
    /// A leaked key or a compromised workload holding such a policy can do anything the
    /// wildcard covers: read every bucket, create users, delete infrastructure. Least
    /// privilege limits what one mistake costs (CWE-732, CWE-269).
    ///
    /// ## Example
    /// ```hcl
    /// policy = jsonencode({
    ///   Version   = "2012-10-17"
    ///   Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
    /// })
    /// ```
    ///
    /// ## Use instead
    /// ```hcl
    /// policy = jsonencode({
    ///   Version   = "2012-10-17"
    ///   Statement = [{
    ///     Effect   = "Allow"
    ///     Action   = ["s3:GetObject", "s3:PutObject"]
    ///     Resource = "${aws_s3_bucket.uploads.arn}/*"
    ///   }]
    /// })
    /// ```
    IamWildcard {
        id: "terraform/iam-wildcard",
        title: "IAM policy with wildcards",
        cwe: [732, 269],
        severity: High,
        confidence: High,
        kinds: [Terraform],
        message: "IAM policy allows wildcard actions or write access to every resource",
    }
}

fn judge(s: &Statement<'_>, at: &Node, what: &str, trust: bool, out: &mut Vec<Hit>) {
    if !s.allow {
        return;
    }
    if trust {
        if s.principals.iter().any(|p| p == "*") && !s.has_condition {
            out.push(Hit::at(at.span.clone()).message(format!(
                "{what}: any AWS principal may assume this role; name the accounts or services that need it"
            )));
        }
        return;
    }
    if s.not_action {
        out.push(Hit::at(at.span.clone()).message(format!(
            "{what}: `NotAction` with `Allow` grants every action except the listed ones; list the actions needed"
        )));
        return;
    }
    if s.actions.iter().any(|a| a == "*" || a == "*:*") {
        out.push(Hit::at(at.span.clone()).message(format!(
            "{what} allows every action (`\"*\"`): this is administrator access; list the actions needed"
        )));
        return;
    }
    let all_resources = s.resources.iter().any(|r| r == "*");
    if all_resources && let Some(a) = s.actions.iter().find(|a| !is_read_only_action(a)) {
        let sev = if a.ends_with(":*") {
            Severity::High
        } else {
            Severity::Medium
        };
        out.push(Hit::at(at.span.clone()).severity(sev).message(format!(
            "{what} allows `{a}` on every resource (`\"*\"`): scope it to the resources it needs"
        )));
    }
}

impl Check for IamWildcard {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let Some(m) = f.terraform() else { return };
        for b in &m.blocks {
            let what = format!("`{}`", b.address());
            if b.kind == "data" && b.rtype() == "aws_iam_policy_document" {
                for s in document_statements(&b.body) {
                    let at = s
                        .node
                        .get("actions")
                        .or_else(|| s.node.get("not_actions"))
                        .unwrap_or(s.node);
                    let trust = s.actions.iter().any(|a| a.starts_with("sts:AssumeRole"));
                    judge(&s, at, &what, trust, out);
                }
                continue;
            }
            if b.kind != "resource" {
                continue;
            }
            let mut policies: Vec<(&Node, bool)> = Vec::new();
            match b.rtype() {
                "aws_iam_policy"
                | "aws_iam_role_policy"
                | "aws_iam_user_policy"
                | "aws_iam_group_policy" => {
                    policies.extend(b.body.get("policy").map(|p| (p, false)));
                }
                "aws_iam_role" => {
                    policies.extend(b.body.get("assume_role_policy").map(|p| (p, true)));
                    for ip in b.body.each("inline_policy") {
                        policies.extend(ip.get("policy").map(|p| (p, false)));
                    }
                }
                _ => {}
            }
            for (p, trust) in policies {
                let Some(doc) = policy_document(p) else {
                    continue;
                };
                for s in json_statements(&doc) {
                    judge(&s, p, &what, trust, out);
                }
            }
        }
    }
}
