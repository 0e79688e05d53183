data "aws_iam_policy_document" "ci" {
  statement {
    sid       = "CiDataKeys"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["*"]
  }
}

resource "aws_iam_user_policy" "ci" {
  name   = "ci-kms"
  user   = "ci"
  policy = data.aws_iam_policy_document.ci.json
}
