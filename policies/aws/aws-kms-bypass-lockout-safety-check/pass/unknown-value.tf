variable "skip_lockout_check" {
  description = "No default: the value is unknown here"
  type        = bool
}

resource "aws_kms_key" "app" {
  description                        = "Application key"
  enable_key_rotation                = true
  bypass_policy_lockout_safety_check = var.skip_lockout_check
}
