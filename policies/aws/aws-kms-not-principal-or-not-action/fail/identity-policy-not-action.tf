resource "aws_iam_policy" "power_user" {
  name = "power-user-kms"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllKmsButDestruction"
        Effect    = "Allow"
        NotAction = ["kms:ScheduleKeyDeletion", "kms:DisableKey"]
        Resource  = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    ]
  })
}
