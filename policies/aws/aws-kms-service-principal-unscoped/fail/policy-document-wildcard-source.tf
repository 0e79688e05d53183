data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "sns" {
  statement {
    sid       = "EnableRootAccess"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "AllowSNS"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }
    # A wildcard value scopes nothing.
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["*"]
    }
  }
}

resource "aws_kms_key" "sns" {
  description         = "SNS topic key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.sns.json
}
