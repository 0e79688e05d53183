# deletion_window_in_days is absent: the provider default is 30 days.
resource "aws_kms_key" "app" {
  description         = "Application key"
  enable_key_rotation = true
}
