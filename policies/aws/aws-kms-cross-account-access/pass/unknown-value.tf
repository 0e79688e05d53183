# The key's own account comes from a data source, so it is unknown: the rule stays silent.
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "shared" {
  description         = "Shared key"
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
      },
      {
        Sid       = "PartnerDecrypt"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::444455556666:role/x" }
        Action    = "kms:Decrypt"
        Resource  = "*"
      }
    ]
  })
}
