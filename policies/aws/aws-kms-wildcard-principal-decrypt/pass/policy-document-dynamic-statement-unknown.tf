# Statements from a `dynamic` block over a variable without a default are unknown; the
# known statements are judged and none of them is open.
variable "key_statements" {
  type = list(object({
    sid     = string
    actions = list(string)
  }))
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "Default"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }

  dynamic "statement" {
    for_each = var.key_statements

    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = ["*"]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
    }
  }
}

resource "aws_kms_key" "data" {
  description         = "Data lake key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.this.json
}
