resource "aws_kms_external_key" "primary" {
  description  = "Multi-Region key with imported material"
  multi_region = true

  tags = { owner = "platform" }
}
