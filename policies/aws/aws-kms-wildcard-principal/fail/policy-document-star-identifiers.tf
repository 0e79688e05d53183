resource "aws_kms_key" "inbox" {
  description         = "Inbox key"
  enable_key_rotation = true
}

data "aws_iam_policy_document" "inbox" {
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
    sid       = "AnyoneCanReadMetadata"
    actions   = ["kms:List*", "kms:Get*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_kms_key_policy" "inbox" {
  key_id = aws_kms_key.inbox.id
  policy = data.aws_iam_policy_document.inbox.json
}
