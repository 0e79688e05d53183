resource "aws_kms_key" "backup" {
  description         = "Backup key"
  enable_key_rotation = true
}

data "aws_iam_policy_document" "backup" {
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
    sid       = "BackupVaultAccount"
    actions   = ["kms:CreateGrant", "kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:role/backup-operator"]
    }
  }
}

resource "aws_kms_key_policy" "backup" {
  key_id = aws_kms_key.backup.id
  policy = data.aws_iam_policy_document.backup.json
}
