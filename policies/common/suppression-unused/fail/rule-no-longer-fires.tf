# keylint:ignore aws-kms-rotation-disabled -- legacy key, rotated by hand
resource "aws_kms_key" "legacy" {
  description         = "legacy payments key"
  enable_key_rotation = true
}
