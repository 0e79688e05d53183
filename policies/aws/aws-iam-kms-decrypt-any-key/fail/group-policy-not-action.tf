resource "aws_iam_group_policy" "developers" {
  name  = "developers"
  group = "developers"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EverythingButIam"
        Effect    = "Allow"
        NotAction = ["iam:*", "organizations:*"]
        Resource  = "*"
      }
    ]
  })
}
