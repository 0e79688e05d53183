variable "key_enabled" {
  description = "No default: the value is unknown here"
  type        = bool
}

resource "aws_kms_key" "app" {
  description         = "Application key"
  enable_key_rotation = true
  is_enabled          = var.key_enabled
}
