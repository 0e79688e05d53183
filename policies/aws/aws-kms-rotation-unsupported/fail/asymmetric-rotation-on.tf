resource "aws_kms_key" "signing" {
  description              = "Release signing key"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "RSA_2048"
  enable_key_rotation      = true
}
