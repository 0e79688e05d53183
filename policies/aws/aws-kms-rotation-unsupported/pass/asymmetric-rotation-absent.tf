resource "aws_kms_key" "signing" {
  description              = "Release signing key"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "RSA_4096"
}
