resource "aws_kms_key" "logs" {
  description         = "Log archive key"
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
        Sid       = "EverythingButDeletion"
        Effect    = "Allow"
        Principal = "*"
        NotAction = ["kms:ScheduleKeyDeletion", "kms:DisableKey"]
        Resource  = "*"
      }
    ]
  })
}
