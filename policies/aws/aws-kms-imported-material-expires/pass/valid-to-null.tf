resource "aws_kms_external_key" "imported" {
  description = "Key awaiting material import"
  valid_to    = null

  tags = { owner = "platform" }
}
