# `kms:ViaService` limits grants to requests made through the named services.
resource "aws_kms_key" "ebs" {
  description         = "EBS key"
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
        Sid       = "GrantsThroughEc2"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/app" }
        Action    = ["kms:CreateGrant", "kms:ListGrants"]
        Resource  = "*"
        Condition = {
          StringEquals = { "kms:ViaService" = ["ec2.eu-west-1.amazonaws.com"] }
        }
      },
      {
        Sid       = "GrantsThroughRds"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/db" }
        Action    = "kms:CreateGrant"
        Resource  = "*"
        Condition = {
          StringLike = { "KMS:VIASERVICE" = "rds.*.amazonaws.com" }
        }
      }
    ]
  })
}
