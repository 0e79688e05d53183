# The default statement is turned off: the counted document has no root statement.
variable "enable_default_policy" {
  type    = bool
  default = false
}

data "aws_iam_policy_document" "this" {
  count = 1

  dynamic "statement" {
    for_each = var.enable_default_policy ? [1] : []

    content {
      sid       = "Default"
      actions   = ["kms:*"]
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::111122223333:root"]
      }
    }
  }

  statement {
    sid       = "Admins"
    actions   = ["kms:Describe*", "kms:Put*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/admin"]
    }
  }
}

resource "aws_kms_key" "this" {
  description         = "Application key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.this[0].json
}
