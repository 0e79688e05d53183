resource "aws_kms_key" "billing" {
  description         = "Billing key"
  enable_key_rotation = true

  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "RootAndOps",
      "Effect": "Allow",
      "Principal": {
        "AWS": [
          "arn:aws:iam::111122223333:root",
          "arn:aws:iam::111122223333:role/ops"
        ]
      },
      "Action": "kms:*",
      "Resource": "*"
    }
  ]
}
POLICY
}
