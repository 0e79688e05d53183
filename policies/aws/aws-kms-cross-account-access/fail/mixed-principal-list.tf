resource "aws_kms_key" "reports" {
  description         = "Reports key"
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
      "Sid": "Readers",
      "Effect": "Allow",
      "Principal": {
        "AWS": [
          "arn:aws:iam::111122223333:role/reports",
          "arn:aws:iam::444455556666:user/auditor"
        ]
      },
      "Action": "kms:Decrypt",
      "Resource": "*"
    }
  ]
}
POLICY
}
