resource "aws_kms_key" "ml_dsa" {
  description              = "Post-quantum release signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ML_DSA_65"
}

resource "aws_kms_key" "hmac" {
  description              = "Webhook MACs"
  key_usage                = "GENERATE_VERIFY_MAC"
  customer_master_key_spec = "HMAC_256"
}

resource "aws_kms_key" "data" {
  description         = "Data encryption"
  enable_key_rotation = true
}
