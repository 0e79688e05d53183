# keylint:ignore aws-kms-rotation-disabled,aws-kms-multi-region-key -- single-Region key rotated by hand
resource "aws_kms_key" "legacy" {
  description         = "legacy payments key"
  enable_key_rotation = false
}
