resource "aws_kms_key" "legacy" {
  description         = "legacy payments key"
  enable_key_rotation = false # keylint:ignore aws-kms-rotaton-disabled -- rotated by hand (runbook KMS-7)
}
