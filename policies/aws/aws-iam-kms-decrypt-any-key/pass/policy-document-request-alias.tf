data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "kms:RequestAlias"
      values   = ["alias/ci-artifacts"]
    }
  }
}

resource "aws_iam_user_policy" "ci" {
  name   = "ci-kms"
  user   = "ci"
  policy = data.aws_iam_policy_document.ci.json
}
