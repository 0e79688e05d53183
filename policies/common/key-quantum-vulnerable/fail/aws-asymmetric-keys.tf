resource "aws_kms_key" "release_signing" {
  description              = "Release signing key"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "RSA_3072"
}

resource "aws_kms_key" "key_agreement" {
  description              = "ECDH with partners"
  key_usage                = "KEY_AGREEMENT"
  customer_master_key_spec = "ECC_NIST_P384"
}

resource "aws_kms_key" "ed25519" {
  description              = "Token signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ECC_NIST_EDWARDS25519"
}

resource "aws_kms_key" "sm2" {
  description              = "China region signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "SM2"
}
