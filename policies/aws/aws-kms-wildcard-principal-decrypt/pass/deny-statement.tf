resource "aws_kms_key" "guarded" {
  description         = "Guarded key"
  enable_key_rotation = true

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableRootAccess"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "DenyDecryptOutsideVpc"
        Effect    = "Deny"
        Principal = "*"
        Action    = "kms:Decrypt"
        Resource  = "*"
        Condition = {
          StringNotEquals = { "aws:SourceVpc" = "vpc-0a1b2c3d4e5f60000" }
        }
      }
    ]
  })
}
