locals {
  env             = "dev"
  deletion_window = 7
}

resource "aws_kms_key" "app" {
  description             = "Application key (${local.env})"
  enable_key_rotation     = true
  deletion_window_in_days = local.deletion_window
}
