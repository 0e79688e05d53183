variable "usage" {
  type = string
}

resource "aws_kms_key" "symmetric" {
  description         = "Data key"
  enable_key_rotation = true
}

resource "aws_kms_key" "rsa" {
  description              = "RSA encryption key"
  customer_master_key_spec = "RSA_3072"
}

resource "aws_kms_key" "agreement" {
  description              = "ECDH key"
  customer_master_key_spec = "ECC_NIST_P384"
  key_usage                = "KEY_AGREEMENT"
}

resource "aws_kms_key" "mldsa" {
  description              = "Post-quantum signing key"
  customer_master_key_spec = "ML_DSA_65"
  key_usage                = "SIGN_VERIFY"
}

# Known only at apply: never judged.
resource "aws_kms_key" "unknown_usage" {
  description              = "Signing key"
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = var.usage
}

# A spec AWS may add later: not in the table, never judged.
resource "aws_kms_key" "future" {
  description              = "Future key"
  customer_master_key_spec = "ML_KEM_768"
  key_usage                = "KEY_AGREEMENT"
}
