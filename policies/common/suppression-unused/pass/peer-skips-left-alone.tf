resource "aws_kms_key" "legacy" {
  #checkov:skip=CKV_AWS_999:the team still runs checkov; its skips are its own
  description         = "legacy payments key"
  enable_key_rotation = true # trivy:ignore:AVD-AWS-9999
}
