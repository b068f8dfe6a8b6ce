resource "aws_s3_bucket" "media" {
  bucket = "acme-public-media"
}

resource "aws_s3_bucket_acl" "media" {
  bucket = aws_s3_bucket.media.id
  acl    = "public-read"
}

resource "aws_s3_bucket_public_access_block" "media" {
  bucket                  = aws_s3_bucket.media.id
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1b"
  size              = 100
}
