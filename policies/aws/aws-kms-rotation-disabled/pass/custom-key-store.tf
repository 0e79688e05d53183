resource "aws_kms_key" "hsm" {
  description         = "Key in the CloudHSM key store"
  custom_key_store_id = "cks-1234567890abcdef0"

  tags = { owner = "platform" }
}
