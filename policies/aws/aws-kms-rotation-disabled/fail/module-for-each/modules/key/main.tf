variable "rotate" {
  type    = bool
  default = true
}

resource "aws_kms_key" "this" {
  description         = "regional key"
  enable_key_rotation = var.rotate
}
