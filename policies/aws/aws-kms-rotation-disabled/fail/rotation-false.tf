resource "aws_kms_key" "app" {
  description             = "Application key"
  deletion_window_in_days = 30
  enable_key_rotation     = false
}
