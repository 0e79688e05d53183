# rotation_period_in_days is absent: AWS rotates every 365 days.
resource "aws_kms_key" "app" {
  description         = "Application key"
  enable_key_rotation = true
}
