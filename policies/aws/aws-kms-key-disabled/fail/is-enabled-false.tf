resource "aws_kms_key" "legacy" {
  description         = "Legacy key"
  enable_key_rotation = true
  is_enabled          = false
}
