resource "aws_kms_key" "billing" {
  description         = "Billing key"
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
      "Sid": "BillingTeam",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/billing" },
      "Action": "kms:*",
      "Resource": "*"
    }
  ]
}
POLICY
}
