resource "aws_kms_key" "app" {
  description                        = "Application key"
  enable_key_rotation                = true
  bypass_policy_lockout_safety_check = true
}
