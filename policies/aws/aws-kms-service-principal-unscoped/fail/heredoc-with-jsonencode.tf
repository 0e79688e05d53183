# `jsonencode` spliced into a heredoc policy is known text: the policy is read, and the
# service statement has no source condition.
resource "aws_kms_key" "events" {
  description         = "Events key"
  enable_key_rotation = true
  policy              = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "Root",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
          "Action": "kms:*",
          "Resource": "*"
        },
        {
          "Sid": "ServiceUse",
          "Effect": "Allow",
          "Principal": {"Service": ${jsonencode(["events.amazonaws.com"])}},
          "Action": ["kms:GenerateDataKey*", "kms:Decrypt"],
          "Resource": "*"
        }
      ]
    }
  EOF
}
