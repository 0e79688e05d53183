variable "account_id" {
  type = string
}

resource "aws_kms_key" "shared" {
  description         = "Shared key"
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
        # kms:ViaService statements are out of the rule's scope.
        Sid       = "AllowViaSecretsManager"
        Effect    = "Allow"
        Principal = { Service = "secretsmanager.amazonaws.com" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "*"
        Condition = {
          StringEquals = { "kms:ViaService" = "secretsmanager.eu-west-1.amazonaws.com" }
        }
      },
      {
        # A source account known only at apply still scopes the statement.
        Sid       = "AllowSNS"
        Effect    = "Allow"
        Principal = { Service = "sns.amazonaws.com" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
        Condition = {
          StringEquals = { "aws:SourceAccount" = var.account_id }
        }
      },
      {
        # A service principal that may only describe the key is not judged.
        Sid       = "AllowConfigDescribe"
        Effect    = "Allow"
        Principal = { Service = "config.amazonaws.com" }
        Action    = "kms:DescribeKey"
        Resource  = "*"
      }
    ]
  })
}
