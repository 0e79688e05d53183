resource "aws_iam_policy" "no_grants" {
  name = "no-direct-kms-grants"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Deny"
        Action   = "kms:CreateGrant"
        Resource = "*"
        Condition = {
          Bool = { "kms:GrantIsForAWSResource" = "false" }
        }
      }
    ]
  })
}
