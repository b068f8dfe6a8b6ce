use vibeguard_code::lang::Lang;
use vibeguard_code::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_code::{code_rule, lazy_regex};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags S3 buckets and objects given a public canned ACL (`public-read`,
    /// `public-read-write`, `authenticated-read`) and public-access blocks switched off.
    ///
    /// ## Why is this bad?
    /// Public ACLs publish every object in the bucket (and with `public-read-write`, let
    /// anyone overwrite them); most data leaks from cloud storage start here (CWE-732).
    ///
    /// ## Example
    /// ```text
    /// resource "aws_s3_bucket_acl" "assets" {
    ///   acl = "public-read-write"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// acl = "private"   # serve public assets through CloudFront with origin access control
    /// ```
    TerraformPublicBucket
}

static META: Meta = Meta {
    id: "terraform/public-bucket",
    title: "Storage bucket made public",
    cwe: &[732],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "bucket or object made public; keep it private and serve it through a CDN with origin access control",
    langs: &[Lang::Terraform],
    keywords: &["public-read", "authenticated-read", "block_public"],
};

impl CodeRule for TerraformPublicBucket {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re = lazy_regex!(
            r#"\bacl\s*=\s*["'](?:public-read|public-read-write|authenticated-read)["']|\b(?:block_public_acls|block_public_policy|restrict_public_buckets|ignore_public_acls)\s*=\s*false\b"#
        );
        for m in re.find_iter(file.text) {
            out.push(Hit {
                start: m.start(),
                end: m.end(),
                fix: None,
            });
        }
    }
}
