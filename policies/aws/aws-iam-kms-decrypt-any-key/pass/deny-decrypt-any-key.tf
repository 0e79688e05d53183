resource "aws_iam_group_policy" "contractors" {
  name  = "contractors-no-decrypt"
  group = "contractors"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Deny"
        Action   = ["kms:Decrypt", "kms:ReEncrypt*"]
        Resource = "*"
      }
    ]
  })
}
