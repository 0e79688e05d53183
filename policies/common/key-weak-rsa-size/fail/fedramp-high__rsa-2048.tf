# Under fedramp-high min_rsa_bits is 3072.
resource "aws_kms_key" "signing" {
  description              = "Document signing key"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "RSA_2048"
  deletion_window_in_days  = 30
}
