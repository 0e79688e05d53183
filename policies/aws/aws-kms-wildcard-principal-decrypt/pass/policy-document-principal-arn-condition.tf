resource "aws_kms_key" "batch" {
  description         = "Batch jobs key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.batch.json
}

data "aws_iam_policy_document" "batch" {
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
    sid       = "BatchRolesDecrypt"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::111122223333:role/batch-*"]
    }
  }
}
