resource "aws_kms_key" "etl" {
  description         = "ETL key"
  enable_key_rotation = true
}

data "aws_iam_policy_document" "etl" {
  statement {
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }

  statement {
    actions   = ["kms:Disable*", "kms:Delete*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/etl"]
    }
  }

  statement {
    actions   = ["kms:ReEncrypt*", "kms:GenerateDataKeyPair"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/etl"]
    }
  }
}

resource "aws_kms_key_policy" "etl" {
  key_id = aws_kms_key.etl.id
  policy = data.aws_iam_policy_document.etl.json
}
