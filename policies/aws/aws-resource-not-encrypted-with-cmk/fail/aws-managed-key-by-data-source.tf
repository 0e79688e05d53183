# The AWS managed key looked up by its alias is still the AWS managed key.
data "aws_kms_alias" "sns" {
  name = "alias/aws/sns"
}

resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = data.aws_kms_alias.sns.target_key_arn
}

data "aws_kms_key" "s3" {
  key_id = "alias/aws/s3"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = data.aws_kms_key.s3.arn
    }
  }
}

resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

# A customer managed key looked up by its alias is unknown here: not reported.
data "aws_kms_alias" "app" {
  name = "alias/app"
}

resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = data.aws_kms_alias.app.target_key_arn
}
