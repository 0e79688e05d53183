resource "aws_kms_key" "logs" {
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Account"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "Logs"
        Effect    = "Allow"
        Principal = { Service = "logs.eu-west-1.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = {
          ArnLike = { "kms:EncryptionContext:aws:logs:arn" = "arn:aws:logs:eu-west-1:111122223333:log-group:*" }
        }
      },
      {
        Sid       = "CloudTrail"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "kms:GenerateDataKey*"
        Resource  = "*"
        Condition = {
          StringEquals = { "aws:SourceArn" = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main" }
        }
      }
    ]
  })
}

resource "aws_cloudwatch_log_group" "app" {
  name       = "/app"
  kms_key_id = aws_kms_key.logs.arn
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-trail"
  kms_key_id     = aws_kms_key.logs.arn
}

variable "policy" {
  type = string
}

# A policy known only at apply: never judged.
resource "aws_kms_key" "other" {
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = var.policy
}

resource "aws_cloudwatch_log_group" "other" {
  name       = "/other"
  kms_key_id = aws_kms_key.other.arn
}
