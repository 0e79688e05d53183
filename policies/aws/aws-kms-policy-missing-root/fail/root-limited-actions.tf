resource "aws_kms_key" "app" {
  description         = "Application key"
  enable_key_rotation = true

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "RootReadOnly"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = ["kms:Describe*", "kms:Get*", "kms:List*"]
        Resource  = "*"
      },
      {
        Sid       = "AdminRole"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/key-admin" }
        Action    = ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"]
        Resource  = "*"
      }
    ]
  })
}
