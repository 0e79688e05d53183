data "aws_iam_policy_document" "key" {
  statement {
    sid       = "EnableRootAccess"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }

  statement {
    sid       = "AdminWithMfa"
    actions   = ["kms:Disable*", "kms:ScheduleKeyDeletion"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/key-admin"]
    }
    condition {
      test     = "Bool"
      variable = "AWS:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_kms_key" "key" {
  description         = "MFA-protected key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key.json
}
