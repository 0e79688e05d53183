resource "aws_iam_policy" "kms_power" {
  name        = "kms-power"
  description = "Full KMS access"

  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "kms:*",
      "Resource": "*"
    }
  ]
}
POLICY
}
