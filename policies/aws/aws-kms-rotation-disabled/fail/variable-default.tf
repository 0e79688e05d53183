variable "rotate_keys" {
  type    = bool
  default = false
}

resource "aws_kms_key" "app" {
  description         = "Application key"
  enable_key_rotation = var.rotate_keys
}
