variable "multi_region" {
  description = "No default: the value is unknown here"
  type        = bool
}

resource "aws_kms_key" "app" {
  description         = "Application key"
  enable_key_rotation = true
  multi_region        = var.multi_region
}
