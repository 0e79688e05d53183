data "aws_iam_policy_document" "rds" {
  statement {
    sid       = "RdsGrants"
    actions   = ["kms:CreateGrant"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/db-admin"]
    }
    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }
}

resource "aws_kms_key" "rds" {
  description         = "RDS key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.rds.json
}
