resource "aws_kms_key" "app" {
  description         = "Key whose policy lists principals without a principal type"
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
        Sid       = "AppUse"
        Effect    = "Allow"
        Principal = ["arn:aws:iam::111122223333:role/app"]
        Action    = ["kms:Encrypt", "kms:Decrypt"]
        Resource  = "*"
      }
    ]
  })
}
