resource "aws_kms_external_key" "imported" {
  description = "Key with imported material"
  enabled     = false

  tags = { owner = "platform" }
}
