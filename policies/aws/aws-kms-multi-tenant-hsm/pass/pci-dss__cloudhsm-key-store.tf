resource "aws_kms_key" "cardholder" {
  description         = "Cardholder data key in the CloudHSM key store"
  custom_key_store_id = "cks-1234567890abcdef0"

  tags = { owner = "platform" }
}
