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
      "Principal": { "AWS": ["111122223333"] },
      "Action": ["kms:*"],
      "Resource": "*"
    }
  ]
}
POLICY
}
