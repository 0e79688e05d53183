# The standard default key policy of a module: the account comes from a counted data
# source through `try(..., "")`, which is unknown (not the fallback) at plan time, so the
# statement still names the account root.
variable "create" {
  type    = bool
  default = true
}

variable "enable_default_policy" {
  type    = bool
  default = true
}

variable "source_policy_documents" {
  type    = list(string)
  default = []
}

data "aws_partition" "current" {
  count = var.create ? 1 : 0
}

data "aws_caller_identity" "current" {
  count = var.create ? 1 : 0
}

locals {
  account_id = try(data.aws_caller_identity.current[0].account_id, "")
  partition  = try(data.aws_partition.current[0].partition, "")
}

data "aws_iam_policy_document" "this" {
  count = var.create ? 1 : 0

  source_policy_documents = var.source_policy_documents

  dynamic "statement" {
    for_each = var.enable_default_policy ? [1] : []

    content {
      sid       = "Default"
      actions   = ["kms:*"]
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = [format("arn:%s:iam::%s:root", local.partition, local.account_id)]
      }
    }
  }
}

resource "aws_kms_key" "this" {
  count = var.create ? 1 : 0

  description         = "Application key"
  enable_key_rotation = true
  policy              = coalesce(null, data.aws_iam_policy_document.this[0].json)
}
