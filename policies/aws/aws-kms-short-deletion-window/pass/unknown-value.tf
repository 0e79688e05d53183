variable "deletion_window" {
  description = "Set by the caller; no default, so the value is unknown here"
  type        = number
}

resource "aws_kms_key" "app" {
  description             = "Application key"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window
}
