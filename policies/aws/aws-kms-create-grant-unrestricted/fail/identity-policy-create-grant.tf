resource "aws_iam_role_policy" "worker_grants" {
  name = "worker-grants"
  role = "worker"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "kms:CreateGrant"
        Resource = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    ]
  })
}
