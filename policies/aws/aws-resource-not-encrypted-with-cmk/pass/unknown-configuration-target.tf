variable "bucket_name" {
  type = string
}

# The configuration names its bucket with a value known only at apply: it may configure
# this bucket, so no bucket of the module is judged.
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "other" {
  bucket = var.bucket_name

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
