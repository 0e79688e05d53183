# Policy files of other services beside a key: a role's trust policy and an S3 bucket
# policy name principals but are not key policies.
resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = file("${path.module}/trust.json")
}
