resource "aws_kms_key" "vault" {
  description         = "Vault key"
  enable_key_rotation = true
}

data "aws_iam_policy_document" "vault" {
  statement {
    sid       = "EnableRootAccess"
    actions   = ["KMS:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_kms_key_policy" "vault" {
  key_id = aws_kms_key.vault.id
  policy = data.aws_iam_policy_document.vault.json
}
