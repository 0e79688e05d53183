resource "aws_kms_key" "app" {
  description             = "Application key"
  enable_key_rotation     = true
  rotation_period_in_days = 90
}
