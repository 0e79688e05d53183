# The MFA condition's value is known only at apply: it may require MFA.
variable "require_mfa" {
  type = string
}

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
        Sid       = "DestructiveActions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/key-admin" }
        Action    = ["kms:ScheduleKeyDeletion", "kms:DisableKey"]
        Resource  = "*"
        Condition = {
          Bool = { "aws:MultiFactorAuthPresent" = var.require_mfa }
        }
      }
    ]
  })
}
