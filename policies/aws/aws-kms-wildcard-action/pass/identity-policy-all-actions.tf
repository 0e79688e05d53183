# An identity policy is not a key policy: `"*"` on a QuickSight dataset grants no KMS
# action (aws-iam-kms-decrypt-any-key judges identity policies).
resource "aws_iam_policy" "reports" {
  name = "reports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "arn:aws:quicksight:eu-west-1:111122223333:dataset/*"
    }]
  })
}
