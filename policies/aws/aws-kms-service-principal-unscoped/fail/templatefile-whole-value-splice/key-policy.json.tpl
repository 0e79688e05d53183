{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Root",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::${account}:root" },
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "ServiceUse",
      "Effect": "Allow",
      "Principal": { "Service": ${services} },
      "Action": ["kms:GenerateDataKey*", "kms:Decrypt"],
      "Resource": "*"
    }
  ]
}
