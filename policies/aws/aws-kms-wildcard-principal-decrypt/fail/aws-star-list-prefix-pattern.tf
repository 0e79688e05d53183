resource "aws_kms_key" "reports" {
  description         = "Report bucket key"
  enable_key_rotation = true

  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EnableRootAccess",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Principal": { "AWS": ["*"] },
      "Action": ["kms:De*"],
      "Resource": "*"
    }
  ]
}
POLICY
}
