variable "db_password" {
  default = "ChangeMe123!"
}

resource "aws_db_instance" "main" {
  identifier          = "orders-db"
  engine              = "postgres"
  engine_version      = "8.0"
  instance_class      = "db.t3.medium"
  allocated_storage   = 50
  username            = "admin"
  password            = var.db_password
  publicly_accessible = true
  skip_final_snapshot = true
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "app-cache"
  description          = "cache"
  engine               = "redis"
  node_type            = "cache.t3.micro"
  num_cache_clusters   = 2
}
