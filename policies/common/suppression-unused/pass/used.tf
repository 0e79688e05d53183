# keylint:ignore aws-kms-rotation-disabled -- rotated by hand every quarter (runbook KMS-7)
resource "aws_kms_key" "legacy" {
  description         = "legacy payments key"
  enable_key_rotation = false
}
