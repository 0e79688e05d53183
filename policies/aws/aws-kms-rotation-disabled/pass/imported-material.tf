resource "aws_kms_external_key" "imported" {
  description             = "Key with imported material"
  deletion_window_in_days = 30

  tags = { owner = "platform" }
}
