variable "name" {
  type = string
}

variable "deletion_window_in_days" {
  type    = number
  default = 30
}

resource "aws_kms_key" "this" {
  description             = "${var.name} data key"
  deletion_window_in_days = var.deletion_window_in_days
  enable_key_rotation     = true
}
