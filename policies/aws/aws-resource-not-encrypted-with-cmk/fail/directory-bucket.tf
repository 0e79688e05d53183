# An S3 Express One Zone directory bucket with S3 managed keys.
resource "aws_s3_directory_bucket" "fast" {
  bucket = "fast--euw1-az1--x-s3"

  location {
    name = "euw1-az1"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "fast" {
  bucket = aws_s3_directory_bucket.fast.bucket

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
