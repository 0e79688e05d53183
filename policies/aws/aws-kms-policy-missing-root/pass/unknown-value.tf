# The root ARN depends on a data source: the principal is unknown, so the rule stays silent.
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "app" {
  description         = "Application key"
  enable_key_rotation = true

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableRootAccess"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      }
    ]
  })
}
