provider "aws" {
  region     = "eu-west-1"
  access_key = "ASIARJ7CTJ6MO4KYP6JP"
  secret_key = "WRTjZvtsKlVbS89wrtnBmbGwCPvGS6niz/lLggml"
}

resource "aws_db_instance" "main" {
  engine   = "postgres"
  username = "app"
  password = "oLhln2awOn-w%TQz_nD"
}

resource "aws_db_instance" "replica" {
  password = var.db_password
  password = random_password.db.result
}
provider "azurerm" {
  features {}
  client_secret = "rgm8Q~UTuXb4Qwo5a6c.KLoSm~7q2X8vS3-nSXcZ"
  tenant_id     = "7e1211ad-4a6a-41fb-9bbb-fed1a5e81ccc"
  subscription_id = "6088f8be-af64-4d80-a103-b70ace8e4144"
}
provider "datadog" {
  api_key = "aff0100a9427a96e260f018bf3b3f4eb"
  app_key = "d1619686e196d4f399fb8ceed48798e583617bb3"
}
