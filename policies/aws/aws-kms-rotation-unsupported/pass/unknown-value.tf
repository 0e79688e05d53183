variable "key_spec" {
  description = "No default: the key type is unknown here"
  type        = string
}

resource "aws_kms_key" "app" {
  description              = "Key of a caller-chosen type"
  customer_master_key_spec = var.key_spec
  enable_key_rotation      = true
}
