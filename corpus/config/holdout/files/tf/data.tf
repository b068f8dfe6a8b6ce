resource "aws_rds_cluster" "aurora" {
  cluster_identifier = "reports"
  engine             = "aurora-postgresql"
  master_username    = "reports"
  master_password    = "R3ports!2024pass"
}

resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
  encrypted      = false
}

resource "aws_redshift_cluster" "dw" {
  cluster_identifier  = "dw"
  node_type           = "dc2.large"
  master_username     = "dw"
  master_password     = var.dw_password
  encrypted           = true
  publicly_accessible = true
}

resource "aws_elasticache_replication_group" "queue" {
  replication_group_id       = "queue"
  description                = "queue"
  transit_encryption_enabled = false
  auth_token                 = var.redis_token
}
