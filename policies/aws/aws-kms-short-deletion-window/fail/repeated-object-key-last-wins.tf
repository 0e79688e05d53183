# Terraform allows a key repeated in an object constructor, as a name or a string; the
# last value wins, so the window is 7 days.
locals {
  key_settings = {
    deletion_window   = 30
    "deletion_window" = 7
  }
}

resource "aws_kms_key" "app" {
  description             = "Application key"
  enable_key_rotation     = true
  deletion_window_in_days = local.key_settings.deletion_window
}
