resource "aws_kms_key" "app" {
  description         = "Application key"
  enable_key_rotation = true
  is_enabled          = true
}
