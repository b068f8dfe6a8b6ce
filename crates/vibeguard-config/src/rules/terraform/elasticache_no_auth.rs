use super::resources;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags ElastiCache Redis replication groups without an `auth_token` (or a user
    /// group) or without in-transit encryption (`transit_encryption_enabled`).
    ///
    /// ## Why is this bad?
    /// Without a token anything in the VPC that can reach the port (a compromised
    /// instance, a server-side request forgery) reads and rewrites the cache, sessions
    /// included; without TLS the token and data cross the network in clear text
    /// (CWE-306, CWE-319).
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_elasticache_replication_group" "sessions" {
    ///   replication_group_id = "sessions"
    ///   description          = "sessions"
    ///   engine               = "redis"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```hcl
    /// resource "aws_elasticache_replication_group" "sessions" {
    ///   replication_group_id       = "sessions"
    ///   description                = "sessions"
    ///   engine                     = "redis"
    ///   transit_encryption_enabled = true
    ///   auth_token                 = var.redis_auth_token
    /// }
    /// ```
    ElasticacheNoAuth {
        id: "terraform/elasticache-no-auth",
        title: "ElastiCache without auth token or TLS",
        cwe: [306, 319],
        severity: High,
        confidence: High,
        kinds: [Terraform],
        message: "ElastiCache Redis without an auth token or in-transit encryption",
    }
}

impl Check for ElasticacheNoAuth {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for b in resources(f, &["aws_elasticache_replication_group"]) {
            let engine = b
                .body
                .get("engine")
                .and_then(|e| e.text())
                .unwrap_or("redis");
            if !engine.eq_ignore_ascii_case("redis") && !engine.eq_ignore_ascii_case("valkey") {
                continue;
            }
            let tls = b.body.get("transit_encryption_enabled");
            let has_auth =
                b.body.get("auth_token").is_some() || b.body.get("user_group_ids").is_some();
            let mut missing = Vec::new();
            if !tls.is_some_and(|t| t.is_true() || t.is_unknown()) {
                missing.push("in-transit encryption (`transit_encryption_enabled = true`)");
            }
            if !has_auth {
                missing.push("an `auth_token`");
            }
            if !missing.is_empty() {
                let at = tls
                    .filter(|t| t.is_false())
                    .map_or(b.head.clone(), |t| t.span.clone());
                out.push(Hit::at(at).message(format!(
                    "`{}` has no {}",
                    b.address(),
                    missing.join(" and no ")
                )));
            }
        }
    }
}
