# An identity policy granting `kms:*` on every key (`Resource = "*"`): the role can manage,
# disable and schedule the deletion of any key of the account.
resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "KmsFullAccess"
      Effect   = "Allow"
      Action   = ["kms:*"]
      Resource = "*"
    }]
  })
}
