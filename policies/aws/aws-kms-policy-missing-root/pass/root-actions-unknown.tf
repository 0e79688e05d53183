# The root statement's actions come from a variable with no default: they may be `kms:*`,
# so whether the root has full access is unknown, and an unknown never fires.
variable "root_actions" {
  type = list(string)
}

resource "aws_kms_key" "app" {
  description = "application data"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Root"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = var.root_actions
        Resource  = "*"
      },
      {
        Sid       = "Use"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/app" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "*"
      }
    ]
  })
}
