resource "aws_kms_key" "mac" {
  description              = "Webhook MAC key"
  customer_master_key_spec = "HMAC_256"
  key_usage                = "ENCRYPT_DECRYPT"
}
