variable "rotation_days" {
  type    = number
  default = 730
}

resource "aws_kms_key" "app" {
  description             = "Application key"
  enable_key_rotation     = true
  rotation_period_in_days = var.rotation_days
}
