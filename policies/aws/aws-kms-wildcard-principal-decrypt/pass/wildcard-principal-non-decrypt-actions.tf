resource "aws_kms_key" "intake" {
  description         = "Drop box key: anyone may encrypt, nobody outside may read"
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
        Sid       = "AnyoneCanEncrypt"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["kms:Encrypt", "kms:DescribeKey"]
        Resource  = "*"
      }
    ]
  })
}
