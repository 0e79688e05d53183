resource "aws_kms_key" "mac" {
  description              = "Webhook MAC key"
  key_usage                = "GENERATE_VERIFY_MAC"
  customer_master_key_spec = "HMAC_256"
  enable_key_rotation      = true
}
