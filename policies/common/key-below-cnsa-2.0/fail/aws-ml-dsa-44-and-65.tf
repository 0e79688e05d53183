resource "aws_kms_key" "firmware" {
  description              = "Firmware signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ML_DSA_44"
}

resource "aws_kms_key" "release" {
  description              = "Release signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ML_DSA_65"
}
