data "aws_iam_policy_document" "drop" {
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
    sid       = "EveryoneButGuest"
    effect    = "Allow"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:user/guest"]
    }
  }
}

resource "aws_kms_key" "drop" {
  description         = "Drop box key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.drop.json
}
