variable "multi_region" {
  type    = bool
  default = true
}

resource "aws_kms_key" "app" {
  description         = "Application key"
  enable_key_rotation = true
  multi_region        = var.multi_region
}
