data "aws_iam_policy_document" "key" {
  statement {
    sid       = "EnableRootAccess"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["111122223333"]
    }
  }

  statement {
    sid       = "Users"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/app", "arn:aws:iam::111122223333:user/ci"]
    }
  }
}

resource "aws_kms_key" "key" {
  description         = "Single-account key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key.json
}
