# `policy = ""` is unset for the AWS provider: the default key policy, which gives the
# account root `kms:*`, applies.
variable "policy" {
  type    = string
  default = ""
}

resource "aws_kms_key" "this" {
  description         = "Key with the default key policy"
  enable_key_rotation = true
  policy              = var.policy
}

resource "aws_kms_key_policy" "other" {
  key_id = aws_kms_key.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Root"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
