# A principal that may change the key policy already controls the key: its CreateGrant is
# no second path (aws-kms-wildcard-action speaks about the `kms:*` statement).
resource "aws_kms_key" "app" {
  description         = "Application key"
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
        Sid       = "KeyAdministrators"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/key-admin" }
        Action    = ["kms:Create*", "kms:Describe*", "kms:Put*", "kms:Revoke*"]
        Resource  = "*"
      },
      {
        Sid       = "BreakGlass"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/break-glass" }
        Action    = "kms:*"
        Resource  = "*"
      }
    ]
  })
}
