# An identity policy's `"*"` on a QuickSight dataset grants no KMS action: its Resource
# covers no key.
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
