use super::{json_statements, policy_document, resources};
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags storage made readable or writable by anyone: S3 buckets with a public ACL
    /// (`public-read`, `public-read-write`, `authenticated-read`, or a grant to
    /// AllUsers), a public access block with any protection set to `false`, bucket
    /// policies allowing `Principal = "*"` without a condition; Google Cloud Storage
    /// granted to `allUsers`/`allAuthenticatedUsers` or with a public predefined ACL;
    /// Azure containers with `blob`/`container` access and storage accounts allowing
    /// public blob access (explicitly, or by not turning the provider's default off).
    ///
    /// ## Why is this bad?
    /// Public buckets are the most common source of cloud data leaks: backups, exports
    /// and uploads become downloadable by anyone who guesses or finds the name, and a
    /// writable one serves attacker content under your domain (CWE-284, CWE-200).
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_s3_bucket_acl" "data" {
    ///   bucket = aws_s3_bucket.data.id
    ///   acl    = "public-read"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```hcl
    /// resource "aws_s3_bucket_public_access_block" "data" {
    ///   bucket                  = aws_s3_bucket.data.id
    ///   block_public_acls       = true
    ///   block_public_policy     = true
    ///   ignore_public_acls      = true
    ///   restrict_public_buckets = true
    /// }
    /// ```
    PublicStorage {
        id: "terraform/public-storage",
        title: "Public storage bucket",
        cwe: [284, 200],
        severity: High,
        confidence: High,
        kinds: [Terraform],
        message: "the storage is readable or writable by anyone",
    }
}

const PUBLIC_ACLS: &[&str] = &[
    "public-read",
    "public-read-write",
    "authenticated-read",
    "website",
];
const ALL_USERS: &[&str] = &["allUsers", "allAuthenticatedUsers"];

impl Check for PublicStorage {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for b in resources(f, &["aws_s3_bucket", "aws_s3_bucket_acl"]) {
            if let Some(acl) = b.body.get("acl")
                && acl.text().is_some_and(|a| PUBLIC_ACLS.contains(&a))
            {
                out.push(Hit::at(acl.span.clone()).message(format!(
                    "`{}` uses the `{}` ACL: the bucket's objects are public",
                    b.address(),
                    acl.text().unwrap_or("")
                )));
            }
            for acp in b.body.each("access_control_policy") {
                for g in acp.each("grant") {
                    for gr in g.each("grantee") {
                        if let Some(uri) = gr.get("uri")
                            && uri.text().is_some_and(|u| {
                                u.contains("/global/AllUsers")
                                    || u.contains("/global/AuthenticatedUsers")
                            })
                        {
                            out.push(Hit::at(uri.span.clone()).message(format!(
                                "`{}` grants access to every AWS user or anyone",
                                b.address()
                            )));
                        }
                    }
                }
            }
        }
        for b in resources(
            f,
            &[
                "aws_s3_bucket_public_access_block",
                "aws_s3_account_public_access_block",
            ],
        ) {
            for key in [
                "block_public_acls",
                "block_public_policy",
                "ignore_public_acls",
                "restrict_public_buckets",
            ] {
                if let Some(v) = b.body.get(key)
                    && v.is_false()
                {
                    out.push(Hit::at(v.span.clone()).message(format!(
                        "`{}` sets `{key} = false`: public ACLs or policies can expose the bucket",
                        b.address()
                    )));
                }
            }
        }
        for b in resources(f, &["aws_s3_bucket_policy", "aws_s3_bucket"]) {
            let Some(p) = b.body.get("policy") else {
                continue;
            };
            let Some(doc) = policy_document(p) else {
                continue;
            };
            if json_statements(&doc)
                .iter()
                .any(|s| s.allow && !s.has_condition && s.principals.iter().any(|x| x == "*"))
            {
                out.push(Hit::at(p.span.clone()).message(format!(
                    "`{}`'s policy allows `Principal: \"*\"` without a condition: anyone can access the bucket",
                    b.address()
                )));
            }
        }
        for b in resources(
            f,
            &[
                "google_storage_bucket_iam_member",
                "google_storage_bucket_iam_binding",
                "google_storage_object_access_control",
                "google_storage_bucket_access_control",
                "google_storage_default_object_access_control",
            ],
        ) {
            let mut members = super::strings(b.body.get("member"));
            members.extend(super::strings(b.body.get("members")));
            members.extend(super::strings(b.body.get("entity")));
            if let Some(m) = members
                .iter()
                .find(|m| m.text().is_some_and(|t| ALL_USERS.contains(&t)))
            {
                out.push(Hit::at(m.span.clone()).message(format!(
                    "`{}` grants `{}` access to the bucket: it is public",
                    b.address(),
                    m.text().unwrap_or("")
                )));
            }
        }
        for b in resources(
            f,
            &["google_storage_bucket_acl", "google_storage_object_acl"],
        ) {
            if let Some(p) = b.body.get("predefined_acl")
                && p.text().is_some_and(|a| a.starts_with("public"))
            {
                out.push(
                    Hit::at(p.span.clone())
                        .message(format!("`{}` uses a public predefined ACL", b.address())),
                );
            }
            for r in super::strings(b.body.get("role_entity")) {
                if r.text()
                    .is_some_and(|t| ALL_USERS.iter().any(|u| t.ends_with(u)))
                {
                    out.push(
                        Hit::at(r.span.clone())
                            .message(format!("`{}` grants access to all users", b.address())),
                    );
                }
            }
        }
        for b in resources(f, &["azurerm_storage_container"]) {
            if let Some(t) = b.body.get("container_access_type")
                && matches!(t.text(), Some("blob" | "container"))
            {
                out.push(Hit::at(t.span.clone()).message(format!(
                    "`{}` allows anonymous `{}` access",
                    b.address(),
                    t.text().unwrap_or("")
                )));
            }
        }
        for b in resources(f, &["azurerm_storage_account"]) {
            let keys = [
                "allow_blob_public_access",
                "allow_nested_items_to_be_public",
            ];
            let mut set = false;
            for key in keys {
                let Some(v) = b.body.get(key) else { continue };
                set = true;
                if v.is_true() {
                    out.push(Hit::at(v.span.clone()).message(format!(
                        "`{}` sets `{key} = true`: containers in it can be made public",
                        b.address()
                    )));
                }
            }
            // The provider's default allows public containers.
            if !set {
                out.push(
                    Hit::at(b.head.clone())
                        .severity(vibeguard_core::Severity::Medium)
                        .message(format!(
                            "`{}` does not set `allow_nested_items_to_be_public = false`, so its containers can be made public",
                            b.address()
                        )),
                );
            }
        }
    }
}
