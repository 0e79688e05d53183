resource "aws_kms_key" "reports" {
  description         = "Reports key"
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
        Sid       = "ReportsUse"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/reports" }
        Action    = ["kms:Decrypt", "kms:DescribeKey", "kms:DisableKeyRotation"]
        Resource  = "*"
      }
    ]
  })
}
