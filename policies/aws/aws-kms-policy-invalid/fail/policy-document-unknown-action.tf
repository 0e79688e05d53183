data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ["kms:GenerateDataKeys", "kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  }
}

resource "aws_iam_role_policy" "ci" {
  name   = "ci-kms"
  role   = "ci"
  policy = data.aws_iam_policy_document.ci.json
}
