resource "aws_kms_key" "ml_dsa_44" {
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ML_DSA_44"
}

resource "aws_kms_key" "ml_dsa_87" {
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ML_DSA_87"
}
