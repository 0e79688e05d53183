# The bucket is handed to a module keylint does not fetch (a Git source, not installed by
# `terraform init`): that module may hold its encryption configuration, so the bucket's
# key is unknown and it is not judged.
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

module "bucket_encryption" {
  source = "git::https://example.com/terraform-s3-encryption.git?ref=v1.2.0"
  bucket = aws_s3_bucket.data.id
}
