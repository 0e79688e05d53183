variable "deletion_window" {
  type    = number
  default = 7
}

resource "aws_kms_key" "app" {
  description             = "Application key"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window
}
