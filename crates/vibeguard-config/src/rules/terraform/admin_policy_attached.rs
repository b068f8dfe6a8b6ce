use super::resources;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags administrator-level managed policies and roles granted to users, roles,
    /// groups or members: AWS `AdministratorAccess`, `PowerUserAccess`,
    /// `IAMFullAccess` (policy attachments and `managed_policy_arns`), Google Cloud
    /// `roles/owner` and `roles/editor`, Azure `Owner`, `Contributor` and `User Access
    /// Administrator` role assignments.
    ///
    /// ## Why is this bad?
    /// Whoever obtains the identity's credentials (a leaked key, a compromised instance
    /// or pipeline) can do everything in the account or project, including granting
    /// themselves persistence (CWE-269, CWE-250).
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_iam_role_policy_attachment" "ci" {
    ///   role       = aws_iam_role.ci.name
    ///   policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```hcl
    /// resource "aws_iam_role_policy_attachment" "ci" {
    ///   role       = aws_iam_role.ci.name
    ///   policy_arn = aws_iam_policy.deploy_static_site.arn   # only what the job does
    /// }
    /// ```
    AdminPolicyAttached {
        id: "terraform/admin-policy-attached",
        title: "Administrator policy attached",
        cwe: [269, 250],
        severity: High,
        confidence: High,
        kinds: [Terraform],
        message: "an administrator-level policy or role is granted: grant a policy with only the permissions needed",
    }
}

fn admin_arn(arn: &str) -> Option<&'static str> {
    let name = arn.rsplit('/').next().unwrap_or(arn);
    match name {
        "AdministratorAccess" => Some("AdministratorAccess"),
        "PowerUserAccess" => Some("PowerUserAccess"),
        "IAMFullAccess" => Some("IAMFullAccess"),
        _ => None,
    }
}

impl Check for AdminPolicyAttached {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for b in resources(
            f,
            &[
                "aws_iam_role_policy_attachment",
                "aws_iam_user_policy_attachment",
                "aws_iam_group_policy_attachment",
                "aws_iam_policy_attachment",
            ],
        ) {
            if let Some(p) = b.body.get("policy_arn")
                && let Some(name) = p.text().and_then(admin_arn)
            {
                out.push(Hit::at(p.span.clone()).message(format!(
                    "`{}` attaches `{name}`: grant a policy with only the permissions needed",
                    b.address()
                )));
            }
        }
        for b in resources(f, &["aws_iam_role", "aws_iam_user", "aws_iam_group"]) {
            for arn in b
                .body
                .get("managed_policy_arns")
                .map(|a| a.items())
                .unwrap_or(&[])
            {
                if let Some(name) = arn.text().and_then(admin_arn) {
                    out.push(Hit::at(arn.span.clone()).message(format!(
                        "`{}` has `{name}`: grant a policy with only the permissions needed",
                        b.address()
                    )));
                }
            }
        }
        for b in resources(
            f,
            &[
                "google_project_iam_member",
                "google_project_iam_binding",
                "google_organization_iam_member",
                "google_organization_iam_binding",
                "google_folder_iam_member",
                "google_folder_iam_binding",
            ],
        ) {
            if let Some(r) = b.body.get("role")
                && matches!(r.text(), Some("roles/owner" | "roles/editor"))
            {
                out.push(Hit::at(r.span.clone()).message(format!(
                    "`{}` grants `{}`: grant a narrower predefined or custom role",
                    b.address(),
                    r.text().unwrap_or("")
                )));
            }
        }
        for b in resources(f, &["azurerm_role_assignment"]) {
            if let Some(r) = b.body.get("role_definition_name")
                && matches!(
                    r.text(),
                    Some("Owner" | "Contributor" | "User Access Administrator")
                )
            {
                out.push(Hit::at(r.span.clone()).message(format!(
                    "`{}` assigns `{}`: assign a narrower role",
                    b.address(),
                    r.text().unwrap_or("")
                )));
            }
        }
    }
}
