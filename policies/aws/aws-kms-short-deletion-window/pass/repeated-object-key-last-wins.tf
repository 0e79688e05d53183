# Terraform allows a key repeated in an object constructor; the last value wins, so the
# window is 30 days. The file is valid and must be read.
locals {
  key_settings = {
    deletion_window = 7
    deletion_window = 30
  }
}

resource "aws_kms_key" "app" {
  description             = "Application key"
  enable_key_rotation     = true
  deletion_window_in_days = local.key_settings.deletion_window
}
