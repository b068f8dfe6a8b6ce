use crate::rule::{Check, File, Hit};
use crate::tree::Node;

crate::config_rule! {
    /// ## What it does
    /// Flags AWS storage and databases without encryption at rest, where encryption is
    /// off unless asked for: RDS instances and clusters, DocumentDB and Neptune clusters
    /// (`storage_encrypted`), EBS volumes and instance block devices (`encrypted`), EFS
    /// (`encrypted`), Redshift (`encrypted`), OpenSearch/Elasticsearch domains
    /// (`encrypt_at_rest`), ElastiCache replication groups (`at_rest_encryption_enabled`),
    /// and SQS queues with server-side encryption turned off.
    ///
    /// ## Why is this bad?
    /// Unencrypted volumes, snapshots and backups are readable by anyone who obtains a
    /// copy, a shared snapshot, a decommissioned disk, a mis-scoped backup role, and
    /// many compliance regimes require encryption at rest (CWE-311).
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_db_instance" "main" {
    ///   engine            = "postgres"
    ///   instance_class    = "db.t3.micro"
    ///   allocated_storage = 20
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```hcl
    /// resource "aws_db_instance" "main" {
    ///   engine            = "postgres"
    ///   instance_class    = "db.t3.micro"
    ///   allocated_storage = 20
    ///   storage_encrypted = true
    ///   kms_key_id        = aws_kms_key.db.arn
    /// }
    /// ```
    UnencryptedStorage {
        id: "terraform/unencrypted-storage",
        title: "Storage not encrypted at rest",
        cwe: [311],
        severity: Medium,
        confidence: High,
        kinds: [Terraform],
        message: "storage or database without encryption at rest",
    }
}

/// Off when set to false, or when left out (`missing_is_off`).
fn off(n: Option<&Node>, missing_is_off: bool) -> bool {
    match n {
        Some(v) => v.is_false(),
        None => missing_is_off,
    }
}

impl Check for UnencryptedStorage {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        let Some(m) = f.terraform() else { return };
        let checks: &[(&str, &str)] = &[
            ("aws_db_instance", "storage_encrypted"),
            ("aws_rds_cluster", "storage_encrypted"),
            ("aws_docdb_cluster", "storage_encrypted"),
            ("aws_neptune_cluster", "storage_encrypted"),
            ("aws_ebs_volume", "encrypted"),
            ("aws_efs_file_system", "encrypted"),
            ("aws_redshift_cluster", "encrypted"),
            (
                "aws_elasticache_replication_group",
                "at_rest_encryption_enabled",
            ),
        ];
        for b in m.blocks.iter().filter(|b| b.kind == "resource") {
            let at_head = |key: &str| {
                Hit::at(b.head.clone()).message(format!(
                    "`{}` is not encrypted at rest: set `{key} = true`",
                    b.address()
                ))
            };
            if let Some((_, key)) = checks.iter().find(|(t, _)| *t == b.rtype()) {
                // Aurora clusters restored from an encrypted snapshot inherit it.
                if b.body.get("snapshot_identifier").is_some()
                    || b.body.get("replicate_source_db").is_some()
                {
                    continue;
                }
                match b.body.get(key) {
                    Some(v) if v.is_false() => out.push(Hit::at(v.span.clone()).message(format!(
                        "`{}` sets `{key} = false`: it is not encrypted at rest",
                        b.address()
                    ))),
                    Some(_) => {}
                    None => out.push(at_head(key)),
                }
                continue;
            }
            match b.rtype() {
                "aws_instance" | "aws_launch_configuration" => {
                    let roots = b.body.each("root_block_device");
                    let devices: Vec<&Node> = roots
                        .iter()
                        .copied()
                        .chain(b.body.each("ebs_block_device"))
                        .collect();
                    for dev in &devices {
                        match dev.get("encrypted") {
                            Some(v) if v.is_false() => {
                                out.push(Hit::at(v.span.clone()).message(format!(
                                    "`{}` has a block device with `encrypted = false`",
                                    b.address()
                                )))
                            }
                            Some(_) => {}
                            None => out.push(Hit::at(dev.span.clone()).message(format!(
                                "`{}` has a block device without `encrypted = true`",
                                b.address()
                            ))),
                        }
                    }
                    // No root_block_device: the root volume is unencrypted unless the
                    // account turned EBS encryption on by default.
                    if roots.is_empty() {
                        out.push(Hit::at(b.head.clone()).message(format!(
                            "`{}` does not encrypt its root volume: add `root_block_device {{ encrypted = true }}`",
                            b.address()
                        )));
                    }
                }
                "aws_elasticsearch_domain" | "aws_opensearch_domain" => {
                    let ear = b.body.each("encrypt_at_rest");
                    let enabled = ear.first().and_then(|e| e.get("enabled"));
                    if ear.is_empty() || off(enabled, true) {
                        out.push(Hit::at(enabled.map_or(b.head.clone(), |e| e.span.clone())).message(format!(
                            "`{}` is not encrypted at rest: add `encrypt_at_rest {{ enabled = true }}`",
                            b.address()
                        )));
                    }
                }
                "aws_sqs_queue" => {
                    if let Some(v) = b.body.get("sqs_managed_sse_enabled")
                        && v.is_false()
                        && b.body.get("kms_master_key_id").is_none()
                    {
                        out.push(Hit::at(v.span.clone()).message(format!(
                            "`{}` turns server-side encryption off",
                            b.address()
                        )));
                    }
                }
                _ => {}
            }
        }
    }
}
