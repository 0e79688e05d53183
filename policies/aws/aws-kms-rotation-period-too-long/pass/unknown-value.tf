variable "rotation_days" {
  description = "No default: the value is unknown here"
  type        = number
}

resource "aws_kms_key" "app" {
  description             = "Application key"
  enable_key_rotation     = true
  rotation_period_in_days = var.rotation_days
}
