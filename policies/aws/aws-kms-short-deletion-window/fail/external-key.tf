resource "aws_kms_external_key" "imported" {
  description             = "Key with imported material"
  deletion_window_in_days = 7

  tags = { owner = "platform" }
}
